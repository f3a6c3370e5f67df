// --detach-keys: parsing Docker's key syntax and the stdin filter that swallows the sequence and detaches.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors/index.js';
import { detachKeyFilter, parseDetachKeys } from '../../../src/cli/terminal.js';

async function filter(keys: number[], chunks: number[][]): Promise<{ out: number[]; detached: number }> {
  let detached = 0;
  const t = detachKeyFilter(keys, () => { detached++; });
  const out: number[] = [];
  t.on('data', (b: Buffer) => out.push(...b));
  for (const c of chunks) t.write(Buffer.from(c));
  t.end();
  await new Promise((resolve) => t.on('end', resolve));
  return { out, detached };
}

describe('parseDetachKeys', () => {
  it('reads ctrl-<letter>, ctrl-@ and ctrl-[ style keys and single characters', () => {
    expect(parseDetachKeys('ctrl-p,ctrl-q')).toEqual([16, 17]);
    expect(parseDetachKeys('ctrl-@,ctrl-[,ctrl-_')).toEqual([0, 27, 31]);
    expect(parseDetachKeys('a,ctrl-A')).toEqual([97, 1]);
    expect(parseDetachKeys('')).toEqual([]);
  });

  it('refuses anything else with the user\'s words', () => {
    expect(() => parseDetachKeys('ctrl-1')).toThrow(InvalidArgumentError);
    expect(() => parseDetachKeys('shift-x')).toThrow('invalid detach keys "shift-x"');
  });
});

describe('detachKeyFilter', () => {
  const ctrlPQ = [16, 17];

  it('passes input through and detaches on the full sequence, dropping it and what follows in that chunk', async () => {
    expect(await filter(ctrlPQ, [[104, 105], [16, 17, 120]])).toEqual({ out: [104, 105], detached: 1 });
  });

  it('holds a partial sequence across chunks and releases it when the next byte does not continue it', async () => {
    expect(await filter(ctrlPQ, [[97, 16], [17]])).toEqual({ out: [97], detached: 1 });
    expect(await filter(ctrlPQ, [[97, 16], [98]])).toEqual({ out: [97, 16, 98], detached: 0 });
    expect(await filter(ctrlPQ, [[16, 16, 17]])).toEqual({ out: [16], detached: 1 });
  });

  it('passes everything through when detaching is disabled', async () => {
    expect(await filter([], [[16, 17, 1]])).toEqual({ out: [16, 17, 1], detached: 0 });
  });
});
