// Compression sniffed by magic bytes rather than trusted from labels (registries and archives mislabel):
// gzip (node:zlib), zstd (fzstd, streaming), or plain. Domain-free: used for layers and archives alike.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Output chunk of the inflater: large chunks mean fewer calls per byte downstream (tar parser, hash, writes). */
const INFLATE_CHUNK_BYTES = 256 * 1024;
const INFLATE_INPUT_BYTES = 256 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function detectCompression(head: Uint8Array): Compression {
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

export interface Decompressed {
  compression: Compression;
  chunks: AsyncIterable<Uint8Array>;
}

/** Peeks at the first bytes of `input` and returns its uncompressed content. */
export async function decompress(input: AsyncIterable<Uint8Array>): Promise<Decompressed> {
  const it = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let have = 0;
  let done = false;
  while (have < ZSTD_MAGIC.length) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    have += next.value.length;
  }
  const joined = Buffer.concat(head);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (joined.length > 0) yield joined;
    if (done) return;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const compression = detectCompression(joined);
  if (compression === 'gzip') return { compression, chunks: gunzip(all()) };
  if (compression === 'zstd') return { compression, chunks: unzstd(all()) };
  return { compression, chunks: all() };
}

function gunzip(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const src = Readable.from(coalesce(source, INFLATE_INPUT_BYTES), { objectMode: false });
  const z = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
  src.on('error', (err) => z.destroy(err));
  return src.pipe(z);
}

/** Joins small chunks (socket reads) into pieces of at least `min` bytes: every piece handed to the inflater
 *  is a trip to the thread pool, and a few large trips cost far less than many small ones. */
export async function* coalesce(source: AsyncIterable<Uint8Array>, min: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    if (bytes === 0 && chunk.length >= min) {
      yield chunk;
      continue;
    }
    parts.push(chunk);
    bytes += chunk.length;
    if (bytes >= min) {
      yield Buffer.concat(parts, bytes);
      parts = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(parts, bytes);
}

async function* unzstd(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  // fzstd hands out views of its sliding window, which it overwrites afterwards: copy each block.
  const d = new Decompress((data) => {
    if (data.length > 0) out.push(data.slice());
  });
  for await (const chunk of source) {
    d.push(chunk);
    if (out.length > 0) {
      yield* out;
      out = [];
    }
  }
  d.push(new Uint8Array(0), true);
  yield* out;
}
