import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserNamespace, type UserNamespaceOptions } from '../../../src/sys/user-namespace.js';
import { FakeSys } from '../../fakes/fake-sys.js';

/** A fake pause process speaking the handshake; `answer` is what it says after "mapped". */
function scriptPause(sys: FakeSys, pid: number, answer = 'ready') {
  sys.onSpawn = () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    stdout.write('userns\n');
    stdin.on('data', (d: Buffer) => {
      if (d.toString() === 'mapped\n') stdout.write(`${answer}\n`);
    });
    return { pid, pipes: [stdin, stdout, undefined], wait: async () => ({ exitCode: 0, signal: null }) };
  };
}

describe('UserNamespace', () => {
  let runroot: string;
  let sys: FakeSys;
  let alive: Map<number, string>;
  let written: Array<[string, string]>;
  let warnings: string[];
  const options = (over: Partial<UserNamespaceOptions> = {}): UserNamespaceOptions => ({
    runroot, uid: 1001, gid: 1001, userName: 'tester', spawner: sys,
    pauseExecutable: () => '/opt/tsmoby-pause',
    processes: { startTime: (pid) => alive.get(pid) },
    readTextFile: (path) => (path.endsWith('subuid') ? 'tester:200000:65536\n' : 'tester:300000:1000\n'),
    writeTextFile: (path, text) => void written.push([path, text]),
    warn: (m) => void warnings.push(m),
    timeoutMs: 2000,
    ...over,
  });

  beforeEach(() => {
    runroot = mkdtempSync(join(tmpdir(), 'tsmoby-userns-'));
    sys = new FakeSys();
    alive = new Map();
    written = [];
    warnings = [];
  });
  afterEach(() => rmSync(runroot, { recursive: true, force: true }));

  it('creates the pause process, maps the subordinate ranges, and records pid and start time', async () => {
    scriptPause(sys, 500);
    alive.set(500, '9999');
    const pid = await new UserNamespace(options()).ensure();
    expect(pid).toBe(500);
    expect(sys.calls.map((c) => c.method)).toEqual(['spawn', 'run', 'run']);
    const runs = sys.calls.flatMap((c) => (c.method === 'run' ? [c.opts.argv] : []));
    expect(runs).toEqual([
      ['newuidmap', '500', '0', '1001', '1', '1', '200000', '65536'],
      ['newgidmap', '500', '0', '1001', '1', '1', '300000', '1000'],
    ]);
    expect(readFileSync(join(runroot, 'pause.pid'), 'utf8')).toBe('500\n9999\n');
  });

  it('reuses a live pause process without spawning', async () => {
    writeFileSync(join(runroot, 'pause.pid'), '321\n77\n');
    alive.set(321, '77');
    expect(await new UserNamespace(options()).ensure()).toBe(321);
    expect(sys.calls).toEqual([]);
  });

  it('recreates when the recorded pid is dead', async () => {
    writeFileSync(join(runroot, 'pause.pid'), '321\n77\n');
    scriptPause(sys, 600);
    alive.set(600, '1234');
    expect(await new UserNamespace(options()).ensure()).toBe(600);
    expect(sys.calls[0]?.method).toBe('spawn');
  });

  it('recreates when the pid was reused by another process (start time differs)', async () => {
    writeFileSync(join(runroot, 'pause.pid'), '321\n77\n');
    alive.set(321, '78');
    scriptPause(sys, 601);
    alive.set(601, '1');
    expect(await new UserNamespace(options()).ensure()).toBe(601);
  });

  it('falls back to a single-id map with a warning when the user has no subordinate ids', async () => {
    scriptPause(sys, 700);
    alive.set(700, '5');
    await new UserNamespace(options({ readTextFile: () => undefined })).ensure();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no subordinate ids for tester');
    expect(written).toEqual([
      ['/proc/700/setgroups', 'deny'],
      ['/proc/700/uid_map', '0 1001 1\n'],
      ['/proc/700/gid_map', '0 1001 1\n'],
    ]);
    expect(sys.calls.filter((c) => c.method === 'run')).toEqual([]);
  });

  it('fails with the pause process\'s error and kills it', async () => {
    scriptPause(sys, 800, 'error mount 1');
    const killed: number[] = [];
    const ns = new UserNamespace(options({ killProcess: (pid) => void killed.push(pid) }));
    await expect(ns.ensure()).rejects.toThrow(/mount failed with errno 1/);
    expect(killed).toEqual([800]);
  });

  it('fails when newuidmap fails, naming the command', async () => {
    scriptPause(sys, 801);
    sys.onRun = () => ({ exitCode: 1, signal: null, stdout: '', stderr: 'newuidmap: write to uid_map failed' });
    await expect(new UserNamespace(options({ killProcess: () => undefined })).ensure()).rejects.toThrow(/newuidmap 801 .* failed: newuidmap: write/);
  });
});
