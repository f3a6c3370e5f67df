// Container scenarios against real runc and conmon, shared by the root test (run in-process) and the rootless
// test (bundled and run as the test user). Each returns plain data; the tests assert on it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { TsmobyError } from '../../src/errors/index.js';
import { attach, attachSocketPath } from '../../src/runtime/attach.js';
import { ConmonLauncher } from '../../src/runtime/conmon.js';
import { containerLiveness, identify, readExitFile, waitForExitFile } from '../../src/runtime/exit-status.js';
import { readLog } from '../../src/runtime/log-reader.js';
import { OciRuntime } from '../../src/runtime/runc.js';
import type { Sys } from '../../src/sys/sys.js';
import { makeOciBundle } from '../helpers/oci-bundle.js';

export interface ScenarioEnv {
  sys: Sys;
  conmonPath: string;
  runcPath: string;
  workDir: string;
  rootless: boolean;
}

export interface ScenarioResults {
  exitZero: { code: number | undefined; logs: string[][]; tail: string[]; liveness: string };
  exitThree: number | undefined;
  missing: { kind: string; message: string };
  notExecutable: { kind: string; message: string };
  attach: { stdout: string; stderr: string; code: number | undefined };
  lifecycle: {
    status: string | undefined; runningLiveness: string; psHasPid: boolean; execCode: number;
    attachedExec: { stdout: string; stderr: string; code: number }; killedCode: number | undefined;
    afterDelete: unknown; deleteMissing: string;
  };
  follow: string[];
  netns: { pinned: boolean; differsFromHost: boolean };
  pids: number[];
}

const WAIT_MS = 15_000;

class Scenarios {
  readonly runtime: OciRuntime;
  readonly launcher: ConmonLauncher;
  readonly runroot: string;
  readonly pids: number[] = [];
  private n = 0;

  constructor(private readonly env: ScenarioEnv) {
    this.runroot = join(env.workDir, 'run');
    for (const d of ['exits', 'socket']) mkdirSync(join(this.runroot, d), { recursive: true, mode: 0o700 });
    this.runtime = new OciRuntime({ sys: env.sys, runtimePath: env.runcPath, runroot: this.runroot });
    this.launcher = new ConmonLauncher({ sys: env.sys, conmonPath: env.conmonPath, timeoutMs: WAIT_MS });
  }

  bundle(args: string[]): { cid: string; dir: string; bundle: string } {
    const cid = `rt${process.pid}x${++this.n}`;
    const dir = join(this.env.workDir, cid);
    const bundle = makeOciBundle(join(dir, 'bundle'), { args });
    writeFileSync(join(bundle, 'rootfs', 'bin', 'notexec'), '#!/bin/sh\necho hi\n');
    chmodSync(join(bundle, 'rootfs', 'bin', 'notexec'), 0o644);
    if (this.env.rootless) {
      // A runc inside a user namespace owns neither the device cgroup nor a cgroup mount.
      const configPath = join(bundle, 'config.json');
      const config = JSON.parse(readFileSync(configPath, 'utf8')) as { mounts: Array<{ type: string }>; linux: { resources?: unknown } };
      config.mounts = config.mounts.filter((m) => m.type !== 'cgroup');
      delete config.linux.resources;
      writeFileSync(configPath, JSON.stringify(config));
    }
    return { cid, dir, bundle };
  }

  async create(args: string[], extra: { stdin?: boolean } = {}) {
    const b = this.bundle(args);
    const conmonPidFile = join(b.dir, 'conmon.pid');
    const created = await this.launcher.createContainer({
      cid: b.cid, cuuid: b.cid, name: b.cid, runtimePath: this.env.runcPath, runtimeArgs: this.runtime.globalArgs(),
      bundle: b.bundle, containerPidFile: join(b.dir, 'pidfile'), conmonPidFile, logPath: join(b.dir, 'ctr.log'),
      exitDir: join(this.runroot, 'exits'), socketDir: join(this.runroot, 'socket'), stdin: extra.stdin ?? false,
    }).finally(() => {
      try {
        this.pids.push(Number(readFileSync(conmonPidFile, 'utf8')));
      } catch {
        // conmon did not get that far
      }
    });
    this.pids.push(created.pid);
    const conmon = identify(this.pids.at(-2) ?? -1);
    return { ...b, pid: created.pid, conmon, log: join(b.dir, 'ctr.log') };
  }

  exitCode(cid: string) {
    return waitForExitFile(join(this.runroot, 'exits'), cid, { timeoutMs: WAIT_MS }).then((r) => r?.exitCode);
  }

  async failure(args: string[]): Promise<{ kind: string; message: string }> {
    try {
      await this.create(args);
      return { kind: 'none', message: '' };
    } catch (err) {
      return err instanceof TsmobyError ? { kind: err.kind, message: err.message } : { kind: 'other', message: String(err) };
    }
  }
}

async function lines(iterable: AsyncIterable<{ stream: string; text: string }>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of iterable) out.push([r.stream, r.text]);
  return out;
}

async function attachScenario(s: Scenarios, sys: Sys): Promise<ScenarioResults['attach']> {
  const c = await s.create(['sh', '-c', 'cat; echo done >&2'], { stdin: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const attached = attach(sys, attachSocketPath(join(s.runroot, 'socket'), c.cid), { stdin: Readable.from(['hello ', 'cat\n']), stdout, stderr });
  await s.runtime.start(c.cid);
  await attached;
  return { stdout: out, stderr: err, code: await s.exitCode(c.cid) };
}

async function lifecycleScenario(s: Scenarios, env: ScenarioEnv): Promise<ScenarioResults['lifecycle']> {
  const c = await s.create(['sleep', '60']);
  await s.runtime.start(c.cid);
  const status = (await s.runtime.state(c.cid))?.status;
  const runningLiveness = (await containerLiveness({ exitDir: join(s.runroot, 'exits'), cid: c.cid, conmon: c.conmon, container: identify(c.pid) })).state;
  const psHasPid = (await s.runtime.ps(c.cid)).includes(c.pid);
  const session = join(c.dir, 'exec1');
  mkdirSync(join(session, 'exits'), { recursive: true });
  writeFileSync(join(session, 'process.json'), JSON.stringify({ args: ['sh', '-c', 'exit 7'], cwd: '/', env: ['PATH=/bin'], user: { uid: 0, gid: 0 } }));
  const exec = await s.launcher.exec({
    cid: c.cid, cuuid: `${c.cid}-e1`, runtimePath: env.runcPath, runtimeArgs: s.runtime.globalArgs(), bundle: session,
    containerPidFile: join(session, 'pid'), exitDir: join(session, 'exits'), socketDir: join(s.runroot, 'socket'),
    processSpecPath: join(session, 'process.json'),
  });
  const execCode = await exec.exitCode;
  const attachedExec = await attachedExecScenario(s, env, c);
  await s.runtime.kill(c.cid, 'KILL');
  const killedCode = await s.exitCode(c.cid);
  await s.runtime.delete(c.cid, { force: true });
  const afterDelete = await s.runtime.state(c.cid);
  const deleteMissing = await s.runtime.delete(c.cid).then(() => 'none', (e: TsmobyError) => e.kind);
  return { status, runningLiveness, psHasPid, execCode, attachedExec, killedCode, afterDelete, deleteMissing };
}

/** `exec -it`-style: the session waits for the attach client, so no output is lost before it connects. */
async function attachedExecScenario(s: Scenarios, env: ScenarioEnv, c: { cid: string; dir: string }) {
  const session = join(c.dir, 'exec2');
  mkdirSync(join(session, 'exits'), { recursive: true });
  const args = ['sh', '-c', 'read line; echo "got $line"; echo to-stderr >&2; exit 4'];
  writeFileSync(join(session, 'process.json'), JSON.stringify({ args, cwd: '/', env: ['PATH=/bin'], user: { uid: 0, gid: 0 } }));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const cuuid = `${c.cid}-e2`;
  let attached: Promise<void> | undefined;
  const exec = await s.launcher.exec({
    cid: c.cid, cuuid, runtimePath: env.runcPath, runtimeArgs: s.runtime.globalArgs(), bundle: session, stdin: true,
    containerPidFile: join(session, 'pid'), exitDir: join(session, 'exits'), socketDir: join(s.runroot, 'socket'),
    processSpecPath: join(session, 'process.json'), attach: true,
  }, {
    onAttachReady: () => new Promise<void>((resolve, reject) => {
      attached = attach(env.sys, attachSocketPath(join(s.runroot, 'socket'), cuuid), {
        stdin: Readable.from(['exec input\n']), stdout, stderr, onConnected: resolve,
      });
      attached.catch(reject);
    }),
  });
  const code = await exec.exitCode;
  await attached;
  return { stdout: out, stderr: err, code };
}

async function netnsScenario(env: ScenarioEnv): Promise<ScenarioResults['netns']> {
  const file = join(env.workDir, 'netns-file');
  writeFileSync(file, '');
  const join_ = await env.sys.ensureNamespace();
  const opts = join_ !== undefined ? { join: join_ } : {};
  const [made] = await env.sys.fsOps([{ op: 'netns', path: file }], opts);
  const inside = await env.sys.run({ argv: ['nsenter', `--net=${file}`, 'readlink', '/proc/self/ns/net'], ...opts });
  const host = await env.sys.run({ argv: ['readlink', '/proc/self/ns/net'], ...opts });
  await env.sys.fsOps([{ op: 'umount', target: file }], opts);
  return { pinned: made?.ok === true && inside.exitCode === 0, differsFromHost: inside.stdout.startsWith('net:[') && inside.stdout !== host.stdout };
}

export async function runRuntimeScenarios(env: ScenarioEnv): Promise<ScenarioResults> {
  const s = new Scenarios(env);
  try {
    const zero = await s.create(['sh', '-c', 'echo out; echo err >&2; echo more']);
    await s.runtime.start(zero.cid);
    const code = await s.exitCode(zero.cid);
    const exitZero = {
      code, logs: await lines(readLog(zero.log)), tail: (await lines(readLog(zero.log, { tail: 1 }))).map((l) => l[1]!),
      liveness: (await containerLiveness({ exitDir: join(s.runroot, 'exits'), cid: zero.cid, conmon: zero.conmon })).state,
    };
    const three = await s.create(['sh', '-c', 'exit 3']);
    await s.runtime.start(three.cid);
    const exitThree = await s.exitCode(three.cid);
    const missing = await s.failure(['/bin/nope']);
    const notExecutable = await s.failure(['/bin/notexec']);
    const attached = await attachScenario(s, env.sys);
    const lifecycle = await lifecycleScenario(s, env);
    const f = await s.create(['sh', '-c', 'echo a; sleep 0.3; echo b']);
    const exits = join(s.runroot, 'exits');
    const following = lines(readLog(f.log, { follow: { done: async () => (await readExitFile(exits, f.cid)) !== undefined, pollMs: 20 } }));
    await s.runtime.start(f.cid);
    const follow = (await following).map((l) => l[1]!);
    const netns = await netnsScenario(env);
    return { exitZero, exitThree, missing, notExecutable, attach: attached, lifecycle, follow, netns, pids: s.pids };
  } finally {
    for (const pid of s.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited already
      }
    }
  }
}
