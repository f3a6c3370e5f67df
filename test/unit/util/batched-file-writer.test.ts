import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchedFileWriter } from '../../../src/util/batched-file-writer.js';

describe('BatchedFileWriter', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'tsmoby-batch-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes many small and a few large chunks in order, whatever the batch size', async () => {
    const chunks = Array.from({ length: 300 }, (_, i) => Buffer.alloc((i * 37) % 5000, i % 251));
    chunks.splice(100, 0, Buffer.alloc(3 * 1024 * 1024, 9), Buffer.alloc(0));
    for (const batch of [1, 4096, 1 << 20]) {
      const path = join(dir, `out-${batch}`);
      const fh = await open(path, 'w');
      const w = new BatchedFileWriter(fh, batch);
      for (const c of chunks) await w.append(c);
      await w.flush();
      await fh.close();
      expect((await readFile(path)).equals(Buffer.concat(chunks))).toBe(true);
    }
  });

  it('reports a write that failed', async () => {
    const path = join(dir, 'readonly');
    await (await open(path, 'w')).close();
    const fh = await open(path, 'r');
    const w = new BatchedFileWriter(fh, 1);
    await expect((async () => {
      await w.append(Buffer.from('a'));
      await w.flush();
    })()).rejects.toMatchObject({ code: 'EBADF' });
    await fh.close();
  });
});
