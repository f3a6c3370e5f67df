// COPY/ADD source resolution against a listing of the build context: wildcards per path component,
// directories copy their contents, the trailing-slash destination rule, local archives for ADD, URLs planned
// as downloads, and no path may leave the context. Pure: the listing and the archive sniff come from the caller.
import { posix } from 'node:path';
import { InvalidArgumentError, NotFoundError, NotImplementedError } from '../errors/index.js';
import { goGlobToRegExp, hasGlobMeta } from './path-glob.js';

export type ArchiveKind = 'tar' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

export interface ContextEntry {
  /** Relative to the context root, `/`-separated, no leading `./`. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits (and set-id/sticky bits). */
  mode: number;
  size: number;
  linkTarget?: string;
}

export interface CopyItem {
  source: ContextEntry;
  /** Absolute path in the image. For an archive to extract: the directory to extract into. */
  target: string;
  extract?: ArchiveKind;
}

export interface DownloadItem { url: string; target: string }

export interface CopyPlan {
  items: CopyItem[];
  downloads: DownloadItem[];
  /** Directories to create first (the destination of a directory copy, even when it is empty). */
  directories: string[];
}

export interface CopyPlanInput {
  keyword: 'COPY' | 'ADD';
  sources: readonly string[];
  /** Absolute; a trailing `/` means a directory. */
  dest: string;
  entries: readonly ContextEntry[];
  /** ADD only: what archive a context file is, by its first bytes (see detectArchiveKind). */
  archiveKind?: (path: string) => ArchiveKind | undefined;
}

const URL_RE = /^https?:\/\//i;
const GIT_RE = /^(git@|git:\/\/|ssh:\/\/)|\.git(#.*)?$/;

/** Sniffs the first bytes of a file (at least 262) for an archive ADD extracts. */
export function detectArchiveKind(header: Uint8Array): ArchiveKind | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => header[i] === b);
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  const magic = String.fromCharCode(...header.subarray(257, 262));
  return magic === 'ustar' ? 'tar' : undefined;
}

/** A source as a clean context-relative path ('' for the root); refuses anything that leaves the context. */
export function contextRelative(source: string): string {
  const clean = posix.normalize(`/${source}`).slice(1).replace(/\/$/, '');
  if (posix.normalize(source.startsWith('/') ? source : `./${source}`).startsWith('..')) {
    throw new InvalidArgumentError(`forbidden path outside the build context: ${source}`);
  }
  return clean === '.' ? '' : clean;
}

/** A matched source: the entry to read, and the name it is copied under (a followed link keeps its name). */
interface Matched { entry: ContextEntry; name: string }

function matchSource(source: string, entries: readonly ContextEntry[], keyword: string): Matched[] {
  const rel = contextRelative(source);
  if (rel === '') return [{ entry: { path: '', type: 'dir', mode: 0o755, size: 0 }, name: '' }];
  if (!hasGlobMeta(rel)) {
    const found = entries.find((e) => e.path === rel);
    if (found === undefined) {
      throw new NotFoundError(`${keyword} failed: file not found in build context or excluded by .dockerignore: stat ${rel}: file does not exist`);
    }
    return [{ entry: found.type === 'symlink' ? followLink(found, entries, keyword) : found, name: rel }];
  }
  const parts = rel.split('/').map(goGlobToRegExp);
  const matched = entries.filter((e) => {
    const names = e.path.split('/');
    return names.length === parts.length && names.every((n, i) => parts[i]!.test(n));
  });
  if (matched.length === 0) throw new NotFoundError(`${keyword} failed: no source files were specified: no match for "${rel}"`);
  return matched.map((entry) => ({ entry, name: entry.path }));
}

/** A source that is itself a symlink is followed, within the context. */
function followLink(link: ContextEntry, entries: readonly ContextEntry[], keyword: string, depth = 0): ContextEntry {
  const target = link.linkTarget ?? '';
  const rel = target.startsWith('/') ? target : posix.join(posix.dirname(link.path), target);
  const resolved = posix.normalize(`/${rel}`).slice(1);
  const found = entries.find((e) => e.path === resolved);
  if (found === undefined || depth > 40) {
    throw new NotFoundError(`${keyword} failed: ${link.path} is a symlink to ${target}, which is not in the build context`);
  }
  return found.type === 'symlink' ? followLink(found, entries, keyword, depth + 1) : found;
}

function downloadTarget(url: string, dest: string): string {
  if (!dest.endsWith('/')) return dest;
  const name = posix.basename(new URL(url).pathname);
  if (name === '' || name === '/') throw new InvalidArgumentError(`cannot determine a filename from URL: ${url}; give a destination file name`);
  return dest + name;
}

export function planCopy(input: CopyPlanInput): CopyPlan {
  const { keyword, dest } = input;
  const plan: CopyPlan = { items: [], downloads: [], directories: [] };
  const local = input.sources.filter((s) => !URL_RE.test(s) && !GIT_RE.test(s));
  for (const s of input.sources) {
    if (local.includes(s)) continue;
    if (keyword === 'COPY') throw new InvalidArgumentError(`source can't be a URL for COPY: ${s}`);
    if (GIT_RE.test(s)) throw new NotImplementedError(`ADD from a git repository is not supported: ${s}`);
    plan.downloads.push({ url: s, target: downloadTarget(s, dest) });
  }
  const matched = local.flatMap((s) => matchSource(s, input.entries, keyword));
  const destIsDir = dest.endsWith('/');
  if (matched.length + plan.downloads.length > 1 && !destIsDir) {
    throw new InvalidArgumentError(`When using ${keyword} with more than one source file, the destination must be a directory and end with a /`);
  }
  const destDir = dest.replace(/\/+$/, '') || '/';
  for (const { entry, name } of matched) {
    if (entry.type === 'dir') {
      plan.directories.push(destDir);
      const prefix = entry.path === '' ? '' : `${entry.path}/`;
      for (const e of input.entries) {
        if (e.path.startsWith(prefix) && e.path !== entry.path) {
          plan.items.push({ source: e, target: posix.join(destDir, e.path.slice(prefix.length)) });
        }
      }
      continue;
    }
    const kind = keyword === 'ADD' ? input.archiveKind?.(entry.path) : undefined;
    if (kind !== undefined) plan.items.push({ source: entry, target: destDir, extract: kind });
    else plan.items.push({ source: entry, target: destIsDir ? posix.join(destDir, posix.basename(name)) : dest });
  }
  plan.directories = [...new Set(plan.directories)];
  return plan;
}
