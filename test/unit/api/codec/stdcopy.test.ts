import { describe, expect, it } from 'vitest';
import { StdcopyDecoder, stdcopyFrames, STDERR, STDOUT } from '../../../../src/api/codec/stdcopy.js';

describe('stdcopy framing', () => {
  it('writes the 8-byte header: stream type, three zero bytes, big-endian length', () => {
    const frame = stdcopyFrames(STDERR, Buffer.from('oops\n'));
    expect([...frame.subarray(0, 8)]).toEqual([2, 0, 0, 0, 0, 0, 0, 5]);
    expect(frame.subarray(8).toString()).toBe('oops\n');
  });

  it('splits large payloads into several frames and writes nothing for an empty one', () => {
    const big = Buffer.alloc(70_000, 'x');
    const frames = new StdcopyDecoder().push(stdcopyFrames(STDOUT, big));
    expect(frames.map((f) => f.data.length)).toEqual([32768, 32768, 4464]);
    expect(stdcopyFrames(STDOUT, Buffer.alloc(0)).length).toBe(0);
  });

  it('decodes frames that arrive split at any byte', () => {
    const wire = Buffer.concat([stdcopyFrames(STDOUT, Buffer.from('hello ')), stdcopyFrames(STDERR, Buffer.from('world'))]);
    const decoder = new StdcopyDecoder();
    const got = [...wire].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(got.map((f) => [f.stream, f.data.toString()])).toEqual([[1, 'hello '], [2, 'world']]);
    expect(decoder.leftover).toBe(0);
  });

  it('rejects a stream type outside 0-2', () => {
    expect(() => new StdcopyDecoder().push(Buffer.from([7, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/stream type 7/);
  });
});

describe('stdcopyTextFrame', () => {
  it('builds the same frame as stdcopyFrames, multibyte text included', async () => {
    const { stdcopyTextFrame, stdcopyFrames, STDERR } = await import('../../../../src/api/codec/stdcopy.js');
    for (const text of ['', 'hello\n', 'héllo wörld ✓\n', 'x'.repeat(40_000)]) {
      expect(stdcopyTextFrame(STDERR, text)).toEqual(stdcopyFrames(STDERR, Buffer.from(text)));
    }
  });
});
