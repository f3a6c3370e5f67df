// What `cp` and the archive API report about a path: Docker's X-Docker-Container-Path-Stat fields, with the
// mode in Go's os.FileMode encoding (type bits high, permission bits low) as Docker clients decode it.
import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import { resolveInScope } from './scope-path.js';

export interface PathStat {
  name: string;
  size: number;
  /** Go os.FileMode bits. */
  mode: number;
  /** RFC 3339. */
  mtime: string;
  /** For a symlink: where it leads, as an absolute path inside the root; '' otherwise. */
  linkTarget: string;
  /** Convenience for callers that do not want to decode `mode`. */
  isDir: boolean;
}

const GO_MODE = {
  dir: 2 ** 31, symlink: 2 ** 27, device: 2 ** 26, namedPipe: 2 ** 25, socket: 2 ** 24,
  setuid: 2 ** 23, setgid: 2 ** 22, charDevice: 2 ** 21, sticky: 2 ** 20,
};

export function goFileMode(st: Stats): number {
  let mode = st.mode & 0o777;
  if (st.mode & 0o4000) mode += GO_MODE.setuid;
  if (st.mode & 0o2000) mode += GO_MODE.setgid;
  if (st.mode & 0o1000) mode += GO_MODE.sticky;
  if (st.isDirectory()) mode += GO_MODE.dir;
  else if (st.isSymbolicLink()) mode += GO_MODE.symlink;
  else if (st.isFIFO()) mode += GO_MODE.namedPipe;
  else if (st.isSocket()) mode += GO_MODE.socket;
  else if (st.isCharacterDevice()) mode += GO_MODE.device + GO_MODE.charDevice;
  else if (st.isBlockDevice()) mode += GO_MODE.device;
  return mode;
}

/** The stat of `abs` (already resolved inside `root`, last component not followed); undefined when missing. */
export async function statInRoot(root: string, abs: string): Promise<PathStat | undefined> {
  const st = await lstat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (!st) return undefined;
  let linkTarget = '';
  let isDir = st.isDirectory();
  if (st.isSymbolicLink()) {
    const target = await resolveInScope(root, `/${relative(root, abs)}`, { followFinal: true });
    linkTarget = `/${relative(root, target)}`;
    isDir = (await stat(target).catch(() => undefined))?.isDirectory() ?? false;
  }
  const name = abs === root ? '/' : basename(abs);
  return { name, size: st.size, mode: goFileMode(st), mtime: st.mtime.toISOString(), linkTarget, isDir };
}
