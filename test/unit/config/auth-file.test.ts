import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authFileReadPaths, authFileWritePath, findCredentials, lookupCredentials, normalizeAuthKey, parseAuthFile,
  removeCredentials, storeCredentials, type AuthEnvironment,
} from '../../../src/config/auth-file.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('auth file lookup', () => {
  it('orders REGISTRY_AUTH_FILE / runtime auth.json, the config auth.json, then Docker config.json', () => {
    const e: AuthEnvironment = { env: { XDG_RUNTIME_DIR: '/run/user/1000' }, uid: 1000, home: '/home/u' };
    expect(authFileReadPaths(e)).toEqual([
      '/run/user/1000/containers/auth.json', '/home/u/.config/containers/auth.json', '/home/u/.docker/config.json',
    ]);
    expect(authFileWritePath({ ...e, env: { REGISTRY_AUTH_FILE: '/x/auth.json' } })).toBe('/x/auth.json');
    expect(authFileWritePath({ env: {}, uid: 0, home: '/root' })).toBe('/run/containers/0/auth.json');
  });

  it('finds the most specific key and reads Docker Hub legacy keys', () => {
    const file = parseAuthFile(JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:hubpass') },
        'quay.io': { auth: b64('q:p:with:colons') },
        'quay.io/team': { auth: b64('team:tp') },
      },
    }), 'config.json');
    expect(findCredentials(file, 'docker.io')).toEqual({ username: 'hub', password: 'hubpass' });
    expect(findCredentials(file, 'docker.io/library/alpine')).toEqual({ username: 'hub', password: 'hubpass' });
    expect(findCredentials(file, 'quay.io/other/app')).toEqual({ username: 'q', password: 'p:with:colons' });
    expect(findCredentials(file, 'quay.io/team/app')).toEqual({ username: 'team', password: 'tp' });
    expect(findCredentials(file, 'ghcr.io')).toBeUndefined();
    expect(normalizeAuthKey('https://registry-1.docker.io/v2/')).toBe('docker.io');
  });

  it('names the file when it is not JSON', () => {
    expect(() => parseAuthFile('{', '/a/auth.json')).toThrow(/invalid credentials file \/a\/auth.json/);
  });
});

describe('login and logout files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsmoby-auth-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes 0600 in a 0700 directory, keeps other entries, and removes every spelling on logout', async () => {
    const path = join(dir, 'containers', 'auth.json');
    await storeCredentials(path, 'localhost:5000', { username: 'u', password: 'p' });
    await storeCredentials(path, 'https://index.docker.io/v1/', { username: 'h', password: 'hp' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'containers'))).mode & 0o777).toBe(0o700);
    const doc = JSON.parse(await readFile(path, 'utf8'));
    expect(doc.auths).toEqual({ 'localhost:5000': { auth: b64('u:p') }, 'docker.io': { auth: b64('h:hp') } });
    const e: AuthEnvironment = { env: { REGISTRY_AUTH_FILE: path }, uid: 1000, home: dir };
    expect(await lookupCredentials(e, 'localhost:5000/app')).toEqual({ username: 'u', password: 'p' });
    expect(await removeCredentials(path, 'docker.io')).toBe(true);
    expect(await removeCredentials(path, 'docker.io')).toBe(false);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).auths)).toEqual(['localhost:5000']);
  });

  it('falls back to Docker config.json', async () => {
    await mkdir(join(dir, '.docker'));
    await writeFile(join(dir, '.docker', 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('d:dp') } }, credsStore: 'x' }));
    const e: AuthEnvironment = { env: { XDG_RUNTIME_DIR: join(dir, 'run') }, uid: 1000, home: dir };
    expect(await lookupCredentials(e, 'r.example')).toEqual({ username: 'd', password: 'dp' });
    expect(await lookupCredentials(e, 'other.example')).toBeUndefined();
  });
});
