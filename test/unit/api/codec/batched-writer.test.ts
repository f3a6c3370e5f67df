// BatchedWriter: lines pushed in one turn leave as one write; a full batch waits for the socket to drain.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchedWriter } from '../../../../src/api/codec/batched-writer.js';

function sink(highWaterMark: number) {
  const writes: Buffer[] = [];
  let release: (() => void) | undefined;
  const out = new Writable({
    highWaterMark,
    write(chunk: Buffer, _e, done) {
      writes.push(chunk);
      release = done;
    },
  });
  return { out, writes, drainOne: () => { const r = release; release = undefined; r?.(); } };
}

describe('BatchedWriter', () => {
  it('sends the lines of one turn as one write, in order', async () => {
    const { out, writes, drainOne } = sink(1 << 20);
    const w = new BatchedWriter(out);
    for (const t of ['a\n', 'b\n', 'c\n']) await w.push(Buffer.from(t));
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes.map(String)).toEqual(['a\nb\nc\n']);
    drainOne();
  });

  it('writes a full batch at once and waits for drain before taking more', async () => {
    const { out, writes, drainOne } = sink(8);
    const w = new BatchedWriter(out, 16);
    await w.push(Buffer.alloc(10, 1));
    let settled = false;
    const second = w.push(Buffer.alloc(10, 2)).then(() => { settled = true; });
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.length).toBe(20);
    expect(settled).toBe(false);
    drainOne();
    await second;
    expect(settled).toBe(true);
  });

  it('does not wait on a socket that closed', async () => {
    const { out } = sink(1);
    const w = new BatchedWriter(out, 1);
    const pushed = w.push(Buffer.from('xy'));
    out.destroy();
    await expect(pushed).resolves.toBeUndefined();
  });
});
