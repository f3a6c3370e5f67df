// Where a Tsmoby runner keeps its store, and how the store's files look from the host (as root): the layer
// directories of an image, and the host id a container id maps to in the rootless user namespace.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextChainId } from '../../src/storage/chain-id.js';
import type { Tsmoby } from './tsmoby.js';

export function storeRoot(t: Tsmoby): string {
  if (t.mode === 'root') return t.globals[t.globals.indexOf('--root') + 1]!;
  return join(t.user!.dataHome, 'tsmoby');
}

/** The diff directories of layers with these diff ids, bottom first. */
export function layerDiffDirs(t: Tsmoby, diffIds: readonly string[]): string[] {
  const dirs: string[] = [];
  let chain: string | undefined;
  for (const diffId of diffIds) {
    chain = nextChainId(chain, diffId);
    dirs.push(join(storeRoot(t), 'layers', chain.slice(7), 'diff'));
  }
  return dirs;
}

/** The host uid (gid) a container id is stored as: itself as root; rootless 0 is the user, n is subuid_start+n-1. */
export function hostId(t: Tsmoby, id: number, kind: 'uid' | 'gid' = 'uid'): number {
  if (t.mode === 'root') return id;
  const user = t.user!;
  if (id === 0) return kind === 'uid' ? user.uid : user.gid;
  const file = readFileSync(kind === 'uid' ? '/etc/subuid' : '/etc/subgid', 'utf8');
  const line = file.split('\n').find((l) => l.startsWith(`${user.name}:`));
  if (!line) throw new Error(`no subordinate ids for ${user.name}`);
  return Number(line.split(':')[1]) + id - 1;
}

/** `stat` as this process (root in root-run suites): "uid:gid mode type major minor". */
export function hostStat(path: string): string {
  return execFileSync('stat', ['-c', '%u:%g %a %F %t %T', path]).toString().trim();
}

export function hostXattr(path: string, name: string): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import os,sys; print(os.getxattr(sys.argv[1], sys.argv[2], follow_symlinks=False).decode())', path, name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}
