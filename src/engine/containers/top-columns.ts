// `top`'s ps-style descriptors (the ones podman top knows by name) and how each turns a process into a
// cell. Pure: the caller reads /proc and the container's account files.
import { InvalidArgumentError } from '../../errors/index.js';
import type { ProcessStats } from '../../runtime/process-stats.js';

export const DEFAULT_TOP_DESCRIPTORS = ['user', 'pid', 'ppid', 'pcpu', 'etime', 'tty', 'time', 'args'];

export interface TopContext {
  /** Container pid by host pid, for PPID. */
  nsPidByHostPid: Map<number, number>;
  /** Names inside the container for host ids (after the user namespace mapping). */
  userName(hostUid: number): string;
  groupName(hostGid: number): string;
  hostUserName(hostUid: number): string;
  hostGroupName(hostGid: number): string;
  uptimeSeconds: number;
  clockTicks: number;
  pageSize: number;
}

/** Go's time.Duration String(), as podman prints ELAPSED and TIME: 4.937011306s, 1m2.5s, 0s. */
export function goDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Number((seconds % 60).toFixed(9));
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

function tty(ttyNr: number): string {
  if (ttyNr === 0) return '?';
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return `tty${minor}`;
  return '?';
}

type Column = { title: string; cell: (p: ProcessStats, c: TopContext) => string };

const elapsed = (p: ProcessStats, c: TopContext) => Math.max(0, c.uptimeSeconds - p.startTicks / c.clockTicks);

const COLUMNS: Record<string, Column> = {
  user: { title: 'USER', cell: (p, c) => c.userName(p.euid) },
  ruser: { title: 'RUSER', cell: (p, c) => c.userName(p.uid) },
  group: { title: 'GROUP', cell: (p, c) => c.groupName(p.egid) },
  rgroup: { title: 'RGROUP', cell: (p, c) => c.groupName(p.gid) },
  huser: { title: 'HUSER', cell: (p, c) => c.hostUserName(p.euid) },
  hgroup: { title: 'HGROUP', cell: (p, c) => c.hostGroupName(p.egid) },
  pid: { title: 'PID', cell: (p) => String(p.pid) },
  hpid: { title: 'HPID', cell: (p) => String(p.hostPid) },
  ppid: { title: 'PPID', cell: (p, c) => String(c.nsPidByHostPid.get(p.ppid) ?? 0) },
  pgid: { title: 'PGID', cell: (p, c) => String(c.nsPidByHostPid.get(p.pgid) ?? 0) },
  pcpu: {
    title: '%CPU',
    cell: (p, c) => {
      const e = elapsed(p, c);
      return (e > 0 ? ((p.cpuTicks / c.clockTicks) / e) * 100 : 0).toFixed(3);
    },
  },
  etime: { title: 'ELAPSED', cell: (p, c) => goDuration(elapsed(p, c)) },
  time: { title: 'TIME', cell: (p, c) => goDuration(Math.floor(p.cpuTicks / c.clockTicks)) },
  tty: { title: 'TTY', cell: (p) => tty(p.ttyNr) },
  args: { title: 'COMMAND', cell: (p) => (p.args.length > 0 ? p.args.join(' ') : `[${p.comm}]`) },
  comm: { title: 'COMMAND', cell: (p) => p.comm },
  nice: { title: 'NI', cell: (p) => String(p.nice) },
  state: { title: 'STATE', cell: (p) => p.state },
  vsz: { title: 'VSZ', cell: (p) => String(Math.floor(p.vsizeBytes / 1024)) },
  rss: { title: 'RSS', cell: (p, c) => String(Math.floor((p.rssPages * c.pageSize) / 1024)) },
};

/** Descriptors as users pass them: separate words or comma lists; `-ef`-style ps flags are refused. */
export function parseDescriptors(input: readonly string[]): string[] {
  const words = input.flatMap((w) => w.split(',')).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return DEFAULT_TOP_DESCRIPTORS;
  for (const w of words) {
    if (!(w in COLUMNS)) {
      throw new InvalidArgumentError(`unknown top descriptor "${w}": supported are ${Object.keys(COLUMNS).join(', ')}`);
    }
  }
  return words;
}

export function topTable(descriptors: readonly string[], processes: ProcessStats[], context: TopContext): { Titles: string[]; Processes: string[][] } {
  const columns = descriptors.map((d) => COLUMNS[d]!);
  return {
    Titles: columns.map((c) => c.title),
    Processes: processes.map((p) => columns.map((c) => c.cell(p, context))),
  };
}
