import { describe, expect, it } from 'vitest';
import { execCandidates } from '../../../src/sys/exec-path.js';
import { parseProcStat } from '../../../src/sys/process-table.js';
import { parsePauseRecord, formatPauseRecord } from '../../../src/sys/user-namespace.js';
import { toExitStatus } from '../../../src/sys/linux-sys.js';

describe('execCandidates', () => {
  it('keeps a path with a slash as is and searches PATH otherwise', () => {
    expect(execCandidates('./run.sh', '/bin')).toEqual(['./run.sh']);
    expect(execCandidates('runc', '/usr/local/bin:/usr/bin')).toEqual(['/usr/local/bin/runc', '/usr/bin/runc']);
    expect(execCandidates('sh', undefined)).toContain('/bin/sh');
  });
});

describe('parseProcStat', () => {
  it('reads state and start time past a command name with spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S';
    expect(parseProcStat(`42 (a (b) c) ${fields.join(' ')}`)).toEqual({ state: 'S', startTime: '22' });
  });
});

describe('pause.pid', () => {
  it('round-trips and rejects garbage', () => {
    expect(parsePauseRecord(formatPauseRecord({ pid: 12, startTime: '345' }))).toEqual({ pid: 12, startTime: '345' });
    expect(parsePauseRecord('abc\n1\n')).toBeUndefined();
    expect(parsePauseRecord('12\n')).toBeUndefined();
  });
});

describe('toExitStatus', () => {
  it('reports signals as 128 + number, as shells do', () => {
    expect(toExitStatus({ exitCode: null, signal: 9 })).toEqual({ exitCode: 137, signal: 'SIGKILL' });
    expect(toExitStatus({ exitCode: 2, signal: null })).toEqual({ exitCode: 2, signal: null });
  });
});
