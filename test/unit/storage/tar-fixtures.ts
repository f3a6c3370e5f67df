// In-memory tar archives for storage tests, built with tar-stream, plus raw header surgery for attacks.
import { pack, type Header } from 'tar-stream';

type FixtureHeader = Partial<Header> & Pick<Header, 'name'>;
export interface FixtureEntry {
  header: FixtureHeader;
  content?: string | Uint8Array;
}

export async function buildTar(entries: FixtureEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of p) chunks.push(Buffer.from(c as Uint8Array));
  })();
  for (const e of entries) {
    const header: FixtureHeader = { mtime: new Date(1_600_000_000_000), ...e.header };
    await new Promise<void>((resolve, reject) =>
      p.entry(header, e.content ?? '', (err) => (err ? reject(err) : resolve())),
    );
  }
  p.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** Rewrites the size field of the header at `offset` (base-256 for values octal cannot hold) and fixes the
 *  header checksum, as an attacker would. */
export function patchSize(tar: Buffer, offset: number, size: bigint): Buffer {
  const out = Buffer.from(tar);
  const field = out.subarray(offset + 124, offset + 136);
  field.fill(0);
  field[0] = 0x80;
  let v = size;
  for (let i = 11; i >= 1; i--) {
    field[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  const header = out.subarray(offset, offset + 512);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return out;
}

export async function* chunksOf(buf: Uint8Array, size = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** A GNU `././@LongLink` (type 'L') header and its data blocks, which tar-stream cannot write itself:
 *  prepend them to an archive and its first entry takes `longName`. */
export function gnuLongNameBlocks(longName: string): Buffer {
  const data = Buffer.from(`${longName}\0`);
  const header = Buffer.alloc(512);
  header.write('././@LongLink', 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write('L', 156, 'latin1');
  header.write('ustar  \0', 257, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded]);
}
