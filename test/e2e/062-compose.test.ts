// docker-compose 1.29 (Debian's) against `tsmoby system service`, rootless and as root: two services on the
// project network that reach each other by service name, a named volume, a published port reached from the
// host, environment; up -d, ps, logs, exec -T, run --rm (-T through the docker CLI, and through the API itself), down -v.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, servicePaths, startService, type ApiService, type CliResult } from '../helpers/api-service.js';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/docker-compose');

function composeFile(port: number): string {
  return `version: "3.7"
services:
  web:
    image: alpine
    command: ["sh", "-c", "echo \\"$$GREETING from web\\" > /www/index.html && exec httpd -f -p 80 -h /www"]
    environment:
      GREETING: hello
    volumes:
      - www:/www
    ports:
      - "${port}:80"
  client:
    image: alpine
    depends_on: [web]
    command: ["sh", "-c", "for i in $$(seq 1 100); do wget -q -O - http://web/ && break; sleep 0.1; done; exec sleep 300"]
volumes:
  www:
`;
}

describe.skipIf(!hasPrerequisites)('docker-compose against tsmoby (needs docker-registry, runc and docker-compose)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let service: ApiService | undefined;
    let socket: string;
    let home: string;
    let project: string;
    const port = 20_000 + Math.floor(Math.random() * 9_000) + (mode === 'root' ? 1 : 0);
    /** `exec` and `run` go through the docker CLI, as compose does by default; `pythonClient` makes them use docker-py. */
    const compose = async (args: string[], options: { timeout?: number; pythonClient?: boolean } = {}): Promise<CliResult> => {
      const r = await execa('docker-compose', ['-p', 'tsmobyc', ...args], {
        cwd: project, reject: false, stripFinalNewline: false, timeout: options.timeout ?? 30_000, stdin: 'ignore',
        env: {
          DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: join(home, 'docker-config'),
          ...(options.pythonClient ? { COMPOSE_INTERACTIVE_NO_CLI: '1' } : {}),
        },
      });
      return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    };

    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      ({ socket, home } = servicePaths(t, 'compose'));
      service = await startService(t, { socket });
      project = mkdtempSync(join(tmpdir(), 'tsmoby-compose-'));
      chmodSync(project, 0o755);
      writeFileSync(join(project, 'docker-compose.yml'), composeFile(port));
      expect((await dockerCli(socket, home, ['pull', 'alpine'], { timeout: 120_000 })).code).toBe(0);
    }, 180_000);
    afterAll(async () => {
      await compose(['down', '-v', '-t', '1']).catch(() => undefined);
      await service?.stop();
      await t?.run(['rm', '-fa']);
      await t?.cleanup();
    }, 120_000);

    it('up -d starts both services on the project network', async () => {
      const up = await compose(['up', '-d']);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stderr).toMatch(/Creating network "tsmobyc_default"/);
      expect(up.stderr).toMatch(/Creating volume "tsmobyc_www"/);
      const ps = await compose(['ps']);
      expect(ps.stdout).toMatch(/tsmobyc_web_1\s.*Up/);
      expect(ps.stdout).toMatch(/tsmobyc_client_1\s.*Up/);
    });

    it('docker ps and docker inspect show the project network a service is on', async () => {
      const ps = await dockerCli(socket, home, ['ps', '--filter', 'name=tsmobyc_web_1', '--format', '{{.Networks}}']);
      expect(ps).toMatchObject({ code: 0, stdout: 'tsmobyc_default\n' });
      const inspect = await dockerCli(socket, home, ['inspect', '-f', '{{json .NetworkSettings.Networks}}', 'tsmobyc_web_1']);
      const networks = JSON.parse(inspect.stdout) as Record<string, { NetworkID: string; IPAddress: string; Aliases: string[] }>;
      const id = (await dockerCli(socket, home, ['network', 'inspect', '-f', '{{.Id}}', 'tsmobyc_default'])).stdout.trim();
      expect(Object.keys(networks)).toEqual(['tsmobyc_default']);
      expect(networks.tsmobyc_default).toMatchObject({ NetworkID: id, IPAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
      expect(networks.tsmobyc_default!.Aliases).toContain('web');
      const mode = await dockerCli(socket, home, ['inspect', '-f', '{{.HostConfig.NetworkMode}}', 'tsmobyc_web_1']);
      expect(mode.stdout).toBe('tsmobyc_default\n');
    });

    it('the client reached web by its service name, and exec -T does too', async () => {
      let logs: CliResult = { code: -1, stdout: '', stderr: '' };
      for (let i = 0; i < 100 && !logs.stdout.includes('hello from web'); i++) logs = await compose(['logs', '--no-color', 'client']);
      expect(logs.stdout).toMatch(/client_1\s+\| hello from web/);
      const exec = await compose(['exec', '-T', 'client', 'wget', '-q', '-O', '-', 'http://web/'], { pythonClient: true });
      expect(exec).toMatchObject({ code: 0, stdout: 'hello from web\n' });
      const status = await compose(['exec', '-T', 'client', 'sh', '-c', 'exit 4']);
      expect(status.code).toBe(4);
      const run = await compose(['run', '--rm', '-T', 'client', 'wget', '-q', '-O', '-', 'http://web/']);
      expect(run, run.stderr).toMatchObject({ code: 0, stdout: 'hello from web\n' });
    });

    it('run under COMPOSE_INTERACTIVE_NO_CLI speaks the API itself: the output and the exit code come through', async () => {
      // compose attaches only after its start; a command that ends before compose's third attach and before
      // the exit is processed has its run replayed, but one whose exit is processed first would be started
      // again by compose (as against Docker). A second's pause keeps this test off that race on a busy host.
      const hi = await compose(['run', '--rm', 'client', 'sh', '-c', 'sleep 1; echo hi'], { pythonClient: true });
      expect(hi, hi.stderr).toMatchObject({ code: 0, stdout: 'hi\n' });
      const failed = await compose(['run', '--rm', 'client', 'sh', '-c', 'sleep 1; echo oops >&2; exit 3'], { pythonClient: true });
      expect(failed.code, failed.stderr).toBe(3);
      expect(failed.stderr).toContain('oops');
      const left = await dockerCli(socket, home, ['ps', '-aq', '--filter', 'label=com.docker.compose.oneoff=True']);
      expect(left.stdout).toBe('');
    });

    it('the published port answers from the host', async () => {
      const r = await execa('curl', ['-sS', '--max-time', '10', `http://127.0.0.1:${port}/`], { reject: false });
      expect(r.stdout).toBe('hello from web');
    });

    it('down -v removes the containers, the network and the volume', async () => {
      const down = await compose(['down', '-v', '-t', '1']);
      expect(down.code, down.stderr).toBe(0);
      expect((await dockerCli(socket, home, ['ps', '-aq'])).stdout).toBe('');
      expect((await dockerCli(socket, home, ['network', 'ls', '-q', '--filter', 'name=tsmobyc'])).stdout).toBe('');
      expect((await dockerCli(socket, home, ['volume', 'ls', '-q'])).stdout).toBe('');
    });
  });
});
