// `save` / `load`: images to and from docker-archive and oci-archive. save writes docker-archive layers
// uncompressed (their sha256 is the diff id) and oci-archive blobs as stored; load hands the archive's
// manifest, config and layer files to storeImage, the same path a pull takes, so the image id is kept.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { InvalidArgumentError, NotFoundError, PermissionDeniedError } from '../../errors/index.js';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveFormat, ArchiveTarget } from '../engine.js';
import { describeArchive, stageArchive, type ArchivedImage } from '../../image/archive/archive-reader.js';
import { writeDockerArchive, writeOciArchive, type ArchiveImage } from '../../image/archive/archive-writer.js';
import { READ_CHUNK_BYTES } from '../../image/blob-store.js';
import { MediaType } from '../../image/manifest.js';
import { normalizeReference } from '../../image/reference.js';
import { decompress, detectCompression } from '../../util/compression.js';
import { sha256Digest } from '../../image/digest.js';
import type { ImageContext } from './image-context.js';
import { findImage, matchingName } from './find-image.js';
import { storeImage } from './store-image.js';

export async function saveImages(ctx: ImageContext, names: string[], destination: ArchiveTarget<Writable>, options: { format?: ArchiveFormat } = {}): Promise<void> {
  const images: ArchiveImage[] = [];
  for (const name of names) {
    const record = await findImage(ctx, name);
    const named = matchingName(record, name);
    const layers = await Promise.all(record.layers.map(async (l) => ({
      diffId: l.diffId,
      uncompressedSize: (await ctx.layers.get(l.chainId))?.size ?? 0,
      openUncompressed: () => uncompressed(() => ctx.blobs.open(l.digest)),
      digest: l.digest,
      mediaType: l.mediaType,
      size: l.size,
      openBlob: () => ctx.blobs.open(l.digest),
    })));
    images.push({
      configDigest: record.configDigest,
      config: await ctx.blobs.read(record.configDigest),
      manifest: { digest: record.manifest.digest, mediaType: record.manifest.mediaType, bytes: await ctx.blobs.read(record.manifest.digest) },
      repoTags: named ? [named] : record.names.filter((n) => !n.includes('@')),
      layers,
    });
  }
  const out = 'path' in destination ? (await openArchive(destination.path, 'w')).createWriteStream() : destination.stream;
  await (options.format === 'oci-archive' ? writeOciArchive(images, out) : writeDockerArchive(images, out));
}

/** The archive file the user named, with an error in their words when it cannot be opened. */
async function openArchive(path: string, flags: 'r' | 'w'): Promise<FileHandle> {
  try {
    return await open(path, flags, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = flags === 'w' ? 'write the archive to' : 'read the archive';
    if (code === 'ENOENT') throw new NotFoundError(`cannot ${what} ${path}: no such file or directory`, { cause: err });
    if (code === 'EACCES' || code === 'EPERM') throw new PermissionDeniedError(`cannot ${what} ${path}: permission denied`, { cause: err });
    throw new InvalidArgumentError(`cannot ${what} ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function uncompressed(open: () => Readable): Readable {
  return Readable.from((async function* () {
    const { chunks } = await decompress(open());
    yield* chunks;
  })());
}

export async function loadImages(ctx: ImageContext, source: ArchiveTarget<Readable>): Promise<{ images: string[] }> {
  await mkdir(ctx.layout.tmp, { recursive: true });
  const dir = await mkdtemp(join(ctx.layout.tmp, 'load-'));
  try {
    const input = 'path' in source ? (await openArchive(source.path, 'r')).createReadStream() : source.stream;
    const archived = await describeArchive(await stageArchive(input, dir));
    const loaded: string[] = [];
    for (const image of archived) {
      const names = image.names.map((n) => normalizeReference(n)).map((r) => `${r.domain}/${r.path}:${r.tag ?? 'latest'}`);
      const record = await storeImage(ctx, await imageSource(ctx, image, names), () => undefined);
      loaded.push(...(names.length > 0 ? names : [`sha256:${record.id}`]));
    }
    return { images: loaded };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function imageSource(ctx: ImageContext, image: ArchivedImage, names: string[]) {
  const layers = await Promise.all(image.layers.map(async (l) => ({
    ...l,
    digest: l.digest ?? (await fileDigest(l.path)),
    mediaType: l.mediaType ?? layerMediaType(await fileHead(l.path)),
  })));
  const manifestBytes = image.manifest ?? Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: sha256Digest(image.config), size: image.config.length },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  }));
  const byDigest = new Map(layers.map((l) => [l.digest, l]));
  return {
    manifest: { digest: sha256Digest(manifestBytes), mediaType: image.manifest ? '' : MediaType.OciManifest, bytes: manifestBytes },
    config: image.config,
    openLayer: async (desc: { digest: string }) => createReadStream(byDigest.get(desc.digest)!.path, { highWaterMark: READ_CHUNK_BYTES }),
    names,
    repoDigests: [],
  };
}

function layerMediaType(head: Buffer): string {
  const c = detectCompression(head);
  return c === 'gzip' ? MediaType.OciLayerGzip : c === 'zstd' ? MediaType.OciLayerZstd : MediaType.OciLayer;
}

async function fileHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return `sha256:${hash.digest('hex')}`;
}
