// Published ports: -p answered from the host with the container's content, a busy host port refused before
// anything runs (125, nothing left), `port`, the ps PORTS column, stop + start, and no helper left after rm.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';
import { hostVethName } from '../../src/network/rootless-netns.js';
import { helperPids, httpGet } from './network-probes.js';

/** The host-side veths on root's default bridge (none when it is not there). */
function bridgePorts(): string {
  try {
    return execFileSync('ip', ['-o', 'link', 'show', 'master', 'tsmoby0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/slirp4netns');

describe.skipIf(!hasPrerequisites)('published ports (needs docker-registry, runc and slirp4netns)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa']));

    const httpd = (text: string) => ['sh', '-c', `mkdir -p /www && echo ${text} > /www/index.html && exec httpd -f -p 80 -h /www`];

    it('answers on 127.0.0.1:PORT from the container, shows the port, and survives stop + start', async () => {
      const port = await freePort();
      const r = await t.run(['run', '-d', '--name', 'web', '-p', `127.0.0.1:${port}:80`, 'alpine', ...httpd(`hello-${mode}`)]);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(await httpGet(`http://127.0.0.1:${port}/`)).toBe(`hello-${mode}\n`);
      expect((await t.run(['port', 'web'])).stdout).toBe(`80/tcp -> 127.0.0.1:${port}\n`);
      expect((await t.run(['port', 'web', '80'])).stdout).toBe(`127.0.0.1:${port}\n`);
      expect((await t.run(['ps', '--format', '{{.Ports}}'])).stdout).toBe(`127.0.0.1:${port}->80/tcp\n`);
      const bindings = JSON.parse((await t.run(['inspect', '--format', '{{json .NetworkSettings.Ports}}', 'web'])).stdout) as unknown;
      expect(bindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
      expect((await t.run(['stop', '-t', '1', 'web'])).exitCode).toBe(0);
      expect((await t.run(['start', 'web'])).exitCode).toBe(0);
      expect(await httpGet(`http://127.0.0.1:${port}/`)).toBe(`hello-${mode}\n`);
      const pid = Number((await t.run(['inspect', '--format', '{{.State.Pid}}', 'web'])).stdout);
      // Rootless: slirp4netns and the port forwarder; root's default bridge needs only the forwarder.
      expect(helperPids(pid).length).toBe(mode === 'root' ? 1 : 2);
      const id = (await t.run(['inspect', '--format', '{{.Id}}', 'web'])).stdout.trim();
      expect((await t.run(['rm', '-f', 'web'])).exitCode).toBe(0);
      expect(helperPids(pid)).toEqual([]);
      if (mode === 'root') expect(bridgePorts()).not.toContain(hostVethName(id, 'tsmoby'));
    }, 60_000);

    it('refuses a host port in use with 125 before the container runs, leaving nothing running', async () => {
      const port = await freePort();
      const busy: Server = createServer();
      await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
      try {
        const r = await t.run(['run', '-d', '--name', 'clash', '-p', `127.0.0.1:${port}:80`, 'alpine', ...httpd('never')]);
        expect(r.exitCode).toBe(125);
        expect(r.stderr).toMatch(/already in use/);
        // Refused before anything was made: no container (not even a created one), and as root no address
        // taken on the default network.
        expect((await t.run(['ps', '-a', '-q'])).stdout).toBe('');
        if (mode === 'root') {
          expect((await t.run(['network', 'inspect', '--format', '{{len .Containers}}', 'tsmoby'])).stdout).toBe('0\n');
        }
      } finally {
        busy.close();
      }
      await t.run(['rm', '-f', 'clash']);
    }, 60_000);

    it('publishes every exposed port with -P on a free host port', async () => {
      const r = await t.run(['run', '-d', '--name', 'all', '--expose', '80', '-P', 'alpine', ...httpd('all')]);
      expect(r.exitCode).toBe(0);
      const out = (await t.run(['port', 'all', '80/tcp'])).stdout.trim();
      expect(out).toMatch(/^0\.0\.0\.0:\d+$/);
      expect(await httpGet(`http://127.0.0.1:${out.split(':')[1]}/`)).toBe('all\n');
      await t.run(['rm', '-f', 'all']);
    }, 60_000);
  });
});
