// `push`: a local image to its own name or a destination, with the blobs as stored (mounted from the
// repository it came from when that is on the same registry) and the manifest as stored, so its digest holds.
import type { ProgressEvent, PullOptions } from '../engine.js';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { normalizeReference, repositoryName, type ImageReference } from '../../image/reference.js';
import { putManifest, uploadBlob } from '../../image/registry/blob-upload.js';
import type { RegistryClient } from '../../image/registry/registry-client.js';
import type { ImageRecord } from '../../image/image-store.js';
import { AsyncQueue, mapLimit } from '../../util/async-queue.js';
import type { ImageContext } from './image-context.js';
import { findImage, matchingName } from './find-image.js';
import { openRegistry } from './registry-access.js';

export async function* pushImage(ctx: ImageContext, name: string, destination?: string, options: PullOptions = {}): AsyncGenerator<ProgressEvent> {
  const queue = new AsyncQueue<ProgressEvent>();
  pushInto(ctx, name, destination, options, (ev) => queue.push(ev)).then(() => queue.close(), (err: unknown) => queue.fail(err));
  yield* queue;
}

async function pushInto(ctx: ImageContext, name: string, destination: string | undefined, options: PullOptions, emit: (ev: ProgressEvent) => void): Promise<void> {
  const record = await findImage(ctx, name);
  const target = normalizeReference(destination ?? matchingName(record, name) ?? name);
  if (target.tag === undefined && target.digest === undefined) throw new InvalidArgumentError(`no tag to push for "${name}"`);
  const client = await openRegistry(ctx, target.domain, {
    repository: target.path, tlsVerify: options.tlsVerify, credentials: options.credentials, certDir: options.certDir,
  });
  try {
    emit({ type: 'message', text: 'Getting image source signatures' });
    const digest = await pushRecord(ctx, client, record, target, emit, options.signal);
    await ctx.images.put(record, [], [`${repositoryName(target)}@${digest}`]);
    emit({ type: 'done', digest, ref: `${repositoryName(target)}@${digest}` });
  } finally {
    client.close();
  }
}

async function pushRecord(
  ctx: ImageContext, client: RegistryClient, record: ImageRecord, target: ImageReference, emit: (ev: ProgressEvent) => void, signal?: AbortSignal,
): Promise<string> {
  const mountFrom = record.repoDigests
    .map((d) => d.slice(0, d.indexOf('@')))
    .find((repo) => repo.startsWith(`${target.domain}/`) && repo !== repositoryName(target))
    ?.slice(target.domain.length + 1);
  await mapLimit(record.layers, 4, async (layer) => {
    emit({ type: 'layer', digest: layer.digest, status: 'uploading', current: 0, total: layer.size });
    const result = await uploadBlob(client, target.path, layer.digest, layer.size, () => ctx.blobs.open(layer.digest), {
      ...(mountFrom ? { mountFrom } : {}), ...(signal ? { signal } : {}),
    });
    emit({ type: 'layer', digest: layer.digest, status: result === 'exists' ? 'exists' : 'pushed' });
  });
  const config = await ctx.blobs.read(record.configDigest);
  await uploadBlob(client, target.path, record.configDigest, config.length, config, signal ? { signal } : {});
  emit({ type: 'config', digest: record.configDigest });
  const manifest = await ctx.blobs.read(record.manifest.digest);
  return putManifest(client, target.path, target.digest ?? target.tag!, record.manifest.mediaType, manifest, signal);
}
