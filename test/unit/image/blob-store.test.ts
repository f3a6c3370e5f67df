import { mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../src/image/blob-store.js';
import { DigestMismatchError, sha256Digest } from '../../../src/image/digest.js';

describe('BlobStore', () => {
  let root: string;
  let store: BlobStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsmoby-blobs-'));
    store = new BlobStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const content = Buffer.from('hello blob\n');
  const digest = sha256Digest(content);

  it('stores verified content under blobs/sha256/<hex>', async () => {
    expect(await store.has(digest)).toBe(false);
    const path = await store.put(Readable.from([content.subarray(0, 3), content.subarray(3)]), digest, content.length);
    expect(path).toBe(join(root, 'blobs', 'sha256', digest.slice(7)));
    expect(await store.has(digest)).toBe(true);
    expect(await readFile(path)).toEqual(content);
    expect(await store.list()).toEqual([digest]);
    expect(Buffer.concat(await Readable.from(store.open(digest)).toArray())).toEqual(content);
    expect(await store.remove(digest)).toBe(true);
    expect(await store.remove(digest)).toBe(false);
  });

  it('refuses a digest or size mismatch and leaves nothing behind', async () => {
    await expect(store.put(Buffer.from('other'), digest)).rejects.toBeInstanceOf(DigestMismatchError);
    await expect(store.put(content, digest, content.length + 1)).rejects.toThrow('digest mismatch');
    await expect(store.put(Buffer.concat([content, content]), digest, content.length)).rejects.toThrow('more than');
    expect(await store.has(digest)).toBe(false);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('lets two concurrent puts of one blob both succeed', async () => {
    await Promise.all([store.put(content, digest), store.put(Readable.from([content]), digest)]);
    expect(await readFile(store.path(digest))).toEqual(content);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses digests that are not sha256 hex before touching the disk', async () => {
    expect(() => store.path('sha256:../../etc/passwd')).toThrow('invalid digest');
    await expect(store.put(content, 'md5:abc')).rejects.toThrow('only sha256');
  });

  it('sweeps stale temp files only', async () => {
    await mkdir(join(root, 'tmp'), { recursive: true });
    const stale = join(root, 'tmp', 'blob-abc-1-dead.partial');
    const fresh = join(root, 'tmp', 'blob-abc-2-beef.partial');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'y');
    await utimes(stale, new Date(0), new Date(0));
    expect(await store.sweepTemp(60_000)).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual(['blob-abc-2-beef.partial']);
  });

  describe('putWhile', () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const bigDigest = sha256Digest(big);
    const pieces = (buf: Buffer, size = 64 * 1024) => Readable.from(
      Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size)),
    );
    const tmpFiles = async () => readdir(join(root, 'tmp')).catch(() => [] as string[]);

    it('hands the content to the consumer and stores it, returning what the consumer made', async () => {
      let seen = 0;
      const progress: number[] = [];
      const result = await store.putWhile(pieces(big), bigDigest, big.length, async (content) => {
        for await (const chunk of content) seen += chunk.length;
        return 'made';
      }, { onProgress: (n) => progress.push(n) });
      expect(result).toBe('made');
      expect(seen).toBe(big.length);
      expect(progress.at(-1)).toBe(big.length);
      expect((await readFile(store.path(bigDigest))).equals(big)).toBe(true);
      expect(await tmpFiles()).toEqual([]);
    });

    it('still stores what a consumer that stops early left unread', async () => {
      await store.putWhile(pieces(big), bigDigest, big.length, async (content) => {
        for await (const chunk of content) if (chunk.length > 0) break;
      });
      expect((await readFile(store.path(bigDigest))).equals(big)).toBe(true);
    });

    it('throws a digest mismatch instead of the consumer\'s result when the content is not what was asked', async () => {
      const corrupt = Buffer.from(big);
      corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 1, corrupt.length - 1);
      let consumed = false;
      await expect(store.putWhile(pieces(corrupt), bigDigest, big.length, async (content) => {
        for await (const chunk of content) void chunk;
        consumed = true;
        return 'made';
      })).rejects.toBeInstanceOf(DigestMismatchError);
      expect(consumed).toBe(true);
      expect(await store.has(bigDigest)).toBe(false);
      expect(await tmpFiles()).toEqual([]);
    });

    it('abandons the blob and stops the source when the consumer fails', async () => {
      const source = pieces(big);
      await expect(store.putWhile(source, bigDigest, big.length, async (content) => {
        for await (const chunk of content) if (chunk.length > 0) throw new Error('disk full');
      })).rejects.toThrow('disk full');
      expect(source.destroyed).toBe(true);
      expect(await store.has(bigDigest)).toBe(false);
      expect(await tmpFiles()).toEqual([]);
    });

    it('reports a corrupt transfer as a digest mismatch when asked to verify after a failure', async () => {
      const corrupt = Buffer.from(big);
      corrupt.writeUInt8(corrupt.readUInt8(10) ^ 1, 10);
      const failing = async (content: AsyncIterable<Uint8Array>) => {
        for await (const chunk of content) if (chunk.length > 0) throw new SyntaxError('not an archive');
      };
      const verifyAfter = (err: unknown) => err instanceof SyntaxError;
      await expect(store.putWhile(pieces(corrupt), bigDigest, big.length, failing, { verifyAfter }))
        .rejects.toBeInstanceOf(DigestMismatchError);
      // Content that does verify keeps the consumer's own error, and is stored: it is a good blob.
      await expect(store.putWhile(pieces(big), bigDigest, big.length, failing, { verifyAfter })).rejects.toThrow('not an archive');
      expect(await tmpFiles()).toEqual([]);
    });

    it('passes on a source that breaks off, leaving nothing', async () => {
      async function* broken() {
        yield big.subarray(0, 1024);
        throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      }
      await expect(store.putWhile(broken(), bigDigest, big.length, async (content) => {
        for await (const chunk of content) void chunk;
      })).rejects.toMatchObject({ code: 'ECONNRESET' });
      // Even when the consumer turns the break into an error of its own.
      await expect(store.putWhile(broken(), bigDigest, big.length, async (content) => {
        try {
          for await (const chunk of content) void chunk;
        } catch (err) {
          throw new Error(`invalid archive: ${(err as Error).message}`);
        }
      })).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(await store.has(bigDigest)).toBe(false);
      expect(await tmpFiles()).toEqual([]);
    });
  });
});
