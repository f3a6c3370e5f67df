// Build cache keys: sha256 over the parent, the step's resolved text, the ARG values a RUN sees, and for
// COPY/ADD a content hash of the selected files. Stable across runs and machines: no mtimes, no inode numbers.
import { createHash } from 'node:crypto';

export interface HashedFileEntry {
  /** Where the file lands in the image (or its context path); `/`-separated. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits after --chmod. */
  mode: number;
  /** Owner after --chown. */
  uid: number;
  gid: number;
  /** `sha256:<hex>` of a regular file's bytes. */
  contentDigest?: string;
  linkTarget?: string;
}

export interface CacheKeyInput {
  /** The parent image id or the previous step's layer/cache id ('' for scratch). */
  parent: string;
  /** The resolved instruction (e.g. a step's createdBy). */
  instruction: string;
  /** ARG values in scope for a RUN: they change its result, so they change its key. */
  buildArgs?: ReadonlyArray<readonly [string, string]>;
  /** hashFileEntries() of what a COPY/ADD selects. */
  contentHash?: string;
  /** Anything else that changes the result (the platform, --network); sorted into the key. */
  extra?: Readonly<Record<string, string>>;
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** One digest for a set of files, independent of the order the caller lists them in. */
export function hashFileEntries(entries: readonly HashedFileEntry[]): string {
  const rows = entries
    .map((e) => [e.path, e.type, e.mode & 0o7777, e.uid, e.gid, e.contentDigest ?? '', e.linkTarget ?? ''])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return sha256(JSON.stringify(rows));
}

export function computeCacheKey(input: CacheKeyInput): string {
  const args = [...(input.buildArgs ?? [])].map(([k, v]) => [k, v]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const extra = Object.entries(input.extra ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return sha256(JSON.stringify({
    v: 1, parent: input.parent, instruction: input.instruction, args, content: input.contentHash ?? '', extra,
  }));
}
