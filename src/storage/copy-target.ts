// Where a copied file or directory lands, by `docker cp`'s rules: into an existing directory under its own
// name (or only its contents for `dir/.`), over an existing file, or under the new name the path gives.
import { basename, dirname } from 'node:path';
import { InvalidArgumentError, NotFoundError } from '../errors/index.js';

export interface CopySource {
  /** The top name the source archive uses. */
  name: string;
  isDir: boolean;
  /** `dir/.`: the contents, not the directory. */
  contentsOnly: boolean;
}

export interface CopyTarget {
  /** Absolute (resolved) directory the archive is extracted into. */
  dir: string;
  /** Renames the archive's top name; `to: ''` drops it (contents only). */
  rename?: { from: string; to: string };
}

/** `dest` is the resolved destination, `destStat` what is there now, `typed` the path as the user wrote it. */
export function copyTarget(source: CopySource, dest: string, destStat: { isDir: boolean } | undefined, typed: string): CopyTarget {
  if (destStat?.isDir) {
    if (source.isDir && source.contentsOnly) return { dir: dest, rename: { from: source.name, to: '' } };
    return { dir: dest };
  }
  if (destStat) {
    if (source.isDir) throw new InvalidArgumentError(`cannot copy a directory to a file: "${typed}" is not a directory`);
    return { dir: dirname(dest), rename: { from: source.name, to: basename(dest) } };
  }
  if (typed.endsWith('/') && !source.isDir) throw new NotFoundError(`destination directory "${typed}" does not exist`);
  const to = basename(dest);
  return { dir: dirname(dest), ...(to !== source.name ? { rename: { from: source.name, to } } : {}) };
}
