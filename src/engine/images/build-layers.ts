// Layers made by a build: an uncompressed layer tar (from the fs helper or written in-process) becomes a
// gzip blob in the BlobStore and an extracted layer through the LayerStore's one extraction path. The helper
// runs inside the user namespace, where files owned by subordinate ids are readable.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { LayerHandle } from '../../build/build-backend.js';
import { applyLayer } from '../../storage/apply.js';
import { nextChainId } from '../../storage/chain-id.js';
import type { ContainerFsRequest } from '../../storage/container-fs-request.js';
import { opaqueXattrName } from '../../storage/whiteout.js';
import { fsHelperRunner } from '../fs-helper.js';
import type { ImageContext } from './image-context.js';
import { explainLayerFailure } from './layer-failure.js';

export const GZIP_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/** The fs helper's layer requests; the opaque-directory xattr follows the store's mode. */
export type LayerRequest = DistributiveOmit<Extract<ContainerFsRequest, { op: 'layer-diff' | 'layer-copy' }>, 'opaqueXattr'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Runs a layer request in the fs helper (in the namespace when rootless) and stores what it writes. */
export async function layerFromHelper(ctx: ImageContext, parent: string | undefined, request: LayerRequest): Promise<LayerHandle> {
  const runner = fsHelperRunner(ctx.sys, () => ctx.sys.ensureNamespace());
  const { stdout, done } = await runner({ ...request, opaqueXattr: opaqueXattrName(ctx.paths.rootless) });
  const [exited, stored] = await Promise.allSettled([done, storeLayerTar(ctx, parent, stdout)]);
  if (exited.status === 'rejected') throw exited.reason;
  if (stored.status === 'rejected') throw stored.reason;
  return stored.value;
}

/** tar -> (diff id, gzip blob) -> extracted layer on top of `parent`. */
export async function storeLayerTar(ctx: ImageContext, parent: string | undefined, tar: AsyncIterable<Uint8Array>): Promise<LayerHandle> {
  const tmpDir = join(ctx.paths.root, 'tmp');
  await mkdir(tmpDir, { recursive: true, mode: 0o700 });
  const tmp = join(tmpDir, `layer-${randomBytes(8).toString('hex')}.tar.gz`);
  try {
    const diffHash = createHash('sha256');
    const blobHash = createHash('sha256');
    let size = 0;
    const gzip = createGzip({ level: 1 });
    await pipeline(
      tar,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) { diffHash.update(chunk); yield chunk; }
      },
      gzip,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) { blobHash.update(chunk); size += chunk.length; yield chunk; }
      },
      createWriteStream(tmp, { mode: 0o600 }),
    );
    const diffId = `sha256:${diffHash.digest('hex')}`;
    const digest = `sha256:${blobHash.digest('hex')}`;
    if (!(await ctx.blobs.has(digest))) await ctx.blobs.put(createReadStream(tmp), digest, size);
    const chainId = nextChainId(parent, diffId);
    const extract = async (diffDir: string) => {
      const result = await applyLayer(ctx.blobs.open(digest), diffDir, { rootless: ctx.paths.rootless });
      for (const w of result.warnings) ctx.warn(w);
      return result;
    };
    await ctx.layers.create(chainId, parent, extract, { compressedDigest: digest }).catch((err: unknown) => { throw explainLayerFailure(ctx, err); });
    return { chainId, diffId, digest, mediaType: GZIP_LAYER, size };
  } finally {
    await rm(tmp, { force: true });
  }
}
