// Resource use read from /proc for `stats`: the host's CPU time (/proc/stat), memory (/proc/meminfo), a
// network namespace's interface counters (/proc/<pid>/net/dev) and a process's I/O (/proc/<pid>/io).
// Pure parsers beside thin readers, so the formats are tested without a kernel.
import { readFile } from 'node:fs/promises';

/** One interface's counters, as /proc/net/dev has them. */
export interface NetworkInterfaceStats {
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
}

/** USER_HZ: the unit of /proc/stat and /proc/<pid>/stat times on every Linux architecture tsmoby runs on. */
export const CLOCK_TICKS = 100;
export const NS_PER_TICK = 1e9 / CLOCK_TICKS;

/** The first `cpu` line of /proc/stat summed (user .. steal), and the number of `cpuN` lines. */
export function parseProcStat(text: string): { totalTicks: number; cpus: number } {
  let totalTicks = 0;
  let cpus = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu ')) {
      totalTicks = line.trim().split(/\s+/).slice(1, 9).reduce((sum, v) => sum + Number(v), 0);
    } else if (/^cpu\d+ /.test(line)) cpus++;
  }
  return { totalTicks, cpus: Math.max(cpus, 1) };
}

export function parseMemTotal(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

/** /proc/net/dev: two header lines, then "iface: rx(8 fields) tx(8 fields)". */
export function parseNetDev(text: string): Record<string, NetworkInterfaceStats> {
  const out: Record<string, NetworkInterfaceStats> = {};
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (name === '' || name === 'lo' || f.length < 16) continue;
    out[name] = {
      rxBytes: f[0]!, rxPackets: f[1]!, rxErrors: f[2]!, rxDropped: f[3]!,
      txBytes: f[8]!, txPackets: f[9]!, txErrors: f[10]!, txDropped: f[11]!,
    };
  }
  return out;
}

export function parseProcIo(text: string): { readBytes: number; writeBytes: number } {
  const field = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { readBytes: field('read_bytes'), writeBytes: field('write_bytes') };
}

export async function readHostCpu(proc = '/proc'): Promise<{ totalTicks: number; cpus: number }> {
  return parseProcStat(await readFile(`${proc}/stat`, 'utf8'));
}

export async function readMemTotal(proc = '/proc'): Promise<number> {
  return parseMemTotal(await readFile(`${proc}/meminfo`, 'utf8').catch(() => ''));
}

export async function readNetDev(pid: number, proc = '/proc'): Promise<Record<string, NetworkInterfaceStats>> {
  return parseNetDev(await readFile(`${proc}/${pid}/net/dev`, 'utf8').catch(() => ''));
}

/** Needs ptrace rights over the process; none gives zeros rather than an error. */
export async function readProcIo(pid: number, proc = '/proc'): Promise<{ readBytes: number; writeBytes: number }> {
  return parseProcIo(await readFile(`${proc}/${pid}/io`, 'utf8').catch(() => ''));
}
