// Layer chain ids (OCI image-spec config.md "Layer ChainID"): a layer's identity together with everything below it.
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors/index.js';

const DIGEST = /^sha256:([a-f0-9]{64})$/;

/** The hex part of a "sha256:<hex>" digest, validated before it becomes a path. */
export function digestHex(digest: string): string {
  const m = DIGEST.exec(digest);
  if (!m) throw new InvalidArgumentError(`invalid digest: "${digest}"`);
  return m[1]!;
}

/** ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). */
export function nextChainId(parentChainId: string | undefined, diffId: string): string {
  digestHex(diffId);
  if (parentChainId === undefined) return diffId;
  digestHex(parentChainId);
  return `sha256:${createHash('sha256').update(`${parentChainId} ${diffId}`).digest('hex')}`;
}

/** The chain id of every layer of an image, bottom first, from the config's rootfs.diff_ids. */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) out.push(nextChainId(out[out.length - 1], d));
  return out;
}
