// User-defined networks: members reach each other by name and alias, separate networks do not, inspect
// shows the members, and nothing keeps running for a network once its last member is removed.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';
import { runrootOf, uplinkPids } from './network-probes.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/sbin/iptables');

describe.skipIf(!hasPrerequisites)('user-defined networks (needs docker-registry, runc and iptables)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa']));

    const server = (text: string) => ['sh', '-c', `mkdir -p /www && echo ${text} > /www/index.html && exec httpd -f -p 80 -h /www`];
    const fetch = (target: string) => ['sh', '-c', `for i in $(seq 50); do timeout 2 wget -q -O - http://${target}/ && exit 0; usleep 100000; done; exit 1`];

    it('lets members fetch each other by name and alias, and keeps other networks apart', async () => {
      expect((await t.run(['network', 'create', '--label', 'app=web', 'front'])).stdout).toBe('front\n');
      expect((await t.run(['network', 'create', '--subnet', '10.99.7.0/24', 'back'])).exitCode).toBe(0);
      expect((await t.run(['network', 'ls', '--filter', 'label=app=web', '--format', '{{.Name}} {{.Driver}}'])).stdout).toBe('front bridge\n');
      const web = await t.run(['run', '-d', '--name', 'web', '--network', 'front', '--network-alias', 'www', 'alpine', ...server(`web-${mode}`)]);
      expect(web.stderr).toBe('');
      expect(web.exitCode).toBe(0);
      const byName = await t.run(['run', '--rm', '--network', 'front', 'alpine', ...fetch('web')], { timeoutMs: 30_000 });
      expect(byName.stdout).toBe(`web-${mode}\n`);
      expect((await t.run(['run', '--rm', '--network', 'front', 'alpine', ...fetch('www')], { timeoutMs: 30_000 })).stdout).toBe(`web-${mode}\n`);
      const inspect = JSON.parse((await t.run(['network', 'inspect', 'front'])).stdout) as Array<{ Name: string; Containers: Record<string, { Name: string; IPv4Address: string }> }>;
      expect(Object.values(inspect[0]!.Containers).map((c) => c.Name)).toEqual(['web']);
      const webIp = inspect[0]!.Containers[Object.keys(inspect[0]!.Containers)[0]!]!.IPv4Address.split('/')[0]!;
      // Not the container's pid 1 (which ignores the SIGTERM of timeout): the probe ends even if nothing answers.
      const began = Date.now();
      const apart = await t.run(['run', '--rm', '--network', 'back', 'alpine', 'sh', '-c', `timeout 5 wget -q -O - http://${webIp}/; exit $?`], { timeoutMs: 30_000 });
      expect(apart.exitCode).not.toBe(0);
      expect(apart.stdout).toBe('');
      // Rejected between bridges, so the connection fails at once rather than after the probe's timeout.
      expect(apart.stderr).toMatch(/refused|unreachable/i);
      expect(Date.now() - began).toBeLessThan(5_000);
      expect((await t.run(['run', '--rm', '--network', 'back', 'alpine', 'sh', '-c', 'cat /etc/hosts | grep -c web || true'])).stdout).toBe('0\n');
      const back = await t.run(['run', '--rm', '--network', 'back', '--ip', '10.99.7.42', 'alpine', 'ip', '-4', 'addr', 'show', 'eth0']);
      expect(back.stdout).toContain('inet 10.99.7.42/24');
      expect(uplinkPids(runrootOf(t)).length).toBe(1);
      expect((await t.run(['rm', '-f', 'web'])).exitCode).toBe(0);
      expect(uplinkPids(runrootOf(t))).toEqual([]);
      const removed = await t.run(['network', 'rm', 'front', 'back']);
      expect(removed.stderr + (await t.run(['ps', '-a', '--format', '{{.Names}} {{.Status}} {{.Command}}'])).stdout).toBe('');
      expect(removed.stdout).toBe('front\nback\n');
      // Root keeps its built-in default network (as Podman keeps `podman`), and it cannot be removed; rootless has none.
      expect((await t.run(['network', 'ls', '-q'])).stdout).toBe(mode === 'root' ? 'tsmoby\n' : '');
      if (mode === 'root') expect((await t.run(['network', 'rm', 'tsmoby'])).stderr).toMatch(/default network tsmoby cannot be removed/);
    }, 120_000);

    it('reaches both networks of a container on two, and connects and disconnects a running one', async () => {
      for (const n of ['left', 'right']) expect((await t.run(['network', 'create', n])).exitCode).toBe(0);
      expect((await t.run(['run', '-d', '--name', 'lsrv', '--network', 'left', 'alpine', ...server('left')])).exitCode).toBe(0);
      expect((await t.run(['run', '-d', '--name', 'rsrv', '--network', 'right', 'alpine', ...server('right')])).exitCode).toBe(0);
      expect((await t.run(['create', '--name', 'both', '--network', 'left', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      expect((await t.run(['network', 'connect', 'right', 'both'])).exitCode).toBe(0);
      expect((await t.run(['start', 'both'])).exitCode).toBe(0);
      expect((await t.run(['exec', 'both', ...fetch('lsrv')], { timeoutMs: 30_000 })).stdout).toBe('left\n');
      expect((await t.run(['exec', 'both', ...fetch('rsrv')], { timeoutMs: 30_000 })).stdout).toBe('right\n');

      expect((await t.run(['run', '-d', '--name', 'client', '--network', 'left', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
      expect((await t.run(['exec', 'client', 'sh', '-c', 'grep -c rsrv /etc/hosts || true'])).stdout).toBe('0\n');
      const connected = await t.run(['network', 'connect', '--alias', 'late', 'right', 'client']);
      expect(connected.stderr).toBe('');
      expect(connected.exitCode).toBe(0);
      expect((await t.run(['exec', 'client', ...fetch('rsrv')], { timeoutMs: 30_000 })).stdout).toBe('right\n');
      expect((await t.run(['exec', 'client', 'ip', '-4', 'addr', 'show', 'eth1'])).stdout).toMatch(/inet 10\.\d+\.\d+\.\d+\//);
      expect((await t.run(['exec', 'rsrv', 'sh', '-c', 'grep -w late /etc/hosts'])).stdout).toMatch(/\bclient\b/);
      const inspect = JSON.parse((await t.run(['network', 'inspect', 'right'])).stdout) as Array<{ Containers: Record<string, { Name: string }> }>;
      expect(Object.values(inspect[0]!.Containers).map((c) => c.Name).sort()).toEqual(['both', 'client', 'rsrv']);

      const disconnected = await t.run(['network', 'disconnect', 'right', 'client']);
      expect(disconnected.stderr).toBe('');
      expect((await t.run(['exec', 'client', 'ip', 'link', 'show', 'eth1'])).exitCode).not.toBe(0);
      expect((await t.run(['exec', 'rsrv', 'sh', '-c', 'grep -c client /etc/hosts || true'])).stdout).toBe('0\n');
      expect((await t.run(['exec', 'client', ...fetch('lsrv')], { timeoutMs: 30_000 })).stdout).toBe('left\n');

      expect(uplinkPids(runrootOf(t)).length).toBe(1);
      expect((await t.run(['rm', '-f', 'lsrv', 'rsrv', 'both', 'client'])).exitCode).toBe(0);
      expect(uplinkPids(runrootOf(t))).toEqual([]);
      expect((await t.run(['network', 'rm', 'left', 'right'])).stdout).toBe('left\nright\n');
    }, 180_000);

    it('gives an --internal network no way out', async () => {
      await t.run(['network', 'create', '--internal', 'sealed']);
      const r = await t.run(['run', '--rm', '--network', 'sealed', 'alpine', 'sh', '-c', 'ip route; grep -c host.containers.internal /etc/hosts || true']);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain('default');
      expect(r.stdout.trim().split('\n').at(-1)).toBe('0');
      await t.run(['network', 'rm', 'sealed']);
    }, 60_000);
  });
});
