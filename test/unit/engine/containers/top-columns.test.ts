// `top` columns as podman prints them: descriptor parsing, Go-style durations, ttys, ids mapped to names.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors/index.js';
import { DEFAULT_TOP_DESCRIPTORS, goDuration, parseDescriptors, topTable, type TopContext } from '../../../../src/engine/containers/top-columns.js';
import type { ProcessStats } from '../../../../src/runtime/process-stats.js';

const proc = (over: Partial<ProcessStats> = {}): ProcessStats => ({
  hostPid: 5001, pid: 1, ppid: 4999, pgid: 5001, state: 'S', comm: 'sleep', args: ['sleep', '300'],
  uid: 200000, euid: 200000, gid: 200000, egid: 200000, ttyNr: 0, nice: 0, cpuTicks: 250, startTicks: 1000,
  vsizeBytes: 4096 * 1024, rssPages: 10, ...over,
});

const context: TopContext = {
  nsPidByHostPid: new Map([[5001, 1], [5002, 6]]),
  userName: (uid) => (uid === 200000 ? 'root' : String(uid - 200000)),
  groupName: (gid) => (gid === 200000 ? 'root' : String(gid - 200000)),
  hostUserName: (uid) => String(uid),
  hostGroupName: (gid) => String(gid),
  uptimeSeconds: 60, clockTicks: 100, pageSize: 4096,
};

describe('goDuration', () => {
  it('prints as Go prints a time.Duration', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(-1)).toBe('0s');
    expect(goDuration(4.5)).toBe('4.5s');
    expect(goDuration(62.5)).toBe('1m2.5s');
    expect(goDuration(3600)).toBe('1h0m0s');
  });
});

describe('parseDescriptors', () => {
  it('takes words and comma lists; none means podman top\'s defaults', () => {
    expect(parseDescriptors(['pid,comm', 'user'])).toEqual(['pid', 'comm', 'user']);
    expect(parseDescriptors([])).toEqual(DEFAULT_TOP_DESCRIPTORS);
  });

  it('refuses ps flags and unknown names, naming them', () => {
    expect(() => parseDescriptors(['-ef'])).toThrow(InvalidArgumentError);
    expect(() => parseDescriptors(['pid', 'nonsense'])).toThrow(/unknown top descriptor "nonsense"/);
  });
});

describe('topTable', () => {
  it('fills the default columns: container user and pids, %CPU over the elapsed time, no tty', () => {
    const t = topTable(DEFAULT_TOP_DESCRIPTORS, [proc(), proc({ hostPid: 5002, pid: 6, ppid: 5001, euid: 201000, args: [] })], context);
    expect(t.Titles).toEqual(['USER', 'PID', 'PPID', '%CPU', 'ELAPSED', 'TTY', 'TIME', 'COMMAND']);
    // Started 10 s after boot, 60 s of uptime: 50 s elapsed, 2.5 s of CPU.
    expect(t.Processes[0]).toEqual(['root', '1', '0', '5.000', '50s', '?', '2s', 'sleep 300']);
    expect(t.Processes[1]).toEqual(['1000', '6', '1', '5.000', '50s', '?', '2s', '[sleep]']);
  });

  it('names ptys and consoles, maps host ids and reports sizes in KiB', () => {
    const p = proc({ ttyNr: (136 << 8) | 3, euid: 200000, egid: 200005 });
    const t = topTable(['tty', 'huser', 'group', 'hpid', 'vsz', 'rss', 'comm', 'nice', 'state'], [p, proc({ ttyNr: (4 << 8) | 1 })], context);
    expect(t.Processes[0]).toEqual(['pts/3', '200000', '5', '5001', '4096', '40', 'sleep', '0', 'S']);
    expect(t.Processes[1]![0]).toBe('tty1');
  });
});
