// Extracts a cp / archive-API tar into a directory of a root (a container's rootfs, or the host's `/`):
// names are confined (absolute and `..` refused), every parent is resolved inside the root so a symlink in
// the destination cannot lead the write elsewhere, and ownership follows the caller's choice.
import { chmod, link, lchown, lstat, lutimes, mkdir, rm, symlink, utimes } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { ConflictError, InvalidArgumentError } from '../errors/index.js';
import { resolveInScope } from './scope-path.js';
import { entryComponents } from './tar-entry-name.js';

export interface ExtractOptions {
  /** The root every path is confined to. */
  root: string;
  /** Absolute host path of the destination directory, inside `root`. */
  dir: string;
  /** Renames the archive's top component `from` to `to` (cp to a new name). */
  rename?: { from: string; to: string };
  /** 'keep': the archive's ids; {uid,gid}: these ids; 'none': whoever extracts owns the files. */
  owner: 'keep' | 'none' | { uid: number; gid: number };
  /** Refuse to replace a directory by a non-directory or the reverse (Docker's noOverwriteDirNonDir). */
  noOverwriteDirNonDir?: boolean;
}

interface DirTimes { path: string; mode: number; mtime: Date }

export async function extractArchive(source: Readable | AsyncIterable<Uint8Array>, options: ExtractOptions): Promise<void> {
  const ex = extract();
  const dirs: DirTimes[] = [];
  const feeding = pipeline(source as Readable, ex);
  for await (const entry of ex) {
    try {
      await writeEntry(entry.header, entry as unknown as Readable, options, dirs);
    } finally {
      entry.resume();
    }
  }
  await feeding;
  // Directory modes and times last: files written into them would change the mtime, a 0555 dir refuse writes.
  for (const d of dirs.reverse()) {
    await chmod(d.path, d.mode);
    await utimes(d.path, d.mtime, d.mtime);
  }
}

function renamed(parts: string[], rename: ExtractOptions['rename']): string[] {
  if (!rename || parts[0] !== rename.from) return parts;
  return rename.to === '' ? parts.slice(1) : [rename.to, ...parts.slice(1)];
}

async function targetPath(name: string, options: ExtractOptions): Promise<string | undefined> {
  const parts = renamed(entryComponents(name), options.rename);
  if (parts.length === 0) return undefined;
  const rel = `/${relative(options.root, options.dir)}/${parts.slice(0, -1).join('/')}`;
  const parent = await resolveInScope(options.root, rel, { followFinal: true });
  return join(parent, parts.at(-1)!);
}

async function clearFor(path: string, wantDir: boolean, options: ExtractOptions): Promise<boolean> {
  const existing = await lstat(path).catch(() => undefined);
  if (!existing) return false;
  if (existing.isDirectory() === wantDir) return existing.isDirectory();
  if (options.noOverwriteDirNonDir) {
    throw new ConflictError(`cannot overwrite ${existing.isDirectory() ? 'directory' : 'non-directory'} "${path}" with ${wantDir ? 'directory' : 'non-directory'}`);
  }
  await rm(path, { recursive: true, force: true });
  return false;
}

async function writeEntry(header: Header, body: Readable, options: ExtractOptions, dirs: DirTimes[]): Promise<void> {
  const path = await targetPath(header.name, options);
  if (path === undefined) return;
  const mode = (header.mode ?? 0o644) & 0o7777;
  const mtime = header.mtime ?? new Date();
  await mkdir(dirname(path), { recursive: true });
  switch (header.type) {
    case 'directory':
      if (!(await clearFor(path, true, options))) await mkdir(path, { mode: 0o700 });
      dirs.push({ path, mode, mtime });
      break;
    case 'file':
    case 'contiguous-file':
      await clearFor(path, false, options);
      await rm(path, { force: true });
      await pipeline(body, createWriteStream(path, { mode: 0o600 }));
      break;
    case 'symlink':
      await clearFor(path, false, options);
      await rm(path, { force: true });
      await symlink(header.linkname ?? '', path);
      break;
    case 'link': {
      const target = await targetPath(header.linkname ?? '', options);
      if (target === undefined) throw new InvalidArgumentError(`refusing hard link "${header.name}" to the archive root`);
      await clearFor(path, false, options);
      await rm(path, { force: true });
      await link(target, path);
      return;
    }
    default:
      return; // devices, fifos: nothing a copy can create unprivileged
  }
  await applyOwner(path, header, options);
  if (header.type === 'symlink') {
    await lutimes(path, mtime, mtime);
  } else if (header.type !== 'directory') {
    await chmod(path, mode);
    await utimes(path, mtime, mtime);
  }
}

async function applyOwner(path: string, header: Header, options: ExtractOptions): Promise<void> {
  if (options.owner === 'none') return;
  const ids = options.owner === 'keep' ? { uid: header.uid ?? 0, gid: header.gid ?? 0 } : options.owner;
  await lchown(path, ids.uid, ids.gid);
}
