import { describe, expect, it } from 'vitest';
import { parseMemTotal, parseNetDev, parseProcIo, parseProcStat } from '../../../src/runtime/resource-usage.js';

describe('resource usage parsers', () => {
  it('sums the cpu line of /proc/stat and counts the cpus', () => {
    const text = 'cpu  100 2 30 4000 5 0 6 7 0 0\ncpu0 50 1 15 2000 2 0 3 3 0 0\ncpu1 50 1 15 2000 3 0 3 4 0 0\nintr 1\n';
    expect(parseProcStat(text)).toEqual({ totalTicks: 100 + 2 + 30 + 4000 + 5 + 0 + 6 + 7, cpus: 2 });
  });

  it('reads MemTotal in bytes', () => {
    expect(parseMemTotal('MemTotal:        2000 kB\nMemFree: 1 kB\n')).toBe(2000 * 1024);
    expect(parseMemTotal('')).toBe(0);
  });

  it('reads interface counters from net/dev, without loopback', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0',
      '  eth0:    1500      10    1    2    0     0          0         0      700       5    3    4    0     0       0          0',
    ].join('\n');
    expect(parseNetDev(text)).toEqual({
      eth0: { rxBytes: 1500, rxPackets: 10, rxErrors: 1, rxDropped: 2, txBytes: 700, txPackets: 5, txErrors: 3, txDropped: 4 },
    });
  });

  it('reads read_bytes and write_bytes from /proc/<pid>/io', () => {
    expect(parseProcIo('rchar: 9\nread_bytes: 4096\nwrite_bytes: 8192\n')).toEqual({ readBytes: 4096, writeBytes: 8192 });
    expect(parseProcIo('')).toEqual({ readBytes: 0, writeBytes: 0 });
  });
});
