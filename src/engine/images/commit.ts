// `commit`: a container's upper dir (read by the fs helper in the namespace) becomes a layer on top of
// its image; --change instructions are applied to the config the way a Dockerfile's metadata steps are.
import { InvalidArgumentError } from '../../errors/index.js';
import { parseInstruction } from '../../build/dockerfile/parser.js';
import { setEnv, type ImageConfig as BuildConfig } from '../../build/image-config.js';
import { StageEvaluator } from '../../build/stage-evaluator.js';
import { parseImageConfig } from '../../image/manifest.js';
import type { ContainerDeps } from '../containers/container-deps.js';
import type { ContainerRecord } from '../containers/container-record.js';
import type { ImageCommitOptions } from '../engine.js';
import { commitImage } from './build-backend.js';
import { layerFromHelper } from './build-layers.js';
import { findImage } from './find-image.js';
import type { ImageContext } from './image-context.js';

const ALLOWED = new Set(['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** The container's own settings over its image's config, as Docker and Podman commit them (--change goes on top). */
export function containerConfig(record: ContainerRecord, image: BuildConfig): BuildConfig {
  const c = record.config;
  // The -e values over the image's Env; not HOSTNAME or the runtime's marker, which each run sets anew.
  const env = c.env.reduce((acc, kv) => {
    const eq = kv.indexOf('=');
    return eq < 0 ? acc : setEnv(acc, kv.slice(0, eq), kv.slice(eq + 1));
  }, image.Env ?? []);
  const config: BuildConfig = { ...image, Env: env };
  if (c.entrypoint !== undefined) {
    config.Entrypoint = c.entrypoint;
    if (c.command === undefined) delete config.Cmd;
  }
  if (c.command !== undefined) config.Cmd = c.command;
  if (c.user !== undefined) config.User = c.user;
  if (c.workingDir !== undefined) config.WorkingDir = c.workingDir;
  if (Object.keys(c.labels).length > 0) config.Labels = { ...image.Labels, ...c.labels };
  if (c.expose.length > 0) {
    config.ExposedPorts = { ...image.ExposedPorts, ...Object.fromEntries(c.expose.map((e) => [`${e.port}/${e.protocol}`, {}])) };
  }
  return config;
}

export async function commitContainer(
  ctx: ImageContext, containers: ContainerDeps, name: string, options: ImageCommitOptions = {},
): Promise<{ imageId: string }> {
  const record = await containers.store.resolve(name);
  const image = await findImage(ctx, record.config.image.id);
  const doc = parseImageConfig(await ctx.blobs.read(image.configDigest));
  const ev = new StageEvaluator({ baseConfig: containerConfig(record, (doc.config ?? {}) as BuildConfig) });
  for (const change of options.changes ?? []) {
    const ins = parseInstruction(change);
    if (!ALLOWED.has(ins.keyword)) throw new InvalidArgumentError(`invalid change "${change}": ${ins.keyword} is not allowed in a commit`);
    ev.step(ins);
  }
  const paths = containers.store.paths(record.config.id);
  const layers = image.layers.map((l) => ({ chainId: l.chainId, diffId: l.diffId, digest: l.digest, mediaType: l.mediaType, size: l.size }));
  const layer = await layerFromHelper(ctx, layers.at(-1)?.chainId, { op: 'layer-diff', upper: paths.upper });
  const created = new Date().toISOString();
  const imageId = await commitImage(ctx, {
    config: ev.config, layers: [...layers, layer], architecture: doc.architecture, os: doc.os, created,
    history: [...(doc.history ?? []), {
      created, created_by: record.command.join(' '),
      ...(options.message ? { comment: options.message } : {}), ...(options.author ? { author: options.author } : {}),
    }],
    ...(options.author ? { author: options.author } : {}),
    names: options.reference ? [options.reference] : [],
  });
  await ctx.events.emit('container', 'commit', record.config.id, { name: record.config.name });
  return { imageId };
}
