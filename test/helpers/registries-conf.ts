// Writes the containers-registries.conf(5) a user would write to reach the test registry as a mirror of
// docker.io, plus the registry's CA in certs.d for TLS registries, under a config home (XDG_CONFIG_HOME).
import { chownSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestRegistry } from './registry.js';

export interface RegistriesConfOptions {
  /** Registry to mirror; docker.io by default, so that `alpine` means docker.io/library/alpine. */
  prefix?: string;
  /** chown what is written to this owner (the test user). */
  owner?: { uid: number; gid: number };
}

export function registriesConfText(registry: TestRegistry, prefix = 'docker.io'): string {
  return [
    `unqualified-search-registries = ["${prefix}"]`,
    '',
    '[[registry]]',
    `prefix = "${prefix}"`,
    `location = "${prefix}"`,
    '',
    '[[registry.mirror]]',
    `location = "${registry.host}"`,
    `insecure = ${registry.tls ? 'false' : 'true'}`,
    '',
    '[[registry]]',
    `location = "${registry.host}"`,
    `insecure = ${registry.tls ? 'false' : 'true'}`,
    '',
  ].join('\n');
}

/**
 * Writes <configHome>/containers/registries.conf (and certs.d/<host>/ca.crt for TLS); returns the
 * registries.conf path, which also suits CONTAINERS_REGISTRIES_CONF.
 */
export function writeMirrorRegistriesConf(
  configHome: string, registry: TestRegistry, options: RegistriesConfOptions = {},
): string {
  const containersDir = join(configHome, 'containers');
  const written = [configHome, containersDir];
  mkdirSync(containersDir, { recursive: true });
  const file = join(containersDir, 'registries.conf');
  writeFileSync(file, registriesConfText(registry, options.prefix));
  written.push(file);
  if (registry.caFile !== undefined) {
    const certsDir = join(containersDir, 'certs.d');
    const hostDir = join(certsDir, registry.host);
    mkdirSync(hostDir, { recursive: true });
    copyFileSync(registry.caFile, join(hostDir, 'ca.crt'));
    written.push(certsDir, hostDir, join(hostDir, 'ca.crt'));
  }
  const owner = options.owner;
  if (owner !== undefined) for (const path of written) chownSync(path, owner.uid, owner.gid);
  return file;
}
