// Finds and reads registries.conf and its registries.conf.d drop-ins, the way Podman looks for them:
// an explicit path (--registries-conf), else the user's file (rootless), else the system file.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isSystemError } from '../errors/index.js';
import {
  emptyRegistriesConf,
  mergeRegistriesConf,
  parseRegistriesConf,
  type RegistriesConf,
} from './registries-conf.js';

/** File access, injected so lookups can be tested without touching the machine's configuration. */
export interface ConfigFiles {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Names in a directory, or [] when it does not exist. */
  list(dir: string): Promise<string[]>;
}

export const nodeConfigFiles: ConfigFiles = {
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ENOTDIR')) return undefined;
      throw err;
    }
  },
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (err) {
      if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ENOTDIR')) return [];
      throw err;
    }
  },
};

export interface RegistriesConfLookup {
  /** The engine's --registries-conf option; used alone (with its own drop-in dir) when given. */
  explicitPath?: string;
  /** $XDG_CONFIG_HOME/containers for a rootless user (StorePaths.userConfigDir). */
  userConfigDir?: string;
  /** /etc/containers (StorePaths.systemConfigDir). */
  systemConfigDir: string;
}

/** The candidate main files, most specific first; the first that exists is used. */
export function registriesConfCandidates(lookup: RegistriesConfLookup): string[] {
  if (lookup.explicitPath) return [lookup.explicitPath];
  const paths: string[] = [];
  if (lookup.userConfigDir && lookup.userConfigDir !== lookup.systemConfigDir) {
    paths.push(join(lookup.userConfigDir, 'registries.conf'));
  }
  paths.push(join(lookup.systemConfigDir, 'registries.conf'));
  return paths;
}

export interface LoadedRegistriesConf {
  conf: RegistriesConf;
  /** The files that were read, in merge order (for `tsmoby info` and error messages). */
  files: string[];
}

/**
 * Loads the first existing main file, then the `*.conf` files of the `registries.conf.d` directory beside it in
 * lexical order. With no file at all the result is the empty configuration (Docker Hub for short names).
 */
export async function loadRegistriesConf(
  lookup: RegistriesConfLookup,
  files: ConfigFiles = nodeConfigFiles,
): Promise<LoadedRegistriesConf> {
  let conf = emptyRegistriesConf();
  const used: string[] = [];
  let dropInDir: string | undefined;
  for (const path of registriesConfCandidates(lookup)) {
    const text = await files.read(path);
    if (text === undefined) continue;
    conf = parseRegistriesConf(text, path);
    used.push(path);
    dropInDir = join(dirname(path), 'registries.conf.d');
    break;
  }
  dropInDir ??= join(lookup.explicitPath ? dirname(lookup.explicitPath) : lookup.systemConfigDir, 'registries.conf.d');
  const names = (await files.list(dropInDir)).filter((n) => n.endsWith('.conf')).sort();
  for (const name of names) {
    const path = join(dropInDir, name);
    const text = await files.read(path);
    if (text === undefined) continue;
    conf = mergeRegistriesConf(conf, parseRegistriesConf(text, path));
    used.push(path);
  }
  return { conf, files: used };
}
