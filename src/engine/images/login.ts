// `login` / `logout`: credentials are checked against the registry before they are stored (0600), and
// removed from the file `login` writes.
import { readFile } from 'node:fs/promises';
import { authFileWritePath, removeCredentials, storeCredentials, type Credentials } from '../../config/auth-file.js';
import { NotFoundError } from '../../errors/tsmoby-error.js';
import type { ImageContext } from './image-context.js';
import { openRegistry } from './registry-access.js';

export async function login(ctx: ImageContext, registry: string, credentials: Credentials, options: { tlsVerify?: boolean; certDir?: string } = {}): Promise<void> {
  const host = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const client = await openRegistry(ctx, host, { credentials, tlsVerify: options.tlsVerify, certDir: options.certDir });
  try {
    await client.checkLogin();
  } finally {
    client.close();
  }
  await storeCredentials(authFileWritePath(ctx.authEnv), host, credentials);
}

export async function logout(ctx: ImageContext, registry: string | undefined, options: { all?: boolean } = {}): Promise<void> {
  const path = authFileWritePath(ctx.authEnv);
  if (options.all || registry === undefined) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const keys = Object.keys((JSON.parse(text) as { auths?: Record<string, unknown> }).auths ?? {});
    for (const key of keys) await removeCredentials(path, key);
    return;
  }
  if (!(await removeCredentials(path, registry))) throw new NotFoundError(`not logged into ${registry}`);
}
