// Network modes as a user sees them: none has only lo, the default (slirp4netns rootless, the tsmoby0
// bridge as root) reaches the host's
// address and host.containers.internal but not the host's loopback, the generated /etc files carry --dns,
// --add-host and --hostname, host and container:<id> share namespaces, and no helper outlives `rm -f`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostVethName } from '../../src/network/rootless-netns.js';
import { pushFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';
import { helperPids } from './network-probes.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/slirp4netns');

const hostIp = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;

function serve(host: string, body: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end(body));
  return new Promise((resolve) => server.listen(0, host, () => {
    const addr = server.address();
    resolve({ server, port: typeof addr === 'object' && addr !== null ? addr.port : 0 });
  }));
}

/** Interface names, without the veths that root containers of tests running alongside plug in and out. */
function interfaceNames(procNetDev: string): string[] {
  return procNetDev.split('\n').slice(2).map((l) => l.trim().split(':')[0]!).filter((n) => n !== '' && !n.startsWith('veth')).sort();
}

describe.skipIf(!hasPrerequisites || hostIp === undefined)('network modes (needs docker-registry, runc, slirp4netns and a non-loopback host address)', () => {
  let registry: TestRegistry;
  let outside: { server: Server; port: number };
  let loopback: { server: Server; port: number };
  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    await pushFixture(registry, 'alpine');
    outside = await serve('0.0.0.0', 'from-host');
    loopback = await serve('127.0.0.1', 'loopback-only');
  }, 120_000);
  afterAll(async () => {
    outside?.server.close();
    loopback?.server.close();
    await registry?.stop();
  });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry);
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => { await t?.run(['rm', '-fa']); await t?.cleanup(); });

    const sh = (script: string) => ['sh', '-c', script];

    it('gives --network none only the loopback interface', async () => {
      const r = await t.run(['run', '--rm', '--network', 'none', 'alpine', 'cat', '/proc/net/dev']);
      expect(r.exitCode).toBe(0);
      expect(interfaceNames(r.stdout)).toEqual(['lo']);
    }, 60_000);

    it('reaches the host by its address and as host.containers.internal, not its loopback', async () => {
      const script = [
        `timeout 5 wget -q -O - http://${hostIp}:${outside.port}/; echo`,
        `timeout 5 wget -q -O - http://host.containers.internal:${outside.port}/; echo`,
        `timeout 3 wget -q -O - http://10.0.2.2:${loopback.port}/ && echo reached-loopback || echo no-loopback`,
      ].join('; ');
      const r = await t.run(['run', '--rm', 'alpine', ...sh(script)], { timeoutMs: 30_000 });
      expect(r.stdout).toBe('from-host\nfrom-host\nno-loopback\n');
    }, 60_000);

    it('writes --dns, --dns-search, --add-host, --hostname and its own name into /etc', async () => {
      const r = await t.run(['run', '--rm', '--name', 'named', '--hostname', 'h1', '--dns', '1.2.3.4', '--dns-search', 'example.com',
        '--add-host', 'a.b:10.1.2.3', 'alpine', ...sh('cat /etc/resolv.conf; echo ---; cat /etc/hosts; echo ---; hostname')]);
      expect(r.exitCode).toBe(0);
      const [resolv, hosts, hostname] = r.stdout.split('---\n') as [string, string, string];
      expect(resolv).toMatch(/^nameserver 1\.2\.3\.4$/m);
      expect(resolv).toMatch(/^search example\.com$/m);
      expect(hosts).toMatch(/^10\.1\.2\.3\s+a\.b$/m);
      expect(hosts).toMatch(/^\S+\s+.*\bh1\b.*\bnamed\b/m);
      expect(hostname).toBe('h1\n');
    }, 60_000);

    it('shows the host interfaces with --network host', async () => {
      const r = await t.run(['run', '--rm', '--network', 'host', 'alpine', 'cat', '/proc/net/dev']);
      expect(interfaceNames(r.stdout)).toEqual(interfaceNames(readFileSync('/proc/net/dev', 'utf8')));
    }, 60_000);

    it('shares another container network with --network container:<name>, and leaves no helper after rm -f', async () => {
      expect((await t.run(['run', '-d', '--name', 'first', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      const addr = (name: string) => t.run(['exec', name, 'ip', '-4', '-o', 'addr', 'show']).then((r) => r.stdout.replace(/\s+/g, ' '));
      const mine = await addr('first');
      expect(mine).toMatch(mode === 'root' ? / eth0 inet 10\.90\.\d+\.\d+\/16 / : /10\.0\.2\.100/);
      expect((await t.run(['run', '-d', '--name', 'second', '--network', 'container:first', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      expect(await addr('second')).toBe(mine);
      const pid = Number((await t.run(['inspect', '--format', '{{.State.Pid}}', 'first'])).stdout);
      // Rootless, slirp4netns serves the namespace; root's default bridge needs no helper.
      expect(helperPids(pid).length).toBe(mode === 'root' ? 0 : 1);
      expect((await t.run(['rm', '-f', 'second', 'first'])).exitCode).toBe(0);
      expect(helperPids(pid)).toEqual([]);
    }, 60_000);

    it.runIf(mode === 'root')('puts a root container on the tsmoby0 bridge, reaching the host as its gateway, and removes its veth with it', async () => {
      expect((await t.run(['run', '-d', '--name', 'bridged', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      const id = (await t.run(['inspect', '--format', '{{.Id}}', 'bridged'])).stdout.trim();
      const ip = await t.run(['exec', 'bridged', 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
      expect(ip.stdout).toMatch(/inet 10\.90\.\d+\.\d+\/16/);
      const hosts = await t.run(['exec', 'bridged', 'cat', '/etc/hosts']);
      expect(hosts.stdout).toMatch(/^10\.90\.0\.1\s+host\.containers\.internal/m);
      const got = await t.run(['exec', 'bridged', ...sh(`timeout 5 wget -q -O - http://host.containers.internal:${outside.port}/`)]);
      expect(got.stdout).toBe('from-host');
      // The gateway keeps its MAC while other containers come and go (a bridge otherwise takes its lowest
      // port's MAC, and the first container's cached gateway address goes stale when that port leaves).
      for (const other of ['passing1', 'passing2']) {
        expect((await t.run(['run', '-d', '--name', other, 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      }
      expect((await t.run(['rm', '-f', 'passing1', 'passing2'])).exitCode).toBe(0);
      const again = await t.run(['exec', 'bridged', ...sh(`timeout 5 wget -q -O - http://host.containers.internal:${outside.port}/`)]);
      expect(again.stdout).toBe('from-host');
      expect(execFileSync('ip', ['-o', 'link', 'show', 'tsmoby0'], { encoding: 'utf8' })).toContain('link/ether 02:42:0a:5a:00:01 ');
      const veth = hostVethName(id, 'tsmoby');
      expect(execFileSync('ip', ['-o', 'link', 'show', 'master', 'tsmoby0'], { encoding: 'utf8' })).toContain(veth);
      expect((await t.run(['network', 'inspect', '--format', '{{range $k, $v := .Containers}}{{$k}} {{end}}', 'tsmoby'])).stdout).toContain(id);
      expect((await t.run(['rm', '-f', 'bridged'])).exitCode).toBe(0);
      expect(execFileSync('ip', ['-o', 'link', 'show', 'master', 'tsmoby0'], { encoding: 'utf8' })).not.toContain(veth);
      expect((await t.run(['network', 'inspect', '--format', '{{range $k, $v := .Containers}}{{$k}} {{end}}', 'tsmoby'])).stdout).not.toContain(id);
    }, 60_000);
  });
});
