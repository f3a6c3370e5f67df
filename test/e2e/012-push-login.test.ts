// Registries that want more than plain HTTP: TLS through certs.d, basic auth with `login` (auth.json 0600),
// bearer tokens (anonymous pull, push after login), and push to another repository then pull back by digest.
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pushFixture, type PushedFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');
const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** Root gets a private auth file (its default is machine-wide); rootless uses its XDG_RUNTIME_DIR default. */
function authFile(t: Tsmoby): { path: string; env: Record<string, string> } {
  if (t.mode === 'rootless') return { path: join(t.user!.runtimeDir, 'containers', 'auth.json'), env: {} };
  const path = join(mkdtempSync(join(tmpdir(), 'tsmoby-auth-')), 'auth.json');
  return { path, env: { REGISTRY_AUTH_FILE: path } };
}

describe.skipIf(!hasRegistry)('tsmoby push and login (needs docker-registry)', () => {
  const registries: TestRegistry[] = [];
  afterAll(async () => { for (const r of registries) await r.stop(); });
  const start = async (variant: 'plain' | 'tls' | 'basic' | 'token') => {
    const r = await startRegistry({ variant });
    registries.push(r);
    return r;
  };

  describe.each(modes)('%s', (mode) => {
    it('pulls over TLS with the CA from certs.d, and refuses an unknown CA', async () => {
      const registry = await start('tls');
      const alpine = await pushFixture(registry, 'alpine');
      const t = await tsmobyFor(mode, registry);
      try {
        const certDir = mode === 'root' ? ['--cert-dir', join(registry.certsDir!, registry.host)] : [];
        const r = await t.run(['pull', '-q', ...certDir, alpine.reference]);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stdout).toBe(`${hex(alpine.configDigest)}\n`);
        const empty = mkdtempSync(join(tmpdir(), 'tsmoby-nocerts-'));
        chmodSync(empty, 0o755);
        const refused = await t.run(['pull', '--cert-dir', empty, alpine.reference]);
        expect(refused.exitCode).toBe(125);
        expect(refused.stderr).toMatch(/certificate/i);
      } finally {
        await t.cleanup();
      }
    });

    it('needs login for a basic-auth registry; stores the credentials 0600; logout forgets them', async () => {
      const registry = await start('basic');
      const alpine = await pushFixture(registry, 'alpine');
      const t = await tsmobyFor(mode, registry);
      const auth = authFile(t);
      const run = (args: string[], input?: string) => t.run(args, { env: auth.env, ...(input !== undefined ? { input } : {}) });
      try {
        const denied = await run(['pull', alpine.reference]);
        expect(denied.exitCode).toBe(125);
        expect(denied.stderr).toMatch(/denied|unauthorized/i);
        const wrong = await run(['login', '-u', 'testuser', '-p', 'wrong', registry.host]);
        expect(wrong.exitCode).toBe(125);
        expect(wrong.stderr).toContain('invalid username/password');
        const ok = await run(['login', '-u', 'testuser', '--password-stdin', registry.host], 'testpassword\n');
        expect(ok.stdout, ok.stderr).toBe('Login Succeeded!\n');
        expect((await t.exec(['stat', '-c', '%a', auth.path])).stdout).toBe('600\n');
        const pulled = await run(['pull', '-q', alpine.reference]);
        expect(pulled.stdout, pulled.stderr).toBe(`${hex(alpine.configDigest)}\n`);
        expect((await run(['logout', registry.host])).stdout).toBe(`Removed login credentials for ${registry.host}\n`);
        await run(['rmi', alpine.reference]);
        expect((await run(['pull', alpine.reference])).exitCode).toBe(125);
      } finally {
        await t.cleanup();
      }
    });

    it('pulls anonymously from a token registry, and pushes only after login', async () => {
      const registry = await start('token');
      const alpine = await pushFixture(registry, 'alpine');
      const t = await tsmobyFor(mode, registry);
      const auth = authFile(t);
      const run = (args: string[]) => t.run(args, { env: auth.env });
      try {
        expect((await run(['pull', '-q', alpine.reference])).exitCode).toBe(0);
        const target = `${registry.host}/mine/alpine:v1`;
        const refused = await run(['push', alpine.reference, target]);
        expect(refused.exitCode).toBe(125);
        expect((await run(['login', '-u', 'testuser', '-p', 'testpassword', registry.host])).exitCode).toBe(0);
        const pushed = await run(['push', alpine.reference, target]);
        expect(pushed.exitCode, pushed.stderr).toBe(0);
      } finally {
        await t.cleanup();
      }
    });

    it('pushes to another repository and pulls it back by digest with the same id', async () => {
      const registry = await start('plain');
      const alpine: PushedFixture = await pushFixture(registry, 'alpine');
      const t = await tsmobyFor(mode, registry);
      try {
        expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
        const target = `${registry.host}/other/copy:v1`;
        const pushed = await t.run(['push', 'alpine', target]);
        expect(pushed.exitCode, pushed.stderr).toBe(0);
        expect(pushed.stderr).toContain('Writing manifest to image destination');
        expect((await t.run(['rmi', hex(alpine.configDigest)])).exitCode).toBe(0);
        const back = await t.run(['pull', '-q', `${registry.host}/other/copy@${alpine.manifestDigest}`]);
        expect(back.exitCode, back.stderr).toBe(0);
        expect(back.stdout).toBe(`${hex(alpine.configDigest)}\n`);
      } finally {
        await t.cleanup();
      }
    });
  });
});
