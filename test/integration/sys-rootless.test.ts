// LinuxSys as an unprivileged user (tsmoby-test, run through runuser): the pause process, joined commands,
// id mapping seen from the host, reuse and recreation, the first-command race, an overlay mount inside.
import { execFileSync, execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubordinateRange } from '../../src/sys/id-maps.js';
import { nativeSearchDirs } from '../../src/sys/native.js';
import type { FsOp, FsOpResult, RunResult } from '../../src/sys/sys.js';

const USER = 'tsmoby-test';
const nativeDir = nativeSearchDirs().find((dir) => existsSync(join(dir, 'tsmoby_native.node')));
const testUid = (() => {
  try {
    return Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
})();
const ready = process.getuid?.() === 0 && testUid !== undefined && nativeDir !== undefined && existsSync('/usr/bin/newuidmap');

type Action = { ensure: true } | { run: string[] } | { fsOps: FsOp[] };
type Outcome = number | undefined | RunResult | FsOpResult[];

const ENTRY = `
import { LinuxSys } from ${JSON.stringify(resolve(__dirname, '../../src/sys/linux-sys.ts'))};
const { runroot, actions } = JSON.parse(process.argv[2]);
const sys = new LinuxSys({ runroot, rootless: true, uid: process.getuid() });
const out = [];
let pid;
for (const a of actions) {
  if (a.ensure) out.push(pid = await sys.ensureNamespace());
  else if (a.run) out.push(await sys.run({ argv: a.run, join: pid }));
  else out.push(await sys.fsOps(a.fsOps, { join: pid }));
}
process.stdout.write(JSON.stringify(out));
`;

describe.skipIf(!ready)(`LinuxSys rootless (needs root to switch to ${USER}, uidmap and npm run build:native)`, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tsmoby-sys-rootless-'));
  const script = join(tmp, 'entry.mjs');
  const pausePids = new Set<number>();
  let runs = 0;

  function runAs(runroot: string, actions: Action[]): Promise<Outcome[]> {
    const env = ['HOME=/home/tsmoby-test', `XDG_RUNTIME_DIR=${tmp}`, `TSMOBY_NATIVE_DIR=${nativeDir}`];
    const argv = ['-u', USER, '--', 'env', ...env, process.execPath, script, JSON.stringify({ runroot, actions })];
    return new Promise((resolvePromise, reject) => {
      execFile('runuser', argv, { timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        const out = JSON.parse(stdout) as Outcome[];
        for (const o of out) if (typeof o === 'number') pausePids.add(o);
        resolvePromise(out);
      });
    });
  }
  const freshRunroot = () => join(tmp, `run-${++runs}`);
  const isAlive = (pid: number) => {
    try {
      return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
    } catch {
      return false;
    }
  };
  const userPauseProcesses = () =>
    readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(join(nativeDir!, 'tsmoby-pause')) &&
          statSync(`/proc/${pid}`).uid === testUid && isAlive(pid);
      } catch {
        return false;
      }
    });

  beforeAll(async () => {
    chownSync(tmp, testUid!, testUid!);
    writeFileSync(join(tmp, 'entry.ts'), ENTRY);
    await build({
      entryPoints: [join(tmp, 'entry.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm',
      target: 'node20', logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
  });

  afterAll(() => {
    for (const pid of pausePids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a pause process whose namespace maps the user to root and the subordinate range from 1', async () => {
    const runroot = freshRunroot();
    const [pid, id] = (await runAs(runroot, [{ ensure: true }, { run: ['id', '-u'] }])) as [number, RunResult];
    expect(isAlive(pid)).toBe(true);
    expect(id).toMatchObject({ exitCode: 0, stdout: '0\n' });
    const range = findSubordinateRange(readFileSync('/etc/subuid', 'utf8'), { name: USER, id: testUid! })!;
    const uidMap = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));
    expect(uidMap).toEqual([`0 ${testUid} 1`, `1 ${range.start} ${range.count}`]);
    expect(readFileSync(join(runroot, 'pause.pid'), 'utf8').split('\n')[0]).toBe(String(pid));

    // A second command reuses it.
    const [again] = await runAs(runroot, [{ ensure: true }]);
    expect(again).toBe(pid);
  });

  it('lchown inside the namespace shows as the mapped ids from the host', async () => {
    const file = join(tmp, 'owned');
    writeFileSync(file, 'x');
    chownSync(file, testUid!, testUid!);
    const [, results] = await runAs(freshRunroot(), [{ ensure: true }, { fsOps: [{ op: 'lchown', path: file, uid: 1000, gid: 1000 }] }]);
    expect(results).toEqual([{ ok: true }]);
    const uidStart = findSubordinateRange(readFileSync('/etc/subuid', 'utf8'), { name: USER, id: testUid! })!.start;
    const gidStart = findSubordinateRange(readFileSync('/etc/subgid', 'utf8'), { name: USER, id: testUid! })!.start;
    expect([statSync(file).uid, statSync(file).gid]).toEqual([uidStart + 999, gidStart + 999]);
  });

  it('recreates the pause process after it was killed', async () => {
    const runroot = freshRunroot();
    const [first] = (await runAs(runroot, [{ ensure: true }])) as [number];
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (isAlive(first) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const [second, id] = (await runAs(runroot, [{ ensure: true }, { run: ['id', '-u'] }])) as [number, RunResult];
    expect(second).not.toBe(first);
    expect(isAlive(second)).toBe(true);
    expect(id.stdout).toBe('0\n');
  });

  it('two concurrent first commands end with one pause process', async () => {
    const runroot = freshRunroot();
    const before = new Set(userPauseProcesses());
    const [[a], [b]] = await Promise.all([runAs(runroot, [{ ensure: true }]), runAs(runroot, [{ ensure: true }])]);
    expect(a).toBe(b);
    expect(userPauseProcesses().filter((pid) => !before.has(pid))).toEqual([a]);
  });

  it('mounts an overlay inside the namespace that joined commands see, and unmounts it', async () => {
    const base = join(tmp, 'overlay');
    for (const d of ['lower', 'upper', 'work', 'merged']) mkdirSync(join(base, d), { recursive: true });
    writeFileSync(join(base, 'lower', 'hello.txt'), 'from the lower layer\n');
    execFileSync('chown', ['-R', `${testUid}:${testUid}`, base]);
    const merged = join(base, 'merged');
    const data = `lowerdir=${join(base, 'lower')},upperdir=${join(base, 'upper')},workdir=${join(base, 'work')},userxattr`;
    const out = await runAs(freshRunroot(), [
      { ensure: true },
      { fsOps: [{ op: 'mount', source: 'overlay', target: merged, fstype: 'overlay', data }] },
      { run: ['cat', join(merged, 'hello.txt')] },
      { fsOps: [{ op: 'umount', target: merged }] },
      { run: ['cat', join(merged, 'hello.txt')] },
    ]);
    expect(out[1]).toEqual([{ ok: true }]);
    expect(out[2]).toMatchObject({ exitCode: 0, stdout: 'from the lower layer\n' });
    expect(out[3]).toEqual([{ ok: true }]);
    expect((out[4] as RunResult).exitCode).toBe(1);
    expect(readdirSync(merged)).toEqual([]); // never visible from the host
  });
});
