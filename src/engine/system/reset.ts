// `system reset`: running containers are killed and removed (their conmon, slirp4netns and port forwarder
// end with them), any process still naming the store is killed, then everything the store holds goes, removed
// through the namespace (rootless files belong to subordinate ids the user cannot delete directly), and
// last the pause process holding the namespace ends.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { StorePaths } from '../../config/paths.js';
import type { Sys } from '../../sys/sys.js';
import { InternalError } from '../../errors/tsmoby-error.js';
import type { ContainerEngine } from '../types/container-types.js';

/** SIGKILL to every running container (kill marks it stopped, so no restart policy brings it back), then
 *  remove them all, which reaps them: network helpers ended, rootfs unmounted, runtime state deleted. */
export async function removeAllContainers(containers: Pick<ContainerEngine, 'list' | 'kill' | 'remove'>): Promise<void> {
  const running = (await containers.list()).map((c) => c.id);
  if (running.length > 0) await containers.kill(running, { signal: 'KILL' });
  await containers.remove([], { all: true, force: true, timeout: 0 });
}

function procStat(pid: number): { ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return { ppid: Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]) };
  } catch {
    return undefined;
  }
}

/** Pids whose command line names a path inside the store (conmon, exit commands, helpers left behind by a
 *  broken record), with their descendants (a container init under its conmon); never this process's own line. */
export function storeProcesses(paths: StorePaths): number[] {
  const prefixes = [paths.root, paths.runroot].map((p) => `${p.replace(/\/+$/, '')}/`);
  const ancestors = new Set<number>();
  for (let p = process.pid; p > 1 && !ancestors.has(p); p = procStat(p)?.ppid ?? 0) ancestors.add(p);
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const parents = new Map(pids.map((pid) => [pid, procStat(pid)?.ppid ?? 0]));
  const found = new Set<number>();
  for (const pid of pids) {
    if (ancestors.has(pid)) continue;
    let args: string[];
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0'); } catch { continue; }
    if (args.some((a) => prefixes.some((p) => a.startsWith(p)))) found.add(pid);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!found.has(pid) && found.has(ppid) && !ancestors.has(pid)) { found.add(pid); grew = true; }
    }
  }
  return [...found];
}

/** SIGKILL, then a bounded wait until they are gone (or zombies), so none of them races the removal. */
async function killAll(pids: number[]): Promise<void> {
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone, or not ours */ }
  }
  const alive = (pid: number) => {
    try { return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'latin1')); } catch { return false; }
  };
  for (let waited = 0; waited < 3000 && pids.some(alive); waited += 50) await delay(50);
}

/** Mount points at or below the store, deepest first, as the namespace that holds them sees them. */
function storeMounts(paths: StorePaths, mountinfo: string): string[] {
  const prefixes = [paths.root, paths.runroot].map((p) => p.replace(/\/+$/, ''));
  const points = mountinfo.split('\n').map((line) => line.split(' ')[4] ?? '')
    .map((p) => p.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`)));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

const RETRYABLE = new Set(['ENOENT', 'ENOTEMPTY', 'EBUSY']);

/** The shared network namespace of user networks: its uplink ends, its pinned file is unmounted. */
async function releaseSharedNetns(paths: StorePaths, sys: Sys, pausePid: number | undefined): Promise<void> {
  const dir = join(paths.runroot, 'netns');
  const uplink = await readFile(join(dir, 'uplink.json'), 'utf8').then((t) => JSON.parse(t) as { pid?: number }, () => ({} as { pid?: number }));
  if (typeof uplink.pid === 'number') {
    try { process.kill(uplink.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const pinned = await readFile(join(dir, 'shared.owner')).then(() => true, () => false);
  if (pinned) await sys.fsOps([{ op: 'umount', target: join(dir, 'shared'), detach: true }], { join: pausePid, keepGoing: true });
}

export async function resetStore(paths: StorePaths, sys: Sys): Promise<void> {
  const targets: string[] = [];
  for (const dir of [paths.root, paths.runroot]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    // The pause pid file goes last: it is how we find the process to end.
    targets.push(...names.filter((n) => !(dir === paths.runroot && n === 'pause.pid')).map((n) => join(dir, n)));
  }
  const hasPause = targets.length > 0 || (await readFile(join(paths.runroot, 'pause.pid')).then(() => true, () => false));
  // ensureNamespace checks the recorded pid's start time, so a reused pid is never killed.
  const pausePid = paths.rootless && hasPause ? await sys.ensureNamespace() : undefined;
  await releaseSharedNetns(paths, sys, pausePid);
  await killAll(storeProcesses(paths).filter((pid) => pid !== pausePid));
  // Whatever a killed cleanup left mounted (a rootfs, a pinned netns) would make the removal fail with EBUSY.
  const mountinfo = await readFile(`/proc/${pausePid ?? 'self'}/mountinfo`, 'utf8').catch(() => '');
  const mounts = storeMounts(paths, mountinfo);
  if (mounts.length > 0) await sys.fsOps(mounts.map((target) => ({ op: 'umount' as const, target, detach: true })), { join: pausePid, keepGoing: true });
  for (let attempt = 1; targets.length > 0; attempt++) {
    const results = await sys.fsOps(targets.map((path) => ({ op: 'removeAll' as const, path })), { join: pausePid, keepGoing: true });
    const failed = results.find((r) => !r.ok);
    if (!failed || failed.ok) break;
    // A process that was ending as we started may still have been removing or unmounting its own files.
    if (attempt >= 3 || !RETRYABLE.has(failed.code)) throw new InternalError(`cannot remove ${failed.path ?? ''}: ${failed.code}`);
    await delay(200);
  }
  if (pausePid !== undefined) {
    try { process.kill(pausePid, 'SIGKILL'); } catch { /* already gone */ }
  }
  await rm(join(paths.runroot, 'pause.pid'), { force: true });
}
