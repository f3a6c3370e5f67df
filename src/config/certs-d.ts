// TLS material for one registry from certs.d directories (containers-certs.d(5)): `*.crt` are extra CAs,
// a `name.cert` + `name.key` pair is a client certificate. The first directory that has the host wins.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, isSystemError } from '../errors/index.js';

export interface RegistryTls {
  /** Extra CA certificates (PEM), added to Node's default trust store. */
  ca: Buffer[];
  cert?: Buffer;
  key?: Buffer;
  /** The directory the material came from, undefined when none was found. */
  dir?: string;
}

/** Search order: the user's certs.d (rootless), then /etc/containers/certs.d, then /etc/docker/certs.d. */
export function certsDirs(userConfigDir: string | undefined, systemConfigDir = '/etc/containers'): string[] {
  const dirs = [join(systemConfigDir, 'certs.d'), '/etc/docker/certs.d'];
  if (userConfigDir && userConfigDir !== systemConfigDir) dirs.unshift(join(userConfigDir, 'certs.d'));
  return dirs;
}

async function list(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (err) {
    if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}

/** TLS material for `host` or `host:port` (the directory name is exactly what the reference names). */
export async function loadRegistryTls(host: string, dirs: string[]): Promise<RegistryTls> {
  if (host.includes('/') || host.startsWith('.')) throw new InvalidArgumentError(`invalid registry host "${host}"`);
  for (const base of dirs) {
    const dir = join(base, host);
    const names = await list(dir);
    if (!names) continue;
    const tls: RegistryTls = { ca: [], dir };
    for (const name of names.sort()) {
      if (name.endsWith('.crt')) tls.ca.push(await readFile(join(dir, name)));
      if (name.endsWith('.cert')) {
        const keyName = `${name.slice(0, -'.cert'.length)}.key`;
        if (!names.includes(keyName)) {
          throw new InvalidArgumentError(`client certificate ${join(dir, name)} has no matching key ${keyName}`);
        }
        tls.cert = await readFile(join(dir, name));
        tls.key = await readFile(join(dir, keyName));
      }
    }
    return tls;
  }
  return { ca: [] };
}
