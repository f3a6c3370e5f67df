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
});
