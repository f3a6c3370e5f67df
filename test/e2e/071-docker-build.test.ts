// The real docker CLI (classic builder, DOCKER_BUILDKIT=0) building against `tsmoby system service`, rootless
// and as root: -t, --build-arg, --iidfile, the image it makes run by tsmoby, and a failing build's exit and
// message; then docker-compose build and up -d once the API serves containers and networks.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../../src/api/routes/route-table.js';
import { startService, type ApiService } from '../helpers/api-service.js';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const DOCKER = '/usr/local/bin/docker';
const docker = existsSync(DOCKER) ? DOCKER : '/usr/bin/docker';
const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync(docker);
const served = new Set(buildRouter().list().filter((r) => r.implemented).map((r) => `${r.method} ${r.path}`));
/** The classic builder's deprecation notice (the client's, printed before it talks to any engine). */
const withoutNotice = (stderr: string) => stderr.replace(/^DEPRECATED: The legacy builder[\s\S]*?environment-variable\.\n+/, '');
const composeReady = existsSync('/usr/bin/docker-compose') && served.has('POST /networks/create') && served.has('POST /containers/create');

const DOCKERFILE = `FROM alpine
ARG MSG=default
RUN echo "$MSG" > /msg.txt
COPY hello.txt /hello.txt
CMD ["cat", "/msg.txt", "/hello.txt"]
`;

describe.skipIf(!hasPrerequisites)('docker build against tsmoby system service (needs docker-registry, runc, docker CLI)', () => {
  const registry = alpineRegistry();
  let context: string;
  beforeAll(async () => {
    context = mkdtempSync(join(tmpdir(), 'tsmoby-docker-build-'));
    chmodSync(context, 0o755);
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(context, 'hello.txt'), 'hello from the context\n');
    writeFileSync(join(context, 'Dockerfile.fail'), 'FROM alpine\nRUN echo about to fail && exit 7\n');
    writeFileSync(join(context, 'docker-compose.yml'), 'version: "3"\nservices:\n  web:\n    build: .\n    image: composed:1\n    command: ["sleep", "60"]\n');
  }, 120_000);
  afterAll(async () => {
    if (context) rmSync(context, { recursive: true, force: true });
  });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let service: ApiService;
    const dockerCli = (args: string[], timeoutMs = 180_000) =>
      t.exec([docker, '-H', service.host, ...args], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs, cwd: context });
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      service = await startService(t);
    }, 120_000);
    afterAll(async () => {
      await service?.stop();
      await t?.cleanup();
    });

    it('builds with -t, --build-arg and --iidfile into an image tsmoby runs', async () => {
      const iidfile = join(mode === 'root' ? context : t.user!.home, 'iid');
      const b = await dockerCli(['build', '-t', 'viadocker:1', '--build-arg', 'MSG=hi from docker', '--iidfile', iidfile, '.']);
      expect(withoutNotice(b.stderr)).toBe('');
      expect(b.exitCode).toBe(0);
      expect(b.stdout).toMatch(/^Step 1\/5 : FROM alpine$/m);
      expect(b.stdout).toMatch(/^Step 3\/5 : RUN echo "\$MSG" > \/msg.txt$/m);
      const iid = (await t.exec(['cat', iidfile])).stdout;
      expect(iid).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(b.stdout).toContain(`Successfully built ${iid.slice(7, 19)}\n`);
      expect(b.stdout).toContain('Successfully tagged viadocker:1\n');

      const inspect = await t.run(['image', 'inspect', '--format', '{{.Id}}', 'viadocker:1']);
      expect(inspect.stdout.trim()).toBe(iid);
      const run = await t.run(['run', '--rm', 'viadocker:1'], { timeoutMs: 60_000 });
      expect(run.stdout).toBe('hi from docker\nhello from the context\n');
      expect(run.exitCode).toBe(0);
      const listed = await dockerCli(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
      expect(listed.stdout).toContain(`viadocker:1 ${iid.slice(7, 19)}\n`);
    });

    it('reports a failing RUN with a non-zero exit and the error printed', async () => {
      const b = await dockerCli(['build', '-f', 'Dockerfile.fail', '-t', 'broken', '.'], 120_000);
      expect(b.stdout).toMatch(/^about to fail$/m);
      expect(b.stderr).toMatch(/exit status 7|non-zero code: 7/);
      expect(b.exitCode).not.toBe(0);
      expect((await t.run(['image', 'exists', 'broken'])).exitCode).toBe(1);
    });

    it.skipIf(!composeReady)('docker-compose build then up -d (needs docker-compose and the containers and networks API)', async () => {
      const env = { DOCKER_HOST: service.host, COMPOSE_DOCKER_CLI_BUILD: '0', DOCKER_BUILDKIT: '0' };
      const build = await t.exec(['docker-compose', '-p', 'bf', 'build'], { env, cwd: context, timeoutMs: 180_000 });
      expect(build.exitCode).toBe(0);
      expect((await t.run(['image', 'exists', 'composed:1'])).exitCode).toBe(0);
      const up = await t.exec(['docker-compose', '-p', 'bf', 'up', '-d'], { env, cwd: context, timeoutMs: 120_000 });
      expect(up.exitCode).toBe(0);
      expect((await t.run(['ps', '--format', '{{.Image}}'])).stdout).toContain('composed:1');
      await t.exec(['docker-compose', '-p', 'bf', 'down', '-t', '0'], { env, cwd: context, timeoutMs: 120_000 });
    });
  });
});
