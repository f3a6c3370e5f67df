// /proc/<pid>/stat and status as `top` reads them: a comm with spaces and parentheses, NSpid, argv.
import { describe, expect, it } from 'vitest';
import { parseProcessStats } from '../../../src/runtime/process-stats.js';

// Fields after the comm: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
// cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
const stat = '4242 (my (odd) cmd) S 4200 4242 4242 34817 4242 4194560 100 0 0 0 7 3 0 0 20 5 1 0 123456 8192000 300 18446744073709551615';
const status = 'Name:\tmy (odd) cmd\nUid:\t1000\t1001\t1001\t1001\nGid:\t100\t101\t101\t101\nNSpid:\t4242\t7\n';

describe('parseProcessStats', () => {
  it('reads the fields after the last parenthesis, ids from status and the innermost NSpid', () => {
    expect(parseProcessStats(4242, stat, status, ['sleep', '100', ''].join('\0'))).toEqual({
      hostPid: 4242, pid: 7, ppid: 4200, pgid: 4242, state: 'S', comm: 'my (odd) cmd', args: ['sleep', '100'],
      uid: 1000, euid: 1001, gid: 100, egid: 101, ttyNr: 34817, nice: 5, cpuTicks: 10, startTicks: 123456,
      vsizeBytes: 8192000, rssPages: 300,
    });
  });

  it('keeps the host pid without NSpid, empty args for a kernel thread, an empty argument inside argv', () => {
    const p = parseProcessStats(9, stat, 'Uid:\t0\t0\t0\t0\n', '')!;
    expect(p.pid).toBe(9);
    expect(p.args).toEqual([]);
    expect(parseProcessStats(9, stat, status, 'sh\0-c\0\0')!.args).toEqual(['sh', '-c', '']);
  });

  it('is undefined for a stat line without a comm', () => {
    expect(parseProcessStats(1, 'garbage', status, '')).toBeUndefined();
  });
});
