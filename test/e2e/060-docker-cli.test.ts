// The real docker CLI against `tsmoby system service`, rootless and as root: pull, run (attached, -d, --rm),
// ps with filters, logs (-f ends), inspect, stop, rm, volumes, events, wait, save/load, exit code 127.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdcopyDecoder } from '../../src/api/codec/stdcopy.js';
import { dockerCli, startService, type ApiService, type CliResult } from '../helpers/api-service.js';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/docker');

describe.skipIf(!hasPrerequisites)('docker CLI against tsmoby system service (needs docker-registry, runc and the docker CLI)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let service: ApiService | undefined;
    let socket: string;
    let home: string;
    const docker = (args: string[], timeout?: number): Promise<CliResult> => dockerCli(socket, home, args, timeout !== undefined ? { timeout } : {});

    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      home = t.user ? join(t.user.baseDir, 'docker-cli') : join(t.globals[1]!, '..', 'docker-cli');
      mkdirSync(home, { recursive: true });
      const dir = t.user ? join(t.user.runtimeDir, 'apitest') : join(t.globals[3]!, '..', 'apitest');
      socket = join(dir, 'docker.sock');
      service = await startService(t, { socket });
    }, 60_000);
    afterAll(async () => {
      await service?.stop();
      await t?.run(['rm', '-fa']);
      await t?.cleanup();
    }, 60_000);

    it('docker pull alpine goes through the mirror', async () => {
      const r = await docker(['pull', 'alpine'], 120_000);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Status: Downloaded newer image for alpine:latest');
    });

    it('docker run --rm prints the output and leaves nothing', async () => {
      const r = await docker(['run', '--rm', 'alpine', 'echo', 'hi']);
      expect(r).toMatchObject({ code: 0, stdout: 'hi\n' });
      expect((await docker(['ps', '-aq'])).stdout).toBe('');
    });

    it('docker run reports the exit code, also with --rm', async () => {
      expect((await docker(['run', 'alpine', 'sh', '-c', 'exit 3'])).code).toBe(3);
      expect((await docker(['run', '--rm', 'alpine', 'sh', '-c', 'echo out; echo err >&2; exit 4'])))
        .toMatchObject({ code: 4, stdout: 'out\n', stderr: 'err\n' });
    });

    it('run -d, ps with filters, logs, logs -f that ends, inspect, stop, rm', async () => {
      const r = await docker(['run', '-d', '--name', 'web', '--label', 'tier=front', 'alpine', 'sh', '-c', 'echo started; sleep 2; echo done']);
      expect(r.code).toBe(0);
      const id = r.stdout.trim();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      const ps = await docker(['ps', '--filter', 'label=tier=front', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.State}}']);
      expect(ps.stdout).toBe(`${id.slice(0, 12)} web alpine:latest running\n`);
      expect((await docker(['ps', '--filter', 'label=tier=back', '-q'])).stdout).toBe('');
      expect((await docker(['ps', '--filter', 'status=running', '--filter', 'name=web', '-q'])).stdout).toBe(`${id.slice(0, 12)}\n`);
      const follow = await docker(['logs', '-f', 'web'], 20_000);
      expect(follow).toMatchObject({ code: 0, stdout: 'started\ndone\n' });
      expect((await docker(['wait', 'web'])).stdout).toBe('0\n');
      const state = await docker(['inspect', '--format', '{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{index .Config.Labels "tier"}}', 'web']);
      expect(state.stdout).toBe('/web exited 0 front\n');
      expect((await docker(['logs', 'web'])).stdout).toBe('started\ndone\n');
      expect((await docker(['ps', '-a', '--filter', 'status=exited', '--format', '{{.Names}} {{.Status}}'])).stdout).toMatch(/^web Exited \(0\) /);
      expect((await docker(['rm', 'web'])).code).toBe(0);
      expect((await docker(['inspect', 'web'])).code).toBe(1);
    });

    it('stop ends a running container with the stop signal; rm of a running container is a conflict', async () => {
      await docker(['run', '-d', '--name', 'sleeper', 'alpine', 'sleep', '60']);
      const rm = await docker(['rm', 'sleeper']);
      expect(rm.code).toBe(1);
      expect(rm.stderr).toMatch(/cannot remove container/);
      expect((await docker(['stop', '-t', '1', 'sleeper'])).stdout).toBe('sleeper\n');
      expect((await docker(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', 'sleeper'])).stdout).toBe('exited 137\n');
      const kill = await docker(['kill', 'sleeper']);
      expect(kill.stderr).toMatch(/is not running|can only kill running/);
      expect((await docker(['rm', 'sleeper'])).code).toBe(0);
    });

    it('a missing command exits 127, attached and detached', async () => {
      expect((await docker(['run', '--rm', 'alpine', 'nosuchcommand'])).code).toBe(127);
      expect((await docker(['run', '-d', 'alpine', 'nosuchcommand'])).code).toBe(127);
    });

    it('volumes: create, ls, inspect, use, rm', async () => {
      expect((await docker(['volume', 'create', '--label', 'k=v', 'data'])).stdout).toBe('data\n');
      expect((await docker(['volume', 'ls', '--filter', 'label=k=v', '--format', '{{.Name}} {{.Driver}}'])).stdout).toBe('data local\n');
      expect((await docker(['volume', 'inspect', '--format', '{{.Name}} {{.Labels.k}}', 'data'])).stdout).toBe('data v\n');
      await docker(['run', '--rm', '-v', 'data:/v', 'alpine', 'sh', '-c', 'echo kept > /v/f']);
      expect((await docker(['run', '--rm', '-v', 'data:/v', 'alpine', 'cat', '/v/f'])).stdout).toBe('kept\n');
      expect((await docker(['volume', 'rm', 'data'])).stdout).toBe('data\n');
      expect((await docker(['volume', 'inspect', 'data'])).code).toBe(1);
    });

    it('events between --since and --until show a run', async () => {
      const since = Math.floor(Date.now() / 1000) - 1;
      await docker(['run', '--rm', '--name', 'evt', 'alpine', 'true']);
      const until = Math.floor(Date.now() / 1000) + 1;
      const r = await docker(['events', '--since', String(since), '--until', String(until), '--filter', 'container=evt', '--format', '{{.Action}}'], 20_000);
      expect(r.code).toBe(0);
      const actions = r.stdout.trim().split('\n');
      for (const a of ['create', 'attach', 'start', 'die', 'destroy']) expect(actions).toContain(a);
    });

    it('dockerode: create, start, wait, logs', async () => {
      const client = new Docker({ socketPath: socket });
      const c = await client.createContainer({ Image: 'alpine', Cmd: ['sh', '-c', 'echo from-dockerode; echo oops >&2; exit 5'] });
      await c.start();
      expect(await c.wait()).toMatchObject({ StatusCode: 5 });
      const raw = await c.logs({ stdout: true, stderr: true });
      const frames = new StdcopyDecoder().push(Buffer.from(raw));
      expect(frames.map((f) => `${f.stream}:${f.data.toString()}`)).toEqual(['1:from-dockerode\n', '2:oops\n']);
      await c.remove();
    });

    it('save and load keep the image', async () => {
      const file = join(home, 'alpine.tar');
      expect((await docker(['save', '-o', file, 'alpine'])).code).toBe(0);
      const load = await docker(['load', '-i', file]);
      expect(load.code).toBe(0);
      expect(load.stdout).toContain('alpine:latest');
    });
  });
});
