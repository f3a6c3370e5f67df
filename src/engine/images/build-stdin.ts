// What a build got instead of a context directory (`build -`, the API's request body): a context archive
// (gzip or zstd magic, or a tar header) or, as Docker accepts it, a bare Dockerfile built with an empty context.
import { detectCompression } from '../../util/compression.js';

const TAR_BLOCK = 512;

export type BuildInput = { kind: 'archive'; chunks: AsyncIterable<Uint8Array> } | { kind: 'dockerfile'; text: string };

/** A tar header block: "ustar" at 257 (POSIX and GNU) or, for old v7 archives, a checksum that adds up. */
export function isTarHeader(block: Uint8Array): boolean {
  if (block.length < TAR_BLOCK) return false;
  if (Buffer.from(block.subarray(257, 262)).toString('latin1') === 'ustar') return true;
  const field = Buffer.from(block.subarray(148, 156)).toString('latin1').replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === parseInt(field, 8);
}

export function looksLikeArchive(head: Uint8Array): boolean {
  return detectCompression(head) !== 'none' || isTarHeader(head);
}

/** Reads the first block to decide; an archive comes back whole, a Dockerfile as its text. */
export async function sniffBuildInput(input: AsyncIterable<Uint8Array>): Promise<BuildInput> {
  const it = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < TAR_BLOCK) {
    const next = await it.next();
    if (next.done) { done = true; break; }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  if (looksLikeArchive(first)) {
    const chunks = (async function* () {
      yield first;
      if (done) return;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    })();
    return { kind: 'archive', chunks };
  }
  const rest: Uint8Array[] = [first];
  if (!done) for (let n = await it.next(); !n.done; n = await it.next()) rest.push(n.value);
  return { kind: 'dockerfile', text: Buffer.concat(rest).toString('utf8') };
}
