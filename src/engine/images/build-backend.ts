// The engine's side of the builder's port (build/build-backend.ts): base images from the image store (pulled
// when missing), RUN as a container on the runtime path whose upper dir becomes a layer, COPY layers, the
// step cache (one record per key), and the commit of config + manifest + record.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { BaseImage, BuildBackend, CacheEntry, CommitRequest, LayerHandle, RunRequest } from '../../build/build-backend.js';
import type { ImageConfig as BuildConfig } from '../../build/image-config.js';
import { NotFoundError } from '../../errors/index.js';
import { sha256Digest } from '../../image/digest.js';
import { parseImageConfig, type ImageConfig } from '../../image/manifest.js';
import { formatReference, normalizeReference } from '../../image/reference.js';
import { readRecord, writeRecord } from '../../state/record-store.js';
import { createCopyTar } from '../../storage/copy-tar.js';
import { MergedTree } from '../../storage/merged-tree.js';
import { defaultContainerSettings, type NetworkMode } from '../containers/container-config.js';
import type { ContainerDeps } from '../containers/container-deps.js';
import { removeLocked } from '../containers/container-remove.js';
import { runContainer } from '../containers/container-run.js';
import { accountFiles } from '../containers/rootfs.js';
import { resolveUser } from '../containers/resolve-user.js';
import { findImage } from './find-image.js';
import type { ImageContext } from './image-context.js';
import { pullImage } from './pull.js';
import { layerFromHelper, storeLayerTar } from './build-layers.js';

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';

export function createBuildBackend(ctx: ImageContext, containers: ContainerDeps): BuildBackend {
  const diffDirs = (layers: readonly LayerHandle[]) => [...layers].reverse().map((l) => ctx.layers.diffPath(l.chainId));
  const cacheFile = (key: string) => join(ctx.paths.root, 'build-cache', `${key.replace(/^sha256:/, '')}.json`);
  return {
    async baseImage(ref, options) {
      let record = options.pull ? undefined : await findImage(ctx, ref).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      if (!record) {
        for await (const _ of pullImage(ctx, ref, options.signal ? { signal: options.signal } : {})) { /* progress is not shown */ }
        record = await findImage(ctx, ref);
      }
      const config = parseImageConfig(await ctx.blobs.read(record.configDigest));
      const base: BaseImage = {
        id: record.id, config: (config.config ?? {}) as BuildConfig, history: config.history ?? [],
        layers: record.layers.map((l) => ({ chainId: l.chainId, diffId: l.diffId, digest: l.digest, mediaType: l.mediaType, size: l.size })),
        architecture: config.architecture, os: config.os,
      };
      return base;
    },
    run: (request) => runStep(ctx, containers, request),
    async copy(parent, request) {
      const spec = { dirs: request.dirs, items: request.items, uid: request.uid, gid: request.gid, ...(request.chmod !== undefined ? { chmod: request.chmod } : {}) };
      const top = parent.at(-1)?.chainId;
      if (request.from === undefined) return storeLayerTar(ctx, top, createCopyTar(new MergedTree([request.contextDir ?? '.']), spec));
      return layerFromHelper(ctx, top, { op: 'layer-copy', layers: diffDirs(request.from), spec });
    },
    async pathType(layers, path) {
      const found = await new MergedTree(diffDirs(layers)).lookup(path.replace(/^\/+/, '')).catch(() => undefined);
      if (!found) return undefined;
      const s = found.stats;
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : s.isSymbolicLink() ? 'symlink' : 'other';
    },
    async resolveOwner(layers, chown) {
      const files = await accountFiles(diffDirs(layers));
      const user = resolveUser(chown.group === undefined ? chown.user : `${chown.user}:${chown.group}`, files);
      return { uid: user.uid, gid: user.gid };
    },
    async cacheGet(key) {
      const entry = await readRecord<CacheEntry>(cacheFile(key)).catch(() => undefined);
      if (!entry) return undefined;
      if (entry.layer && !((await ctx.layers.has(entry.layer.chainId)) && (await ctx.blobs.has(entry.layer.digest)))) return undefined;
      return entry;
    },
    cachePut: (key, entry) => writeRecord(cacheFile(key), entry),
    commit: (request) => commitImage(ctx, request),
  };
}

function networkMode(name: string): NetworkMode {
  if (name === 'none') return { mode: 'none' };
  if (name === 'host') return { mode: 'host' };
  return { mode: 'default' };
}

/** RUN: a container on the step's layers (no image record: the layers are handed over directly). */
async function runStep(ctx: ImageContext, deps: ContainerDeps, request: RunRequest): Promise<{ exitCode: number; layer?: LayerHandle }> {
  const layers = request.layers.map((l) => l.chainId);
  const token = `build-step-${Date.now().toString(36)}`;
  const stepDeps: ContainerDeps = {
    ...deps,
    images: {
      lookup: async (name) => (name === token ? { id: token, name: token, config: {}, layers } : deps.images.lookup(name)),
      pull: deps.images.pull,
    },
  };
  const settings = {
    ...defaultContainerSettings(), command: request.argv, entrypoint: [], env: request.env, user: request.user,
    workingDir: request.workingDir, network: networkMode(request.network), pullPolicy: 'never' as const,
  };
  const stdin = new PassThrough();
  stdin.end();
  const report = await runContainer(stepDeps, token, settings, {
    attach: { stdin, stdout: request.stdout, stderr: request.stderr }, ...(request.signal ? { signal: request.signal } : {}),
  });
  try {
    if (report.exitCode !== 0) return { exitCode: report.exitCode ?? 1 };
    const upper = deps.store.paths(report.id).upper;
    return { exitCode: 0, layer: await layerFromHelper(ctx, layers.at(-1), { op: 'layer-diff', upper }) };
  } finally {
    await deps.store.withLock(report.id, async () => {
      const record = await deps.store.read(report.id);
      if (record) await removeLocked(deps, record, { force: true, volumes: true });
    }).catch(() => undefined);
  }
}

export async function commitImage(ctx: ImageContext, request: CommitRequest): Promise<string> {
  const doc: ImageConfig = {
    architecture: request.architecture, os: request.os, created: request.created,
    ...(request.author !== undefined ? { author: request.author } : {}),
    config: request.config as ImageConfig['config'],
    rootfs: { type: 'layers', diff_ids: request.layers.map((l) => l.diffId) },
    history: request.history,
  };
  const configBytes = Buffer.from(JSON.stringify(doc));
  const configDigest = sha256Digest(configBytes);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, size: configBytes.length, digest: configDigest },
    layers: request.layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest })),
  }));
  const manifestDigest = sha256Digest(manifest);
  for (const [bytes, digest] of [[configBytes, configDigest], [manifest, manifestDigest]] as const) {
    if (!(await ctx.blobs.has(digest))) await ctx.blobs.put(bytes, digest, bytes.length);
  }
  const sizes = await Promise.all(request.layers.map(async (l) => (await ctx.layers.get(l.chainId))?.size ?? 0));
  const names = request.names.map((n) => formatReference(normalizeReference(n)));
  const id = configDigest.slice('sha256:'.length);
  await ctx.images.put({
    id, names: [], repoDigests: [], manifest: { digest: manifestDigest, mediaType: MANIFEST_TYPE }, configDigest,
    layers: request.layers.map((l) => ({ ...l })), created: request.created, size: sizes.reduce((a, b) => a + b, 0),
    architecture: request.architecture, os: request.os, labels: request.config.Labels ?? {}, lastTagTime: new Date().toISOString(),
  }, names);
  return id;
}
