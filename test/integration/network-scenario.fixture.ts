// One networking scenario, bundled and run as root or as the test user (rootless); prints a JSON report and
// exits without cleaning up, so that the test can check slirp4netns and the forwarder end with their owner.
import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { addHostForward, listHostForwards, startSlirp4netns } from '../../src/network/slirp4netns.js';
import { startPortForwarder } from '../../src/network/port-forward.js';
import type { SpawnOptions, SpawnedProcess, Sys } from '../../src/sys/sys.js';

const { binary, dir, rootless } = JSON.parse(process.argv[2]!) as { binary: string; dir: string; rootless: boolean };

/** Sys.spawn through nsenter: joins the holder's user namespace as the pause process would be joined. */
function nsenterSys(holder: number): Pick<Sys, 'spawn'> {
  return {
    async spawn(opts: SpawnOptions): Promise<SpawnedProcess> {
      const argv = opts.join !== undefined ? ['nsenter', '-U', '-t', String(holder), '--', ...opts.argv] : opts.argv;
      const stdio = (opts.stdio ?? []).map((s) => (typeof s === 'object' ? ('fd' in s ? s.fd : 'pipe') : s));
      const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { stdio, detached: opts.detached === true });
      await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
      const exit = new Promise<{ exitCode: number; signal: string | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ exitCode: code ?? 128, signal })));
      return { pid: child.pid!, pipes: child.stdio.map((s) => s ?? undefined) as SpawnedProcess['pipes'], wait: () => exit };
    },
  };
}

function ask(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const sock = connect(port, host);
    sock.setTimeout(5_000, () => sock.destroy());
    sock.on('data', (c: Buffer) => { text += c.toString(); });
    sock.on('close', () => resolve(text.trim()));
    sock.on('error', () => resolve(''));
  });
}

function inNetns(holder: number, argv: string[]): Promise<string> {
  const ns = rootless ? ['-U', '-n'] : ['-n'];
  return new Promise((resolve) => {
    const child = spawn('nsenter', [...ns, '-t', String(holder), '--', ...argv], { stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => { text += c.toString(); });
    child.on('close', () => resolve(text.trim()));
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Rootless: mapped through newuidmap like the pause process (a single-id map denies setgroups to joiners).
const holderArgs = rootless ? ['--user', '--map-users=auto', '--map-groups=auto', '--map-root-user', '--net', 'sleep', '600'] : ['--net', 'sleep', '600'];
const holder = spawn('unshare', holderArgs, { stdio: 'ignore', detached: true });
const pid = holder.pid!;
let reported = false;
// On a failure nothing reports the pids to the test: end the namespace holder and the server here.
process.on('exit', () => {
  if (reported) return;
  for (const p of [pid, report.serverPid]) {
    try { if (typeof p === 'number') process.kill(p, 'SIGKILL'); } catch { /* gone */ }
  }
});
const report: Record<string, unknown> = {};
const netnsPath = `/proc/${pid}/ns/net`;
await waitFor(() => { try { return readlinkSync(netnsPath) !== readlinkSync('/proc/self/ns/net'); } catch { return false; } }, 'netns');

const hostServer = createServer((s) => s.end('from-host\n'));
await new Promise<void>((r) => hostServer.listen(0, '0.0.0.0', r));
const hostPort = (hostServer.address() as AddressInfo).port;
const hostIp = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;

const apiSocket = join(dir, 'slirp.sock');
const sys = nsenterSys(pid);
const join_ = rootless ? { join: pid } : {};
const slirp = await startSlirp4netns(sys, { netnsPath, apiSocket, ...join_ });
Object.assign(report, { slirpPid: slirp.pid, holderPid: pid });
report.viaGatewayLoopback = await inNetns(pid, ['busybox', 'nc', '-w', '3', '10.0.2.2', String(hostPort)]);
report.viaHostIp = hostIp === undefined ? 'no-host-ip' : await inNetns(pid, ['busybox', 'nc', '-w', '3', hostIp, String(hostPort)]);

const server = spawn('nsenter', [...(rootless ? ['-U', '-n'] : ['-n']), '-t', String(pid), '--',
  'busybox', 'nc', '-ll', '-p', '80', '-e', 'busybox', 'echo', 'from-container'], { stdio: 'ignore', detached: true });
report.serverPid = server.pid;
await waitFor(async () => (await inNetns(pid, ['busybox', 'nc', '-w', '1', '127.0.0.1', '80'])) === 'from-container', 'server in netns');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

const fwdPort = await freePort();
await addHostForward(apiSocket, { proto: 'tcp', hostAddr: '127.0.0.1', hostPort: fwdPort, guestPort: 80 });
report.hostfwdList = await listHostForwards(apiSocket);
report.viaHostfwd = await ask('127.0.0.1', fwdPort);

const portfwdPort = await freePort();
const fwd = await startPortForwarder(sys, { binary, netnsPath, ports: [{ hostIp: '127.0.0.1', hostPort: portfwdPort, containerPort: 80 }], ...join_ });
report.forwarderPid = fwd.pid;
report.viaForwarder = await ask('127.0.0.1', portfwdPort);
try {
  await startPortForwarder(sys, { binary, netnsPath, ports: [{ hostIp: '', hostPort, containerPort: 80 }], ...join_ });
  report.busy = 'started';
} catch (err) {
  report.busy = { kind: (err as { kind?: string }).kind, message: (err as Error).message };
}
process.stdout.write(JSON.stringify(report));
reported = true;
// The owner goes away without closing anything: its exit fds close with it.
process.exit(0);
