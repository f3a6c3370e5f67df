// The test lab's registries answer curl the way a real registry of each kind does.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');

async function curl(args: string[]): Promise<{ status: number; headers: string; exitCode: number }> {
  const result = await execa('curl', ['-s', '-o', '/dev/null', '-D', '-', '-w', '%{http_code}', ...args], {
    reject: false, timeout: 20_000,
  });
  const status = Number(result.stdout.slice(-3));
  return { status, headers: result.stdout.slice(0, -3).toLowerCase(), exitCode: result.exitCode ?? -1 };
}

async function curlJson(args: string[]): Promise<{ token?: string }> {
  const result = await execa('curl', ['-sf', ...args], { timeout: 20_000 });
  return JSON.parse(result.stdout) as { token?: string };
}

describe.skipIf(!hasRegistry)('lab registry variants (needs docker-registry)', () => {
  describe('plain', () => {
    let registry: TestRegistry;
    beforeAll(async () => { registry = await startRegistry({ variant: 'plain' }); });
    afterAll(async () => { await registry?.stop(); });

    it('answers /v2/ with 200 over http on loopback', async () => {
      expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
      const result = await curl([`http://${registry.host}/v2/`]);
      expect(result.status).toBe(200);
      expect(result.headers).toContain('docker-distribution-api-version: registry/2.0');
    });

    it('is gone after stop()', async () => {
      const other = await startRegistry({ variant: 'plain' });
      await other.stop();
      const result = await curl([`http://${other.host}/v2/`]);
      expect(result.status).toBe(0);
      expect(result.exitCode).toBe(7);
    });
  });

  it('dies with the process that started it, even on SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-watchdog-'));
    try {
      const script = join(dir, 'start.mjs');
      const bundle = await build({
        stdin: {
          contents: "import { startRegistry } from './test/helpers/registry.ts';\n" +
            "const r = await startRegistry({ variant: 'plain' });\nconsole.log(JSON.stringify({ pid: r.pid }));\n" +
            'setInterval(() => {}, 1000);\n',
          resolveDir: resolve(import.meta.dirname, '..', '..'), loader: 'ts',
        },
        bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent',
      });
      writeFileSync(script, bundle.outputFiles[0]?.contents ?? '');
      const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [line] = await Promise.race([
        createInterface({ input: parent.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value as string]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no registry pid')), 20_000)),
      ]);
      const { pid } = JSON.parse(line ?? '{}') as { pid: number };
      expect(isAlive(pid)).toBe(true);
      const configFile = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[2] ?? '';
      expect(existsSync(configFile)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      while ((isAlive(pid) || existsSync(configFile)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(isAlive(pid)).toBe(false);
      expect(existsSync(configFile)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('tls', () => {
    let registry: TestRegistry;
    beforeAll(async () => { registry = await startRegistry({ variant: 'tls' }); });
    afterAll(async () => { await registry?.stop(); });

    it('verifies with the CA from the certs.d directory, for both 127.0.0.1 and localhost', async () => {
      const ca = join(registry.certsDir ?? '', registry.host, 'ca.crt');
      expect(existsSync(ca)).toBe(true);
      expect((await curl(['--cacert', ca, `https://${registry.host}/v2/`])).status).toBe(200);
      const port = registry.host.split(':')[1];
      expect((await curl(['--cacert', ca, `https://localhost:${port}/v2/`])).status).toBe(200);
    });

    it('fails verification without the CA', async () => {
      const result = await curl([`https://${registry.host}/v2/`]);
      expect(result.exitCode).toBe(60);
    });
  });

  describe('basic', () => {
    let registry: TestRegistry;
    beforeAll(async () => { registry = await startRegistry({ variant: 'basic', users: { alice: 's3cret' } }); });
    afterAll(async () => { await registry?.stop(); });

    it('asks for basic credentials and accepts the right ones only', async () => {
      expect(registry.credentials).toEqual({ username: 'alice', password: 's3cret' });
      const anonymous = await curl([`${registry.url}/v2/`]);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers).toContain('www-authenticate: basic realm="tsmoby-test"');
      expect((await curl(['-u', 'alice:wrong', `${registry.url}/v2/`])).status).toBe(401);
      expect((await curl(['-u', 'alice:s3cret', `${registry.url}/v2/`])).status).toBe(200);
    });
  });

  describe('basic over tls', () => {
    let registry: TestRegistry;
    beforeAll(async () => { registry = await startRegistry({ variant: 'basic', tls: true }); });
    afterAll(async () => { await registry?.stop(); });

    it('needs both the CA and the credentials', async () => {
      const { username, password } = registry.credentials ?? { username: '', password: '' };
      expect(registry.url.startsWith('https://')).toBe(true);
      expect((await curl(['--cacert', registry.caFile ?? '', `${registry.url}/v2/`])).status).toBe(401);
      expect((await curl(['--cacert', registry.caFile ?? '', '-u', `${username}:${password}`, `${registry.url}/v2/`])).status).toBe(200);
    });
  });

  describe('token', () => {
    let registry: TestRegistry;
    beforeAll(async () => { registry = await startRegistry({ variant: 'token', users: { bob: 'hunter2' } }); });
    afterAll(async () => { await registry?.stop(); });
    const realm = (): string => registry.tokenServer?.realm ?? '';
    const service = (): string => registry.tokenServer?.service ?? '';
    const tokenUrl = (scope: string): string =>
      `${realm()}?service=${encodeURIComponent(service())}&scope=${encodeURIComponent(scope)}`;

    it('challenges with a bearer realm and service', async () => {
      const result = await curl([`${registry.url}/v2/`]);
      expect(result.status).toBe(401);
      expect(result.headers).toContain(`www-authenticate: bearer realm="${realm()}",service="${service()}"`);
    });

    it('lets anonymous tokens pull but not push', async () => {
      const { token } = await curlJson([tokenUrl('repository:library/alpine:pull,push')]);
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const auth = ['-H', `Authorization: Bearer ${token}`];
      expect((await curl([...auth, `${registry.url}/v2/`])).status).toBe(200);
      expect((await curl([...auth, `${registry.url}/v2/library/alpine/tags/list`])).status).toBe(404);
      expect((await curl([...auth, '-X', 'POST', `${registry.url}/v2/library/alpine/blobs/uploads/`])).status).toBe(401);
    });

    it('lets a known user push, and refuses wrong credentials', async () => {
      const { token } = await curlJson(['-u', 'bob:hunter2', tokenUrl('repository:library/alpine:pull,push')]);
      const auth = ['-H', `Authorization: Bearer ${token}`];
      expect((await curl([...auth, '-X', 'POST', `${registry.url}/v2/library/alpine/blobs/uploads/`])).status).toBe(202);
      expect((await curl(['-u', 'bob:wrong', tokenUrl('repository:library/alpine:pull')])).status).toBe(401);
      expect(registry.tokenServer?.requests.at(-1)).toEqual({
        account: 'bob', scopes: ['repository:library/alpine:pull'], granted: false,
      });
    });

    it('refuses a token for another repository', async () => {
      const { token } = await curlJson(['-u', 'bob:hunter2', tokenUrl('repository:other:pull,push')]);
      const auth = ['-H', `Authorization: Bearer ${token}`];
      expect((await curl([...auth, '-X', 'POST', `${registry.url}/v2/library/alpine/blobs/uploads/`])).status).toBe(401);
    });
  });
});

/** Running, and not a zombie waiting for a reaper. */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
