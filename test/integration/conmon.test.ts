// conmon against real runc: the sync protocol, exit files, the k8s-file log, the attach socket, the pty and
// its resize over the ctl FIFO, the exit command, runtime failures and signal forwarding.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOciBundle, runcPath } from '../helpers/oci-bundle.js';

const CONMON = resolve('conmon/build/conmon');
const ATTACH_CLIENT = resolve('conmon/build/attach-client');
const isRoot = process.getuid?.() === 0;
const WAIT_MS = 15_000;

/** Collects the lines of a stream; next() waits (bounded) for the next one. */
class LineReader {
  private lines: string[] = [];
  private waiters: Array<() => void> = [];
  private buffer = '';
  ended = false;
  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.wake();
    });
    stream.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }
  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  async next(what: string): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    while (this.lines.length === 0) {
      if (this.ended) throw new Error(`stream ended while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
    return this.lines.shift() as string;
  }
  async end(what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }
}

async function waitFor(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

interface Ctx {
  tmp: string;
  cid: string;
  bundle: string;
  runcRoot: string;
  children: ChildProcess[];
}

let ctx: Ctx | undefined;

function newCtx(): Ctx {
  const tmp = mkdtempSync(join(tmpdir(), 'conmon-test-'));
  for (const d of ['exits', 'sock', 'runc']) mkdirSync(join(tmp, d));
  ctx = { tmp, cid: `ct-${Math.random().toString(16).slice(2, 10)}`, bundle: join(tmp, 'bundle'), runcRoot: join(tmp, 'runc'), children: [] };
  return ctx;
}

function runc(c: Ctx, ...args: string[]): string {
  return execFileSync(runcPath as string, ['--root', c.runcRoot, ...args], { encoding: 'utf8' });
}

function baseArgs(c: Ctx): string[] {
  return [
    '--api-version', '1', '-c', c.cid, '-u', c.cid, '-n', 'test', '-r', runcPath as string, '-b', c.bundle,
    '-p', join(c.tmp, 'pidfile'), '-P', join(c.tmp, 'conmon.pid'), '-l', `k8s-file:${join(c.tmp, 'ctr.log')}`,
    '--exit-dir', join(c.tmp, 'exits'), '--socket-dir-path', join(c.tmp, 'sock'), '--log-level', 'debug',
    '-s', '--runtime-arg', '--root', '--runtime-arg', c.runcRoot,
  ];
}

interface Started {
  sync: LineReader;
  first: { data: number; message?: string };
  /** The start pipe, still open: with --delete-on-exit conmon waits for it to close (after `runc start`). */
  start: NodeJS.WritableStream;
}

/** Starts conmon like a caller does: sync pipe on fd 3, start pipe on fd 4, waits for its first message. */
async function startConmon(c: Ctx, extra: string[] = [], args = baseArgs(c)): Promise<Started> {
  const child = spawn(CONMON, [...args, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3', _OCI_STARTPIPE: '4' },
  });
  c.children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const sync = new LineReader(child.stdio[3] as Readable);
  const start = child.stdio[4] as unknown as NodeJS.WritableStream;
  start.write('0');
  const [code] = (await once(child, 'exit')) as [number];
  expect(code, stderr).toBe(0);
  const first = JSON.parse(await sync.next('the sync message')) as Started['first'];
  return { sync, first, start };
}

function attach(c: Ctx): { client: ChildProcess; out: LineReader } {
  const client = spawn(ATTACH_CLIENT, [join(c.tmp, 'sock', c.cid, 'attach')], { stdio: ['pipe', 'pipe', 'inherit'] });
  c.children.push(client);
  return { client, out: new LineReader(client.stdout as Readable) };
}

function decode(line: string): { stream: number; text: string } {
  const [stream, hex] = line.split(' ');
  return { stream: Number(stream), text: Buffer.from(hex ?? '', 'hex').toString('utf8') };
}

const exitFile = (c: Ctx): string => join(c.tmp, 'exits', c.cid);

describe.skipIf(!runcPath || !isRoot || !existsSync('/bin/busybox'))('conmon with runc (needs runc, root, busybox-static)', () => {
  beforeAll(() => {
    execFileSync('make', ['-C', 'conmon', 'build/conmon', 'build/attach-client'], { stdio: 'ignore' });
  });

  afterEach(() => {
    if (ctx === undefined) return;
    const c = ctx;
    ctx = undefined;
    try {
      runc(c, 'delete', '-f', c.cid);
    } catch {
      // already gone
    }
    const pidFile = join(c.tmp, 'conmon.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited
      }
    }
    for (const child of c.children) child.kill('SIGKILL');
    rmSync(c.tmp, { recursive: true, force: true });
  });

  it('answers --version with conmon compatible first line', () => {
    const out = execFileSync(CONMON, ['--version'], { encoding: 'utf8' }).split('\n');
    expect(out[0]).toBe('conmon version 2.1.12');
    expect(out[1]).toMatch(/^tsmoby-conmon \d+\.\d+\.\d+/);
  });

  it('reports the pid, logs k8s-file lines and writes exit code 0', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'echo hello; echo oops >&2; printf partial'] });
    const { sync, first } = await startConmon(c);
    expect(first.data).toBeGreaterThan(1);
    expect(Number(readFileSync(join(c.tmp, 'pidfile'), 'utf8'))).toBe(first.data);
    expect(runc(c, 'state', c.cid)).toContain('"created"');
    runc(c, 'start', c.cid);
    await sync.end('conmon to exit');
    expect(readFileSync(exitFile(c), 'utf8')).toBe('0');
    const lines = readFileSync(join(c.tmp, 'ctr.log'), 'utf8').split('\n').filter(Boolean);
    const ts = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}[+-]\\d\\d:\\d\\d';
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${ts} stdout F hello$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${ts} stderr F oops$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${ts} stdout P partial$`)));
    expect(existsSync(join(c.tmp, 'sock', c.cid))).toBe(false);
  });

  it('writes the exit code of a failing container and deletes it with --delete-on-exit', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'exit 3'] });
    const { sync, start } = await startConmon(c, ['--delete-on-exit']);
    runc(c, 'start', c.cid);
    start.end();
    await sync.end('conmon to exit');
    expect(readFileSync(exitFile(c), 'utf8')).toBe('3');
    expect(() => runc(c, 'state', c.cid)).toThrow();
  });

  it('streams output to an attach client with stream ids and forwards its stdin', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['cat'] });
    const { sync } = await startConmon(c, ['-i']);
    const { client, out } = attach(c);
    expect(await out.next('connection')).toBe('connected');
    runc(c, 'start', c.cid);
    client.stdin?.write('ping\n');
    expect(decode(await out.next('echoed stdin'))).toEqual({ stream: 2, text: 'ping\n' });
    client.stdin?.end();
    await sync.end('conmon to exit after stdin closed');
    expect(readFileSync(exitFile(c), 'utf8')).toBe('0');
    expect(readFileSync(join(c.tmp, 'ctr.log'), 'utf8')).toMatch(/ stdout F ping\n/);
  });

  it('runs with a terminal from the console socket and resizes it over the ctl FIFO', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'while read x; do stty size; done'], terminal: true });
    const { sync, first } = await startConmon(c, ['-t', '-i']);
    expect(first.data).toBeGreaterThan(1);
    const { client, out } = attach(c);
    expect(await out.next('connection')).toBe('connected');
    writeFileSync(join(c.bundle, 'ctl'), '1 40 100\n');
    runc(c, 'start', c.cid);
    let seen = '';
    // Each input line makes the container print its size; the resize lands within a few rounds.
    for (let i = 0; i < 50 && !seen.includes('40 100'); i++) {
      client.stdin?.write('\n');
      const msg = decode(await out.next('terminal output'));
      expect(msg.stream).toBe(2);
      seen += msg.text;
    }
    expect(seen).toContain('40 100');
    client.stdin?.write('\x04');
    await sync.end('conmon to exit');
    expect(readFileSync(exitFile(c), 'utf8')).toBe('0');
  });

  it('runs the exit command with its arguments after the container exited', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'exit 0'] });
    const script = join(c.tmp, 'on-exit.sh');
    const marker = join(c.tmp, 'exit-command.out');
    writeFileSync(script, `#!/bin/sh\necho "$@" > ${marker}.tmp && mv ${marker}.tmp ${marker}\n`);
    chmodSync(script, 0o755);
    const { sync } = await startConmon(c, ['--exit-command', script, '--exit-command-arg', 'cleanup', '--exit-command-arg', c.cid]);
    runc(c, 'start', c.cid);
    await sync.end('conmon to exit');
    await waitFor('the exit command', () => existsSync(marker));
    expect(readFileSync(marker, 'utf8')).toBe(`cleanup ${c.cid}\n`);
  });

  it('reports data -1 with the runtime error when create fails', async () => {
    const c = newCtx();
    mkdirSync(c.bundle);
    writeFileSync(join(c.bundle, 'config.json'), '{"ociVersion": "1.0.2", "process": {"args": ["sh"]}');
    const { sync, first } = await startConmon(c);
    expect(first.data).toBe(-1);
    expect(first.message).toMatch(/json|config|unexpected/i);
    await sync.end('conmon to exit');
    expect(existsSync(exitFile(c))).toBe(false);
  });

  it('forwards SIGTERM to the container and stays under 1 MiB of private memory', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'trap "exit 7" TERM; echo ready; while :; do sleep 0.1; done'] });
    const { sync } = await startConmon(c);
    const { out } = attach(c);
    expect(await out.next('connection')).toBe('connected');
    runc(c, 'start', c.cid);
    expect(decode(await out.next('ready')).text).toBe('ready\n');
    const conmonPid = Number(readFileSync(join(c.tmp, 'conmon.pid'), 'utf8'));
    const rollup = readFileSync(`/proc/${conmonPid}/smaps_rollup`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]);
    expect(kb('Private_Clean') + kb('Private_Dirty')).toBeLessThan(1024);
    process.kill(conmonPid, 'SIGTERM');
    await sync.end('conmon to exit');
    expect(readFileSync(exitFile(c), 'utf8')).toBe('7');
  });

  it('runs an exec session and reports its pid, then its exit code', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sleep', '30'] });
    await startConmon(c);
    runc(c, 'start', c.cid);
    const session = join(c.tmp, 'exec-session');
    mkdirSync(join(session, 'exits'), { recursive: true });
    const spec = join(session, 'process.json');
    const processSpec = { args: ['sh', '-c', 'echo exec-out; exit 5'], cwd: '/', env: ['PATH=/bin'], user: { uid: 0, gid: 0 } };
    writeFileSync(spec, JSON.stringify(processSpec));
    const execArgs = [
      '--api-version', '-c', c.cid, '-u', 'exec1', '-r', runcPath as string, '-b', session, '--exec',
      '--exec-process-spec', spec, '-p', join(session, 'pid'), '-l', join(session, 'exec.log'),
      '--exit-dir', join(session, 'exits'), '--socket-dir-path', join(c.tmp, 'sock'),
      '--runtime-arg', '--root', '--runtime-arg', c.runcRoot,
    ];
    const { sync, first } = await startConmon(c, [], execArgs);
    expect(first.data).toBeGreaterThan(1);
    expect(JSON.parse(await sync.next('the exec exit code'))).toEqual({ data: 5 });
    expect(readFileSync(join(session, 'exits', c.cid), 'utf8')).toBe('5');
    expect(readFileSync(join(session, 'exec.log'), 'utf8')).toMatch(/ stdout F exec-out\n/);
  });

  it('truncates the k8s-file log when --log-size-max would be exceeded', async () => {
    const c = newCtx();
    makeOciBundle(c.bundle, { args: ['sh', '-c', 'i=0; while [ $i -lt 40 ]; do echo line-$i; i=$((i+1)); done'] });
    const { sync } = await startConmon(c, ['--log-size-max', '400']);
    runc(c, 'start', c.cid);
    await sync.end('conmon to exit');
    const log = readFileSync(join(c.tmp, 'ctr.log'), 'utf8');
    expect(log.length).toBeLessThanOrEqual(400);
    expect(log).toMatch(/ stdout F line-39\n$/);
    expect(log).not.toContain('line-0\n');
  });
});
