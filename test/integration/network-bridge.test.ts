// The user-defined network plan on real namespaces: a shared netns with a bridge, two container netns joined
// by veth pairs, busybox ping between them; as root, and rootless inside a user namespace of the test user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateIp, allocateSubnet } from '../../src/network/ipam.js';
import { commandArgv, planAttach, planBridge, planDetach, planSharedNamespace, type NetnsCommand } from '../../src/network/rootless-netns.js';
import { asRoot, prepareTestUser, removeTestUser, runAs, type TestUser } from '../helpers/user.js';

const has = (cmd: string) => { try { execFileSync('which', [cmd], { stdio: 'ignore' }); return true; } catch { return false; } };
const ready = process.getuid?.() === 0 && ['ip', 'busybox', 'nsenter', 'unshare', 'iptables'].every(has);

interface Namespaces { holders: ChildProcess[]; shared: string; c1: string; c2: string; prefix: string[] }

async function waitForNewNetns(pid: number): Promise<string> {
  const path = `/proc/${pid}/ns/net`;
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      if (readlinkSync(path) !== readlinkSync('/proc/self/ns/net')) return path;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`no new netns for ${pid}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Root: three plain netns. Rootless: a user namespace (full subordinate map) owning all three. */
async function makeNamespaces(user: TestUser | undefined): Promise<Namespaces> {
  const start = (argv: string[]) => spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', detached: true });
  const asUser = (argv: string[]) => (user ? ['setpriv', '--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups', ...argv] : argv);
  const first = start(asUser(user
    ? ['unshare', '--user', '--map-users=auto', '--map-groups=auto', '--map-root-user', '--net', 'sleep', '300']
    : ['unshare', '--net', 'sleep', '300']));
  const shared = await waitForNewNetns(first.pid!);
  const prefix = user ? ['nsenter', '-U', '-t', String(first.pid), '--'] : [];
  const c1p = start(asUser([...prefix, 'unshare', '--net', 'sleep', '300']));
  const c2p = start(asUser([...prefix, 'unshare', '--net', 'sleep', '300']));
  return { holders: [first, c1p, c2p], shared, c1: await waitForNewNetns(c1p.pid!), c2: await waitForNewNetns(c2p.pid!), prefix };
}

describe.skipIf(!ready)('network: bridge and veth plan (needs root, iproute2, iptables, busybox, util-linux)', () => {
  let user: TestUser;
  beforeAll(async () => { user = await prepareTestUser(); });
  afterAll(() => { if (user !== undefined) removeTestUser(user); });

  it.each([['root', false], ['rootless', true]] as const)('%s: two containers on one bridge ping each other and the gateway', async (_n, rootless) => {
    const ns = await makeNamespaces(rootless ? user : undefined);
    const run = async (cmd: NetnsCommand, container?: string) => {
      const argv = [...ns.prefix, ...commandArgv(cmd, { shared: ns.shared, ...(container ? { container } : {}) })];
      const result = rootless ? await runAs(user, argv) : await asRoot(argv);
      if (result.exitCode !== 0 && cmd.mayFail !== true) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
      return result;
    };
    try {
      const addressing = allocateSubnet([]);
      const net = { bridge: 'tsmoby0', ...addressing };
      const ip1 = allocateIp(addressing, []);
      const ip2 = allocateIp(addressing, [ip1]);
      for (const cmd of [...planSharedNamespace(), ...planBridge(net)]) await run(cmd);
      for (const [id, path, ip] of [['c1', ns.c1, ip1], ['c2', ns.c2, ip2]] as const) {
        for (const cmd of planAttach(net, { containerId: id, network: 'n', ip, containerNetnsPath: path, interfaceName: 'eth0' })) {
          await run(cmd, path);
        }
      }
      const ping = (from: string, to: string) => run({ netns: 'container', argv: ['busybox', 'ping', '-c', '1', '-W', '3', to], mayFail: true }, from);
      expect((await ping(ns.c1, ip2)).stdout).toContain('1 packets received');
      expect((await ping(ns.c2, ip1)).stdout).toContain('1 packets received');
      expect((await ping(ns.c1, net.gateway)).stdout).toContain('1 packets received');
      for (const cmd of planDetach({ containerId: 'c2', network: 'n' })) await run(cmd);
      expect((await ping(ns.c1, ip2)).stdout).toContain('0 packets received');
    } finally {
      for (const h of ns.holders) h.kill('SIGKILL');
    }
  });
});
