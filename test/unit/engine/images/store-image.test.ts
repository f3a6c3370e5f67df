// storeImage with real blob, layer and image stores and a scripted source: layers extracted straight from the
// source's bytes appear only when those bytes match their digest; a bad stream leaves nothing behind.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageContext } from '../../../../src/engine/images/image-context.js';
import { storeImage, type ImageSource } from '../../../../src/engine/images/store-image.js';
import { BlobStore } from '../../../../src/image/blob-store.js';
import { DigestMismatchError, sha256Digest } from '../../../../src/image/digest.js';
import { ImageStore } from '../../../../src/image/image-store.js';
import { MediaType, type Descriptor } from '../../../../src/image/manifest.js';
import { Locks } from '../../../../src/state/lock.js';
import { LayerStore } from '../../../../src/storage/layer-store.js';
import { LocalFsSys } from '../../storage/local-sys.js';
import { buildTar } from '../../storage/tar-fixtures.js';

let root: string;
let ctx: ImageContext;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsmoby-store-image-'));
  const locks = new Locks(join(root, 'locks'));
  ctx = {
    paths: { rootless: true, uid: process.getuid?.() ?? 1000, root },
    locks,
    blobs: new BlobStore(root),
    layers: new LayerStore({ layersDir: join(root, 'layers'), locks, sys: new LocalFsSys(), namespace: async () => undefined }),
    images: new ImageStore(join(root, 'images'), (name, fn) => locks.withLock(name, fn)),
    warn: () => undefined,
  } as unknown as ImageContext;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Layer { tar: Buffer; blob: Buffer; desc: Descriptor }

/** The same gzip stream with another OS byte in its header: same size, same tar inside, another digest. */
function otherHeader(blob: Buffer): Buffer {
  const copy = Buffer.from(blob);
  copy.writeUInt8(copy.readUInt8(9) === 3 ? 255 : 3, 9);
  return copy;
}

async function layer(name: string, bytes: number): Promise<Layer> {
  const tar = await buildTar([
    { header: { name: 'data/', type: 'directory', mode: 0o755 } },
    { header: { name: `data/${name}`, mode: 0o640 }, content: Buffer.alloc(bytes, name.charCodeAt(0)) },
  ]);
  const blob = gzipSync(tar, { level: 1 });
  return { tar, blob, desc: { mediaType: MediaType.OciLayerGzip, digest: sha256Digest(blob), size: blob.length } };
}

/** An image of the layers, served by `serve` (the layer's good bytes unless it says otherwise). */
function source(layers: Layer[], serve: (l: Layer, attempt: number) => Buffer = (l) => l.blob, retries = 0) {
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256Digest(l.tar)) },
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: sha256Digest(config), size: config.length },
    layers: layers.map((l) => l.desc),
  }));
  const opened = new Map<string, number>();
  const src: ImageSource = {
    manifest: { digest: sha256Digest(manifest), mediaType: MediaType.OciManifest, bytes: manifest },
    config,
    openLayer: async (desc) => {
      const n = (opened.get(desc.digest) ?? 0) + 1;
      opened.set(desc.digest, n);
      const bytes = serve(layers.find((l) => l.desc.digest === desc.digest)!, n);
      return Readable.from(Array.from({ length: Math.ceil(bytes.length / 8192) }, (_, i) => bytes.subarray(i * 8192, (i + 1) * 8192)));
    },
    retryable: (err, attempt) => attempt <= retries && err instanceof DigestMismatchError,
    names: ['example.com/test:latest'],
    repoDigests: [],
  };
  return { src, opened, imageId: sha256Digest(config).slice(7) };
}

const leftovers = async () => [
  ...(await readdir(join(root, 'layers')).catch(() => [] as string[])).filter((n) => n.startsWith('.')),
  ...(await readdir(join(root, 'tmp')).catch(() => [] as string[])),
];

describe('storeImage', () => {
  it('stores blobs, layers and the record, reading each layer from its source once', async () => {
    const layers = [await layer('a', 300_000), await layer('b', 5_000)];
    const { src, opened, imageId } = source(layers);
    const record = await storeImage(ctx, src, () => undefined);
    expect(record.id).toBe(imageId);
    expect([...opened.values()]).toEqual([1, 1]);
    for (const l of layers) expect(await ctx.blobs.has(l.desc.digest)).toBe(true);
    for (const ref of record.layers) expect(await ctx.layers.has(ref.chainId)).toBe(true);
    expect(await leftovers()).toEqual([]);
  });

  it('discards a layer whose stream extracts fine but does not match its digest, and stores no image', async () => {
    const layers = [await layer('a', 300_000), await layer('b', 5_000)];
    // The diff id (and so the chain id) and the size are right, only the blob digest is wrong.
    const { src } = source(layers, (l) => (l === layers[1] ? otherHeader(l.blob) : l.blob));
    await expect(storeImage(ctx, src, () => undefined)).rejects.toBeInstanceOf(DigestMismatchError);
    const good = await ctx.layers.list();
    expect(good.map((m) => m.diffId)).toEqual([sha256Digest(layers[0]!.tar)]);
    expect(await ctx.blobs.has(layers[1]!.desc.digest)).toBe(false);
    expect(await ctx.images.list()).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('tries a layer again when the source says a failure is worth it', async () => {
    const layers = [await layer('a', 100_000)];
    const { src, opened } = source(layers, (l, attempt) => (attempt === 1 ? otherHeader(l.blob) : l.blob), 1);
    await storeImage(ctx, src, () => undefined);
    expect(opened.get(layers[0]!.desc.digest)).toBe(2);
    expect(await ctx.layers.list()).toHaveLength(1);
    expect(await leftovers()).toEqual([]);
  });

  it('lets two stores of one image run at once: both succeed, each layer is read and stored once', async () => {
    const layers = [await layer('a', 400_000), await layer('b', 200_000), await layer('c', 1_000)];
    const { src, opened, imageId } = source(layers);
    const [one, two] = await Promise.all([storeImage(ctx, src, () => undefined), storeImage(ctx, src, () => undefined)]);
    expect([one.id, two.id]).toEqual([imageId, imageId]);
    expect([...opened.values()]).toEqual([1, 1, 1]);
    expect(await ctx.layers.list()).toHaveLength(3);
    expect(await leftovers()).toEqual([]);
  });
});
