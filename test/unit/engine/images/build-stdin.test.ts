// `build -`: a tar (plain, gzip) on stdin is the context; anything else is a bare Dockerfile.
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { isTarHeader, sniffBuildInput } from '../../../../src/engine/images/build-stdin.js';

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const p = pack();
  for (const [name, text] of Object.entries(files)) p.entry({ name }, text);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function* inPieces(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return Buffer.concat(out);
}

describe('sniffBuildInput', () => {
  it('hands back a tar whole, even when it arrives in small pieces', async () => {
    const tar = await tarOf({ Dockerfile: 'FROM alpine\n', 'a.txt': 'x'.repeat(2000) });
    const input = await sniffBuildInput(inPieces(tar, 100));
    expect(input.kind).toBe('archive');
    expect(await drain((input as { chunks: AsyncIterable<Uint8Array> }).chunks)).toEqual(tar);
  });

  it('takes gzip magic as an archive', async () => {
    const gz = gzipSync(await tarOf({ Dockerfile: 'FROM alpine\n' }));
    const input = await sniffBuildInput(inPieces(gz, 7));
    expect(input.kind).toBe('archive');
    expect(await drain((input as { chunks: AsyncIterable<Uint8Array> }).chunks)).toEqual(gz);
  });

  it('reads anything else as the Dockerfile text, short or long', async () => {
    expect(await sniffBuildInput(inPieces(Buffer.from('FROM alpine\nRUN true\n'), 4))).toEqual({ kind: 'dockerfile', text: 'FROM alpine\nRUN true\n' });
    const long = `FROM alpine\n${'RUN echo something long enough to pass one tar block\n'.repeat(40)}`;
    expect(await sniffBuildInput(inPieces(Buffer.from(long), 64))).toEqual({ kind: 'dockerfile', text: long });
    expect(await sniffBuildInput(inPieces(Buffer.alloc(0), 1))).toEqual({ kind: 'dockerfile', text: '' });
  });
});

describe('isTarHeader', () => {
  it('accepts a v7 header by its checksum and refuses text or a broken checksum', async () => {
    const header = Buffer.from((await tarOf({ f: 'x' })).subarray(0, 512));
    header.fill(0, 257, 265); // no "ustar" magic: a v7 archive
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(isTarHeader(header)).toBe(true);
    header[0] = header[0]! + 1;
    expect(isTarHeader(header)).toBe(false);
    expect(isTarHeader(Buffer.from('FROM alpine\n'.repeat(50)))).toBe(false);
  });
});
