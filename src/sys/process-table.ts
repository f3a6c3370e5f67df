// Liveness of a pid with pid-reuse detection: a pid is "the same process" only while its start time
// (field 22 of /proc/<pid>/stat, clock ticks since boot) is unchanged.
import { readFileSync } from 'node:fs';

export interface ProcessTable {
  /** The process's start time, or undefined when it is gone or a zombie. */
  startTime(pid: number): string | undefined;
}

/** Fields after the command name, which is in parentheses and may itself hold spaces and parentheses. */
export function parseProcStat(text: string): { state: string; startTime: string } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text.slice(close + 2).trim().split(' ');
  // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
  const state = fields[0];
  const startTime = fields[19];
  if (state === undefined || startTime === undefined) return undefined;
  return { state, startTime };
}

export const procProcessTable: ProcessTable = {
  startTime(pid) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    const stat = parseProcStat(text);
    return stat === undefined || stat.state === 'Z' || stat.state === 'X' ? undefined : stat.startTime;
  },
};
