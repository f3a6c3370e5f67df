// Registry credentials in the files users already have: containers-auth.json(5) and Docker's config.json.
// Reads follow Podman's order; `login` writes 0600 files in 0700 directories, atomically. No credential helpers.
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidArgumentError, isSystemError } from '../errors/index.js';
import { atomicWrite } from '../util/atomic-write.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  [other: string]: unknown;
}

export interface AuthFile {
  auths: Record<string, AuthEntry>;
  [other: string]: unknown;
}

export interface AuthEnvironment {
  env: NodeJS.ProcessEnv;
  uid: number;
  home: string;
}

const DOCKER_HUB_ALIASES = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** The file `login` writes and `logout` edits: REGISTRY_AUTH_FILE, else ${XDG_RUNTIME_DIR}/containers/auth.json. */
export function authFileWritePath(e: AuthEnvironment): string {
  if (e.env.REGISTRY_AUTH_FILE) return e.env.REGISTRY_AUTH_FILE;
  if (e.env.XDG_RUNTIME_DIR) return join(e.env.XDG_RUNTIME_DIR, 'containers', 'auth.json');
  if (e.uid === 0) return '/run/containers/0/auth.json';
  return join(e.env.XDG_CONFIG_HOME || join(e.home, '.config'), 'containers', 'auth.json');
}

/** Every file credentials are read from, first match wins. */
export function authFileReadPaths(e: AuthEnvironment): string[] {
  const configHome = e.env.XDG_CONFIG_HOME || join(e.home, '.config');
  const dockerDir = e.env.DOCKER_CONFIG || join(e.home, '.docker');
  const paths = [
    authFileWritePath(e),
    join(configHome, 'containers', 'auth.json'),
    join(dockerDir, 'config.json'),
  ];
  return [...new Set(paths)];
}

export function parseAuthFile(text: string, source: string): AuthFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`invalid credentials file ${source}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InvalidArgumentError(`invalid credentials file ${source}: not a JSON object`);
  }
  const file = doc as AuthFile;
  if (file.auths === undefined) file.auths = {};
  if (typeof file.auths !== 'object' || file.auths === null) {
    throw new InvalidArgumentError(`invalid credentials file ${source}: "auths" must be an object`);
  }
  return file;
}

/** 'https://index.docker.io/v1/' -> 'docker.io'; 'quay.io/ns' stays as it is. */
export function normalizeAuthKey(key: string): string {
  let k = key;
  if (/^https?:\/\//.test(k)) k = k.replace(/^https?:\/\//, '').split('/')[0]!;
  k = k.replace(/\/+$/, '');
  const host = k.split('/')[0]!;
  return DOCKER_HUB_ALIASES.includes(host) ? `docker.io${k.slice(host.length)}` : k;
}

function decodeEntry(entry: AuthEntry, key: string): Credentials | undefined {
  if (entry.auth) {
    const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = plain.indexOf(':');
    if (colon <= 0) throw new InvalidArgumentError(`invalid credentials for "${key}": "auth" is not base64(user:password)`);
    return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined) return { username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Credentials in one file for a registry host, or for a repository 'host/ns/app' (the most specific key wins:
 * 'host/ns/app', then 'host/ns', then 'host').
 */
export function findCredentials(file: AuthFile, target: string): Credentials | undefined {
  const wanted = normalizeAuthKey(target);
  const parts = wanted.split('/');
  const normalized = new Map<string, [string, AuthEntry]>();
  for (const [key, entry] of Object.entries(file.auths)) {
    const n = normalizeAuthKey(key);
    if (!normalized.has(n) || !/^https?:/.test(key)) normalized.set(n, [key, entry]);
  }
  for (let i = parts.length; i >= 1; i--) {
    const hit = normalized.get(parts.slice(0, i).join('/'));
    if (hit) return decodeEntry(hit[1], hit[0]);
  }
  return undefined;
}

async function readAuthFile(path: string): Promise<AuthFile | undefined> {
  try {
    return parseAuthFile(await readFile(path, 'utf8'), path);
  } catch (err) {
    if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}

/** Credentials for a registry or repository from the first file that has them. */
export async function lookupCredentials(e: AuthEnvironment, target: string): Promise<Credentials | undefined> {
  for (const path of authFileReadPaths(e)) {
    const file = await readAuthFile(path);
    const creds = file && findCredentials(file, target);
    if (creds) return creds;
  }
  return undefined;
}

async function writeAuthFile(path: string, file: AuthFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await atomicWrite(path, JSON.stringify(file, null, '\t') + '\n', 0o600);
  await chmod(path, 0o600);
}

/** `login`: stores base64(user:password) under the key, keeping everything else in the file. */
export async function storeCredentials(path: string, key: string, creds: Credentials): Promise<void> {
  const file = (await readAuthFile(path)) ?? { auths: {} };
  const k = normalizeAuthKey(key);
  removeKeys(file, k);
  file.auths[k] = { auth: Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64') };
  await writeAuthFile(path, file);
}

function removeKeys(file: AuthFile, normalizedKey: string): boolean {
  let removed = false;
  for (const key of Object.keys(file.auths)) {
    if (normalizeAuthKey(key) === normalizedKey) {
      delete file.auths[key];
      removed = true;
    }
  }
  return removed;
}

/** `logout`: removes the key (in every spelling, e.g. docker.io and the legacy Hub URL); false when absent. */
export async function removeCredentials(path: string, key: string): Promise<boolean> {
  const file = await readAuthFile(path);
  if (!file || !removeKeys(file, normalizeAuthKey(key))) return false;
  await writeAuthFile(path, file);
  return true;
}
