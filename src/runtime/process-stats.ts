// One process as /proc shows it, for `top`: the fields of stat and status that ps-style columns need.
// Read from the host's /proc; the pid inside the container comes from NSpid (the innermost namespace).
import { readFile } from 'node:fs/promises';

export interface ProcessStats {
  /** Host pid. */
  hostPid: number;
  /** The pid as the container sees it (NSpid's last field). */
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  comm: string;
  /** argv; empty for kernel threads and zombies. */
  args: string[];
  /** Real and effective uid/gid on the host. */
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  ttyNr: number;
  nice: number;
  /** CPU time in clock ticks (user + system). */
  cpuTicks: number;
  /** Start, in clock ticks since boot. */
  startTicks: number;
  vsizeBytes: number;
  rssPages: number;
}

/** Pure: the fields of /proc/<pid>/stat and /proc/<pid>/status. */
export function parseProcessStats(hostPid: number, stat: string, status: string, cmdline: string): ProcessStats | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const f = stat.slice(close + 2).trim().split(' ');
  const num = (i: number) => Number(f[i] ?? 0);
  const ids = (key: string) => (new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '').trim().split(/\s+/).map(Number);
  const [uid = 0, euid = 0] = ids('Uid');
  const [gid = 0, egid = 0] = ids('Gid');
  const nspid = ids('NSpid');
  return {
    hostPid, pid: nspid.at(-1) || hostPid, ppid: num(1), pgid: num(2), state: f[0] ?? '?', comm: stat.slice(open + 1, close),
    args: cmdline.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1),
    uid, euid, gid, egid, ttyNr: num(4), nice: num(16), cpuTicks: num(11) + num(12), startTicks: num(19),
    vsizeBytes: num(20), rssPages: num(21),
  };
}

export async function readProcessStats(hostPid: number, proc = '/proc'): Promise<ProcessStats | undefined> {
  try {
    const [stat, status, cmdline] = await Promise.all([
      readFile(`${proc}/${hostPid}/stat`, 'utf8'), readFile(`${proc}/${hostPid}/status`, 'utf8'), readFile(`${proc}/${hostPid}/cmdline`, 'utf8'),
    ]);
    return parseProcessStats(hostPid, stat, status, cmdline);
  } catch {
    return undefined;
  }
}

/** Host ids of the process's user namespace, as "inside outside count" lines relative to the reader. */
export async function readIdMap(hostPid: number, which: 'uid' | 'gid', proc = '/proc'): Promise<Array<{ inside: number; outside: number; count: number }>> {
  const text = await readFile(`${proc}/${hostPid}/${which}_map`, 'utf8').catch(() => '');
  return text.trim().split('\n').filter(Boolean).map((l) => {
    const [inside = 0, outside = 0, count = 0] = l.trim().split(/\s+/).map(Number);
    return { inside, outside, count };
  });
}

/** Seconds since boot, for elapsed times. */
export async function uptimeSeconds(proc = '/proc'): Promise<number> {
  return Number((await readFile(`${proc}/uptime`, 'utf8')).split(' ')[0]);
}
