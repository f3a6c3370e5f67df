// The overlay driver's options a user can set, as Podman takes them: `--storage-opt overlay.mount_program=PATH`
// on the command line, else `[storage.options.overlay] mount_program` in storage.conf (user file rootless,
// else the system file). Only the mount program is read; tsmoby keeps its own graph root and run root.
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { InvalidArgumentError } from '../errors/index.js';
import type { ConfigFiles } from './registries-conf-loader.js';

export interface StorageOptions {
  /** A FUSE overlay program (fuse-overlayfs) to mount container root filesystems with, instead of the kernel's. */
  mountProgram?: string;
}

const MOUNT_PROGRAM_KEYS = new Set(['overlay.mount_program', 'mount_program']);

/** `--storage-opt` values; an empty list leaves storage.conf in charge. */
export function parseStorageOpts(opts: readonly string[]): StorageOptions {
  const out: StorageOptions = {};
  for (const opt of opts) {
    const eq = opt.indexOf('=');
    const key = eq < 0 ? opt : opt.slice(0, eq);
    const value = eq < 0 ? '' : opt.slice(eq + 1);
    if (!MOUNT_PROGRAM_KEYS.has(key)) {
      throw new InvalidArgumentError(`unsupported storage option "${opt}": tsmoby takes overlay.mount_program=PATH`);
    }
    if (!value.startsWith('/')) {
      throw new InvalidArgumentError(`storage option "${opt}": the mount program must be an absolute path`);
    }
    out.mountProgram = value;
  }
  return out;
}

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function parseStorageConf(text: string, source = 'storage.conf'): StorageOptions {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new InvalidArgumentError(`cannot parse ${source}: ${(err as Error).message}`, { cause: err });
  }
  const options = table(table(doc.storage)?.options);
  const program = table(options?.overlay)?.mount_program ?? options?.mount_program;
  if (program === undefined || program === '') return {};
  if (typeof program !== 'string' || !program.startsWith('/')) {
    throw new InvalidArgumentError(`${source}: mount_program must be an absolute path`);
  }
  return { mountProgram: program };
}

export interface StorageOptionsLookup {
  cliOpts: readonly string[];
  /** $XDG_CONFIG_HOME/containers for a rootless user. */
  userConfigDir?: string;
  systemConfigDir: string;
}

/** The command line wins; else the first storage.conf that exists (the user's, then the system's). */
export async function loadStorageOptions(lookup: StorageOptionsLookup, files: ConfigFiles): Promise<StorageOptions> {
  if (lookup.cliOpts.length > 0) return parseStorageOpts(lookup.cliOpts);
  const candidates = [...(lookup.userConfigDir ? [lookup.userConfigDir] : []), lookup.systemConfigDir]
    .map((dir) => join(dir, 'storage.conf'));
  for (const path of candidates) {
    const text = await files.read(path);
    if (text !== undefined) return parseStorageConf(text, path);
  }
  return {};
}
