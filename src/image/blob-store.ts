// The content-addressed blob store, `<root>/blobs/sha256/<hex>`: a blob appears under its name only after
// its bytes were hashed, matched and fsynced; temp files live in `<root>/tmp` and are swept when stale.
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, isSystemError } from '../errors/index.js';
import { DigestVerifier, sha256Hex } from './digest.js';

const TEMP_PREFIX = 'blob-';
const TEMP_SUFFIX = '.partial';

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
  async put(source: Readable | Uint8Array, expectedDigest: string, expectedSize?: number): Promise<string> {
    const final = this.path(expectedDigest);
    await mkdir(this.blobsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${TEMP_PREFIX}${sha256Hex(expectedDigest).slice(0, 12)}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    const input = source instanceof Readable ? source : Readable.from([Buffer.from(source)]);
    try {
      const fh = await open(tmp, 'wx', 0o644);
      try {
        const verifier = new DigestVerifier(expectedDigest, expectedSize);
        const writing = (async () => {
          for await (const chunk of verifier as AsyncIterable<Buffer>) await fh.write(chunk);
        })();
        await Promise.all([pipeline(input, verifier), writing]);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, final);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return final;
  }

  open(digest: string): ReadStream {
    return createReadStream(this.path(digest));
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
