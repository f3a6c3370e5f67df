// The test lab runs commands as the unprivileged test user with its own per-test directories.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';
import { asRoot, assertReachable, prepareTestUser, removeTestUser, runAs, writeUserRegistriesConf } from '../helpers/user.js';
import type { TestUser } from '../helpers/user.js';

const isRoot = process.getuid?.() === 0;

describe('lab test user', () => {
  let user: TestUser;
  beforeAll(async () => { user = await prepareTestUser(); });
  afterAll(() => { if (user) removeTestUser(user); });

  it('runs `id -u` as the test user', async () => {
    const result = await runAs(user, ['id', '-u']);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${user.uid}\n`, stderr: '', timedOut: false });
    if (isRoot) expect(user.uid).not.toBe(0);
  });

  it('gives each session a private runtime dir and its own XDG homes', async () => {
    const result = await runAs(user, ['sh', '-c', 'stat -c "%a %u" "$XDG_RUNTIME_DIR"; echo "$HOME|$XDG_CONFIG_HOME|$XDG_DATA_HOME"']);
    expect(result.stdout).toBe(`700 ${user.uid}\n${user.home}|${user.configHome}|${user.dataHome}\n`);
    const touched = await runAs(user, ['touch', `${user.dataHome}/written`, `${user.configHome}/written`]);
    expect(touched.exitCode).toBe(0);
  });

  it('passes input, env and exit codes through, and bounds the run', async () => {
    expect((await runAs(user, ['cat'], { input: 'piped\n' })).stdout).toBe('piped\n');
    expect((await runAs(user, ['sh', '-c', 'echo "$GREETING"; exit 3'], { env: { GREETING: 'hi' } })))
      .toMatchObject({ exitCode: 3, stdout: 'hi\n' });
    const slow = await runAs(user, ['sleep', '30'], { timeoutMs: 300 });
    expect(slow.timedOut).toBe(true);
    expect(slow.exitCode).not.toBe(0);
  });

  it('can reach node and the checkout', async () => {
    const result = await runAs(user, ['node', '-e', 'console.log(typeof require("node:fs").readFileSync)']);
    expect(result.stdout).toBe('function\n');
  });

  it.skipIf(!isRoot)('names the directory that keeps the user out (needs root)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-closed-'));
    try {
      mkdirSync(join(dir, 'inner'), { mode: 0o755 });
      writeFileSync(join(dir, 'inner', 'file'), 'x', { mode: 0o644 });
      await expect(assertReachable(user, [join(dir, 'inner', 'file')]))
        .rejects.toThrow(`directory ${dir} is not traversable (chmod o+x ${dir})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!isRoot)('asRoot runs as root with the same result shape (needs root)', async () => {
    expect(await asRoot(['id', '-u'])).toEqual({ exitCode: 0, stdout: '0\n', stderr: '', timedOut: false });
  });
});

describe.skipIf(!existsSync('/usr/bin/docker-registry'))('lab registries.conf (needs docker-registry)', () => {
  let user: TestUser;
  let registry: TestRegistry;
  beforeAll(async () => {
    user = await prepareTestUser();
    registry = await startRegistry({ variant: 'tls' });
  });
  afterAll(async () => {
    await registry?.stop();
    if (user) removeTestUser(user);
  });

  it('mirrors docker.io to the test registry in the user config, with its CA', async () => {
    const file = writeUserRegistriesConf(user, registry);
    expect(file).toBe(`${user.configHome}/containers/registries.conf`);
    const conf = await runAs(user, ['cat', file]);
    expect(conf.stdout).toContain('unqualified-search-registries = ["docker.io"]');
    expect(conf.stdout).toContain(`location = "${registry.host}"\ninsecure = false`);
    const ca = await runAs(user, ['cat', `${user.configHome}/containers/certs.d/${registry.host}/ca.crt`]);
    expect(ca.stdout).toBe(registry.caPem);
  });
});
