// `tsmoby build` as a user sees it, rootless and as root: a multi-stage Dockerfile with every instruction,
// the image it makes (run it: user, env, workdir, cmd, entrypoint, labels, ports, ownership), a failing RUN,
// a rebuild that is all cache hits, a Dockerfile or a context tar on stdin, `commit`, and `history`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

const DOCKERFILE = `
ARG BASE=alpine
FROM \${BASE} AS builder
ARG GREETING=hello
RUN mkdir -p /out && echo "$GREETING from builder" > /out/greeting.txt
ONBUILD RUN echo onbuild-ran > /onbuild.txt

FROM builder AS child
RUN test -f /onbuild.txt

FROM alpine
SHELL ["/bin/sh", "-c"]
ENV APP_HOME=/app MODE=prod
WORKDIR /app
LABEL org.example.title="demo app" version=1
COPY --chown=1000:1000 --chmod=0640 config.txt ./config.txt
COPY --from=builder /out/greeting.txt /app/greeting.txt
COPY --from=child /onbuild.txt /app/
ADD bundle.tar /opt/
RUN echo "built in $APP_HOME" > /app/built.txt && chown app /app
USER app
EXPOSE 8080/tcp 9090/udp
VOLUME /data
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=30s CMD true
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo default cmd"]
`;

async function bundleTar(): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'bundle/', type: 'directory', mode: 0o755 });
  p.entry({ name: 'bundle/hello.txt', mode: 0o644 }, 'from the archive\n');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.skipIf(!hasPrerequisites)('tsmoby build (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();
  let context: string;
  beforeAll(async () => {
    context = mkdtempSync(join(tmpdir(), 'tsmoby-build-'));
    chmodSync(context, 0o755);
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(context, 'config.txt'), 'setting=1\n');
    writeFileSync(join(context, 'bundle.tar'), await bundleTar());
    writeFileSync(join(context, 'Dockerfile.workdir'), 'FROM alpine AS w\nWORKDIR /made/here\nFROM alpine\nCOPY --from=w /made /made\n');
    writeFileSync(join(context, 'Dockerfile.fail'), 'FROM alpine\nRUN echo about to fail && exit 7\n');
  }, 120_000);
  afterAll(async () => {
    if (context) rmSync(context, { recursive: true, force: true });
  });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => { t = await tsmobyFor(mode, registry()); }, 120_000);
    afterAll(async () => { await t?.cleanup(); });

    it('builds a multi-stage Dockerfile into an image that runs as described', async () => {
      const b = await t.run(['build', '-t', 'demo', '--build-arg', 'GREETING=hi there', context], { timeoutMs: 240_000 });
      expect(b.stderr).toBe('');
      expect(b.exitCode).toBe(0);
      expect(b.stdout).toMatch(/^STEP 1\/23: FROM \$\{BASE\} AS builder$/m);
      expect(b.stdout).toMatch(/^STEP 23\/23: CMD \["echo default cmd"\]$/m);
      const id = b.stdout.trim().split('\n').at(-1)!;
      expect(id).toMatch(/^[0-9a-f]{64}$/);

      const r = await t.run(['run', '--rm', 'demo'], { timeoutMs: 60_000 });
      expect(r.stderr + r.stdout).toBe('default cmd\n');
      const probe = 'id -u; id -g; pwd; echo $MODE; stat -c %u:%g:%a /app/config.txt; cat /app/greeting.txt /app/onbuild.txt /opt/bundle/hello.txt /app/built.txt';
      const inside = await t.run(['run', '--rm', 'demo', probe], { timeoutMs: 60_000 });
      expect(inside.stdout).toBe('1000\n1000\n/app\nprod\n1000:1000:640\nhi there from builder\nonbuild-ran\nfrom the archive\nbuilt in /app\n');

      const [inspect] = JSON.parse((await t.run(['image', 'inspect', 'demo'])).stdout) as Array<{ Config: Record<string, unknown> }>;
      expect(inspect!.Config).toMatchObject({
        User: 'app', WorkingDir: '/app', Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo default cmd'], StopSignal: 'SIGQUIT',
        Labels: { 'org.example.title': 'demo app', version: '1' },
        ExposedPorts: { '8080/tcp': {}, '9090/udp': {} }, Volumes: { '/data': {} },
        Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 30_000_000_000 },
      });
      expect(inspect!.Config.Env).toEqual(expect.arrayContaining(['APP_HOME=/app', 'MODE=prod']));
      expect(inspect!.Config.OnBuild ?? null).toBeNull();

      const history = await t.run(['image', 'history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Size}}', 'demo']);
      expect(history.stdout).toMatch(/^\/bin\/sh -c echo "built in \$APP_HOME" > \/app\/built.txt && chown app \/app\|/m);
      expect(history.stdout).toMatch(/^\/bin\/sh -c #\(nop\)  USER app\|0B$/m);
    });

    it('rebuilds an unchanged context from the cache without running anything, to the same id', async () => {
      const first = (await t.run(['build', '-q', '-t', 'demo', '--build-arg', 'GREETING=hi there', context], { timeoutMs: 240_000 })).stdout.trim();
      const again = await t.run(['build', '-t', 'demo', '--build-arg', 'GREETING=hi there', context], { timeoutMs: 120_000 });
      expect(again.exitCode).toBe(0);
      const cached = again.stdout.match(/^--> Using cache /gm) ?? [];
      const steps = again.stdout.match(/^STEP /gm) ?? [];
      expect(cached.length).toBe(steps.length - 3 + 1); // every step but the three FROMs, and the ONBUILD trigger
      expect(again.stdout).not.toMatch(/^--> [0-9a-f]{12}$/m);
      expect(again.stdout.trim().split('\n').at(-1)).toBe(first);
    });

    it('fails the build with the exit status and output of a failing RUN', async () => {
      const r = await t.run(['build', '-f', join(context, 'Dockerfile.fail'), '-t', 'broken', context], { timeoutMs: 120_000 });
      expect(r.stdout).toMatch(/^about to fail$/m);
      expect(r.stderr).toMatch(/exit status 7/);
      expect(r.exitCode).toBe(7);
      expect((await t.run(['image', 'exists', 'broken'])).exitCode).toBe(1);
      expect((await t.run(['ps', '-aq'])).stdout).toBe('');
    });

    it('creates a WORKDIR that does not exist in the image, as a layer', async () => {
      const b = await t.run(['build', '-f', join(context, 'Dockerfile.workdir'), '-t', 'workdir', context], { timeoutMs: 120_000 });
      expect(b.stderr).toBe('');
      expect(b.exitCode).toBe(0);
      const r = await t.run(['run', '--rm', 'workdir', 'stat', '-c', '%F %u %a', '/made/here']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('directory 0 755\n');
    });

    it('builds a bare Dockerfile piped to `build -`, and still takes a tar on stdin as the context', async () => {
      const bare = await t.run(['build', '-t', 'from-stdin', '-'], { input: 'FROM alpine\nRUN echo piped > /piped.txt\n', timeoutMs: 120_000 });
      expect(bare.stderr).toBe('');
      expect(bare.exitCode).toBe(0);
      expect((await t.run(['run', '--rm', 'from-stdin', 'cat', '/piped.txt'])).stdout).toBe('piped\n');
      const archive = execFileSync('tar', ['-C', context, '-cz', 'Dockerfile.workdir']);
      const tarred = await t.run(['build', '-f', 'Dockerfile.workdir', '-t', 'from-tar', '-'], { input: archive, timeoutMs: 120_000 });
      expect(tarred.stderr).toBe('');
      expect(tarred.exitCode).toBe(0);
    });

    it('commits a container with --change into an image', async () => {
      const made = await t.run(['run', '--name', 'tocommit', '-e', 'FROM_RUN=kept', '-w', '/tmp', 'alpine', 'sh', '-c', 'echo changed > /marker'], { timeoutMs: 60_000 });
      expect(made.exitCode).toBe(0);
      const c = await t.run(['commit', '-m', 'a message', '--change', 'CMD ["cat", "/marker"]', '--change', 'ENV FOO=bar', 'tocommit', 'committed']);
      expect(c.exitCode).toBe(0);
      const r = await t.run(['run', '--rm', 'committed'], { timeoutMs: 60_000 });
      expect(r.stdout).toBe('changed\n');
      const env = await t.run(['run', '--rm', 'committed', 'sh', '-c', 'echo $FOO $FROM_RUN $PWD']);
      expect(env.stdout).toBe('bar kept /tmp\n');
      // Without --change the container's own command is the image's.
      expect((await t.run(['commit', 'tocommit', 'committed-plain'])).exitCode).toBe(0);
      const plain = await t.run(['image', 'inspect', '--format', '{{json .Config.Cmd}}', 'committed-plain']);
      expect(JSON.parse(plain.stdout)).toEqual(['sh', '-c', 'echo changed > /marker']);
      expect((await t.run(['rm', 'tocommit'])).exitCode).toBe(0);
      const probe = await t.run(['run', '--rm', '-u', 'app', 'alpine', 'true']);
      expect(probe.stderr).toBe('');
    });
  });
});
