// `ps` and `inspect` as a user reads them: columns, -a, -q, --no-trunc, --format, filters, -l, -n; inspect's
// State/Config/HostConfig/Mounts, a container name winning over an image name; and a running container whose
// runroot vanished (a reboot) reading as Exited. Rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('tsmoby ps and inspect (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
      ids.up = (await t.run(['run', '-d', '--name', 'up', '-l', 'tier=web', 'alpine', 'sleep', '300'])).stdout.trim();
      expect((await t.run(['run', '--name', 'done', '-l', 'tier=batch', 'alpine', 'sh', '-c', 'exit 4'])).exitCode).toBe(4);
      ids.done = (await t.run(['inspect', '--format', '{{.Id}}', 'done'])).stdout.trim();
      ids.fresh = (await t.run(['create', '--name', 'fresh', '-v', '/data', '--restart', 'always', '-e', 'K=V', 'alpine', 'echo', 'hi'])).stdout.trim();
    }, 120_000);
    afterAll(async () => { await t?.run(['rm', '-fa']); await t?.cleanup(); });

    it('lists running containers with podman columns, all with -a, ids with -q', async () => {
      const r = await t.run(['ps']);
      const [header, ...rows] = r.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(new RegExp(`^${ids.up!.slice(0, 12)}\\s+docker.io/library/alpine:latest\\s+sleep 300\\s+.*Up .*\\s+up$`));
      expect((await t.run(['ps', '-q'])).stdout).toBe(`${ids.up!.slice(0, 12)}\n`);
      expect((await t.run(['ps', '-aq', '--no-trunc'])).stdout.trim().split('\n').sort()).toEqual([ids.up, ids.done, ids.fresh].sort());
      const all = (await t.run(['ps', '-a'])).stdout;
      expect(all).toMatch(/Exited \(4\)/);
      expect(all).toMatch(/Created/);
    });

    it('formats and filters', async () => {
      expect((await t.run(['ps', '-a', '--format', '{{.ID}} {{.Names}}', '--filter', 'status=exited'])).stdout).toBe(`${ids.done!.slice(0, 12)} done\n`);
      expect((await t.run(['ps', '-a', '--format', '{{.Names}}', '--filter', 'name=fre'])).stdout).toBe('fresh\n');
      expect((await t.run(['ps', '-a', '--format', '{{.Names}}', '--filter', 'label=tier=batch'])).stdout).toBe('done\n');
      expect((await t.run(['ps', '-a', '-q', '--filter', 'ancestor=alpine'])).stdout.trim().split('\n')).toHaveLength(3);
      expect((await t.run(['ps', '-a', '--format', '{{.Names}}', '--filter', `id=${ids.up!.slice(0, 8)}`])).stdout).toBe('up\n');
      expect((await t.run(['ps', '-l', '--format', '{{.Names}}'])).stdout).toBe('fresh\n');
      expect((await t.run(['ps', '-n', '2', '--format', '{{.Names}}'])).stdout).toBe('fresh\ndone\n');
    });

    it('inspects state, config, host config and mounts', async () => {
      const [doc] = JSON.parse((await t.run(['inspect', 'fresh'])).stdout) as Array<Record<string, any>>;
      expect(doc!.Id).toBe(ids.fresh);
      expect(doc!.Name).toBe('/fresh');
      expect(doc!.State).toMatchObject({ Status: 'created', Running: false, ExitCode: 0 });
      expect(doc!.Config.Env).toContain('K=V');
      expect(doc!.Config.Cmd).toEqual(['echo', 'hi']);
      expect(doc!.HostConfig.RestartPolicy).toMatchObject({ Name: 'always' });
      expect(doc!.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Destination: '/data' })]);
      const done = (await t.run(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}', 'done'])).stdout;
      expect(done).toBe('exited 4 false\n');
    });

    it('resolves a container before an image of the same name', async () => {
      await t.run(['create', '--name', 'alpine', 'alpine', 'true']);
      const r = await t.run(['inspect', '--format', '{{.Name}}', 'alpine']);
      expect(r.stdout).toBe('/alpine\n');
      await t.run(['rm', 'alpine']);
      expect((await t.run(['inspect', '--format', '{{.Id}}', 'alpine'])).stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    });

    it('reads a running container as Exited once its runroot is gone (a reboot)', async () => {
      const { globals } = t;
      const runroot = mode === 'root' ? globals[globals.indexOf('--runroot') + 1]! : (await t.exec(['sh', '-c', 'echo $XDG_RUNTIME_DIR/tsmoby'])).stdout.trim();
      const id = (await t.run(['run', '-d', '--name', 'rebooted', 'alpine', 'sleep', '300'])).stdout.trim();
      const pids = JSON.parse((await t.run(['inspect', '--format', '{{json .State}}', 'rebooted'])).stdout) as { Pid: number };
      const conmon = (await t.exec(['sh', '-c', `cat ${runroot}/containers/${id}/conmon.pid 2>/dev/null || pgrep -f "conmon.*${id}" | head -1`])).stdout.trim();
      expect(conmon).toMatch(/^\d+$/);
      // SIGKILL both (and, rootless, the pause process) as a power cut would, then lose the runroot.
      await t.exec(['kill', '-9', conmon, String(pids.Pid)]);
      if (mode === 'rootless') await t.exec(['sh', '-c', `kill -9 $(head -1 ${runroot}/pause.pid)`]);
      await t.exec(['rm', '-rf', runroot]);
      const r = await t.run(['ps', '-a', '--format', '{{.Names}} {{.State}}', '--filter', 'name=rebooted']);
      expect(r.stdout).toBe('rebooted exited\n');
      expect((await t.run(['ps', '-q', '--filter', 'name=rebooted'])).stdout).toBe('');
    });
  });
});
