// slirp4netns and tsmoby-portfwd on a real network namespace, as root and as the unprivileged test user:
// reachability of the host, both port publishing paths, a busy port, and nothing left once the owner exits.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRoot, prepareTestUser, removeTestUser, runAs, type TestUser } from '../helpers/user.js';

const root = resolve(__dirname, '../..');
const binary = join(root, 'conmon/build/tsmoby-portfwd');
const has = (cmd: string) => { try { execFileSync('which', [cmd], { stdio: 'ignore' }); return true; } catch { return false; } };
const isRoot = process.getuid?.() === 0;
const ready = isRoot && has('slirp4netns') && has('busybox') && has('nsenter') && has('unshare');

interface Report {
  slirpPid: number; holderPid: number; serverPid: number; forwarderPid: number;
  viaGatewayLoopback: string; viaHostIp: string; viaHostfwd: string; viaForwarder: string;
  hostfwdList: Array<{ hostPort: number; guestPort: number; proto: string }>;
  busy: string | { kind: string; message: string };
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readStat(pid));
function readStat(pid: number): string {
  try { return execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }); } catch { return ') Z '; }
}

async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
}

function assertScenario(report: Report): void {
  // --disable-host-loopback: 10.0.2.2 (the host's loopback through slirp) is refused...
  expect(report.viaGatewayLoopback).toBe('');
  // ...while the host's own address is reached through slirp's NAT.
  if (report.viaHostIp !== 'no-host-ip') expect(report.viaHostIp).toBe('from-host');
  expect(report.hostfwdList).toEqual([expect.objectContaining({ guestPort: 80, proto: 'tcp' })]);
  expect(report.viaHostfwd).toBe('from-container');
  expect(report.viaForwarder).toBe('from-container');
  expect(report.busy).toEqual({ kind: 'conflict', message: expect.stringMatching(/host port already in use/) });
}

describe.skipIf(!ready)('network: slirp4netns and the port forwarder (needs root, slirp4netns, busybox, util-linux)', () => {
  let bundle: string;
  let dir: string;
  let user: TestUser;

  beforeAll(async () => {
    execFileSync('make', ['-C', join(root, 'conmon'), 'build/tsmoby-portfwd'], { stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'tsmoby-net-'));
    user = await prepareTestUser();
    // In the test user's directory, so that both root and the test user can read it.
    bundle = join(user.baseDir, 'scenario.mjs');
    await build({ entryPoints: [join(__dirname, 'network-scenario.fixture.ts')], bundle: true, platform: 'node',
      format: 'esm', outfile: bundle, logLevel: 'silent' });
    chownSync(bundle, user.uid, user.gid);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (user !== undefined) removeTestUser(user);
  });

  async function runScenario(rootless: boolean): Promise<Report> {
    const work = mkdtempSync(join(rootless ? user.baseDir : dir, 'run-'));
    if (rootless) chownSync(work, user.uid, user.gid);
    const argv = [process.execPath, bundle, JSON.stringify({ binary, dir: work, rootless })];
    const result = rootless ? await runAs(user, argv, { cwd: root }) : await asRoot(argv);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.stdout) as Report;
  }

  it.each([['root', false], ['rootless', true]] as const)('%s: host reachability, hostfwd, forwarder, busy port, no leftovers', async (_name, rootless) => {
    const report = await runScenario(rootless);
    try {
      assertScenario(report);
      // The owner exited without closing anything: its exit fds closed, so both helpers are gone.
      expect(await gone(report.slirpPid)).toBe(true);
      expect(await gone(report.forwarderPid)).toBe(true);
    } finally {
      for (const pid of [report.slirpPid, report.forwarderPid, report.serverPid, report.holderPid]) kill(pid);
    }
  });
});
