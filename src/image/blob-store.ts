// The content-addressed blob store, `<root>/blobs/sha256/<hex>`: a blob appears under its name only after
// its bytes were hashed, matched and fsynced; temp files live in `<root>/tmp` and are swept when stale. A blob
// can be stored while its bytes are consumed elsewhere (putWhile), so a download is read once.
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NotFoundError, isSystemError } from '../errors/index.js';
import { VerifiedSink, Tee } from './blob-tee.js';
import { sha256Hex } from './digest.js';

const TEMP_PREFIX = 'blob-';
const TEMP_SUFFIX = '.partial';

/** Read size for blobs: large reads keep the decompressor and hashes busy with few calls. */
export const READ_CHUNK_BYTES = 256 * 1024;

export interface IngestOptions {
  /** Bytes received so far, after each chunk. */
  onProgress?: (bytes: number) => void;
  /** When consume fails with this error, read and verify the rest of the content before giving up. */
  verifyAfter?: (err: unknown) => boolean;
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export class BlobStore {
  readonly blobsDir: string;
  readonly tmpDir: string;

  /** `root` is the store root (StorePaths.root); the layout matches config/paths.ts storeLayout. */
  constructor(root: string) {
    this.blobsDir = join(root, 'blobs', 'sha256');
    this.tmpDir = join(root, 'tmp');
  }

  path(digest: string): string {
    return join(this.blobsDir, sha256Hex(digest));
  }

  async has(digest: string): Promise<boolean> {
    try {
      return (await stat(this.path(digest))).isFile();
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async size(digest: string): Promise<number> {
    try {
      return (await stat(this.path(digest))).size;
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) throw new NotFoundError(`blob ${digest} not found`, { cause: err });
      throw err;
    }
  }

  /**
   * Stores content under its digest. The content is hashed while it is written to a temp file, fsynced, and
   * renamed into place only when digest (and size, if given) match; otherwise it throws DigestMismatchError
   * and leaves nothing behind. Concurrent puts of one blob both succeed: each writes its own temp file.
   */
  async put(source: AsyncIterable<Uint8Array> | Uint8Array, expectedDigest: string, expectedSize?: number): Promise<string> {
    const input = source instanceof Uint8Array ? oneChunk(Buffer.from(source)) : source;
    await this.putWhile(input, expectedDigest, expectedSize, async () => undefined);
    return this.path(expectedDigest);
  }

  /**
   * Stores content under its digest as put() does while `consume` reads the same bytes as they arrive (a
   * layer extracted straight from the download). What consume sees is NOT verified yet: its result is
   * returned only after the whole content was stored and matched its digest; when the content does not
   * match, DigestMismatchError is thrown instead, so the caller discards whatever consume made. Content that
   * consume leaves unread is still stored. When consume fails, the blob is abandoned, unless
   * `verifyAfter(err)` asks to finish reading it first (a corrupt transfer then shows as a digest mismatch).
   */
  async putWhile<T>(
    source: AsyncIterable<Uint8Array>,
    expectedDigest: string,
    expectedSize: number | undefined,
    consume: (content: AsyncIterable<Uint8Array>) => Promise<T>,
    opts: IngestOptions = {},
  ): Promise<T> {
    const final = this.path(expectedDigest);
    const tmp = await this.tempPath(expectedDigest);
    const fh = await open(tmp, 'wx', 0o644);
    const sink = new VerifiedSink(fh, expectedDigest, expectedSize);
    const tee = new Tee(source, sink, opts.onProgress);
    try {
      let result: T;
      try {
        result = await consume(tee.view());
      } catch (err) {
        // A source that broke off is the cause, whatever the consumer made of it.
        tee.rethrowSourceFailure();
        if (!opts.verifyAfter?.(err)) throw err;
        await tee.drain();
        await sink.finish();
        throw err;
      }
      await tee.drain();
      await sink.finish();
      await fh.close();
      await rename(tmp, final);
      return result;
    } catch (err) {
      await tee.abort();
      await sink.abandon();
      await fh.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private async tempPath(expectedDigest: string): Promise<string> {
    const hex = sha256Hex(expectedDigest);
    await mkdir(this.blobsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    return join(this.tmpDir, `${TEMP_PREFIX}${hex.slice(0, 12)}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  }

  open(digest: string): ReadStream {
    return createReadStream(this.path(digest), { highWaterMark: READ_CHUNK_BYTES });
  }

  async read(digest: string): Promise<Buffer> {
    try {
      return await readFile(this.path(digest));
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) throw new NotFoundError(`blob ${digest} not found`, { cause: err });
      throw err;
    }
  }

  /** Removes a blob; false when it was not there. */
  async remove(digest: string): Promise<boolean> {
    try {
      await unlink(this.path(digest));
      return true;
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async list(): Promise<string[]> {
    const names = await readdir(this.blobsDir).catch((err: unknown) => {
      if (isSystemError(err, 'ENOENT')) return [] as string[];
      throw err;
    });
    return names.filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }

  /** Deletes temp files older than `maxAgeMs` (left by a crashed or killed writer); returns how many. */
  async sweepTemp(maxAgeMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const names = await readdir(this.tmpDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
      const p = join(this.tmpDir, name);
      const st = await stat(p).catch(() => undefined);
      if (st && now - st.mtimeMs >= maxAgeMs && (await unlink(p).then(() => true, () => false))) removed++;
    }
    return removed;
  }
}
