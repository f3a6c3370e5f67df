// Layers made by a build: an uncompressed layer tar (from the layer helper or written in-process) becomes a
// gzip blob in the BlobStore and an extracted layer through the LayerStore's one extraction path. The helper
// runs inside the user namespace, where files owned by subordinate ids are readable.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import type { LayerHandle } from '../../build/build-backend.js';
import { InternalError } from '../../errors/index.js';
import { applyLayer } from '../../storage/apply.js';
import { nextChainId } from '../../storage/chain-id.js';
import type { ImageContext } from './image-context.js';
import { explainLayerFailure } from './layer-failure.js';

export const GZIP_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/** dist/helpers/layer-helper.js, from the bundle (dist/chunks, dist/cli) or from the sources (src/engine/images). */
export function layerHelperPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const tried = [resolve(here, '../helpers/layer-helper.js'), resolve(here, '../../../dist/helpers/layer-helper.js')];
  const found = tried.find((p) => existsSync(p));
  if (!found) throw new InternalError(`layer helper not found (run \`npm run build:js\`); tried: ${tried.join(', ')}`);
  return found;
}

/** Runs the layer helper (in the namespace when rootless) and stores what it writes as a layer. */
export async function layerFromHelper(ctx: ImageContext, parent: string | undefined, args: string[]): Promise<LayerHandle> {
  const pausePid = await ctx.sys.ensureNamespace();
  const child = await ctx.sys.spawn({
    argv: [process.execPath, layerHelperPath(), ...args],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(pausePid !== undefined ? { join: pausePid } : {}),
  });
  const stdout = child.pipes[1] as Readable;
  let stderr = '';
  (child.pipes[2] as Readable).on('data', (d: Buffer) => { stderr += d.toString(); });
  const storing = storeLayerTar(ctx, parent, stdout);
  const [status, stored] = await Promise.allSettled([child.wait(), storing]);
  if (status.status === 'fulfilled' && status.value.exitCode !== 0) {
    throw new InternalError(`making the layer failed: ${stderr.trim() || `exit status ${status.value.exitCode}`}`);
  }
  if (stored.status === 'rejected') throw stored.reason;
  if (status.status === 'rejected') throw status.reason;
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
