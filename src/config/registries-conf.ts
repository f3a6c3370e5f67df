// containers-registries.conf(5) v2: parsing, merging drop-ins, and the two questions the engine asks of it:
// where may this reference be pulled from (mirrors, rewritten locations, insecure, blocked), and which
// fully-qualified names may a short name mean. No file access here: see registries-conf-loader.ts.
import { parse as parseToml } from 'smol-toml';
import { InvalidArgumentError, PermissionDeniedError } from '../errors/index.js';

export type ShortNameMode = 'enforcing' | 'permissive' | 'disabled';
export type PullFromMirror = 'all' | 'digest-only' | 'tag-only';

export interface MirrorConfig {
  location: string;
  insecure: boolean;
  pullFromMirror: PullFromMirror;
}

export interface RegistryConfig {
  /** What references this entry applies to: 'example.com', 'example.com/ns/app' or '*.example.com'. */
  prefix: string;
  /** Where matching references are actually fetched from (the prefix itself when not rewritten). */
  location: string;
  insecure: boolean;
  blocked: boolean;
  mirrors: MirrorConfig[];
}

export interface RegistriesConf {
  unqualifiedSearchRegistries: string[] | undefined;
  shortNameMode: ShortNameMode | undefined;
  aliases: Record<string, string>;
  registries: RegistryConfig[];
}

export const emptyRegistriesConf = (): RegistriesConf => ({
  unqualifiedSearchRegistries: undefined,
  shortNameMode: undefined,
  aliases: {},
  registries: [],
});

type Table = Record<string, unknown>;

function bad(source: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`invalid registries configuration ${source}: ${why}`);
}

function str(t: Table, key: string, source: string): string | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw bad(source, `"${key}" must be a string`);
  return v;
}

function bool(t: Table, key: string, source: string): boolean {
  const v = t[key];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw bad(source, `"${key}" must be true or false`);
  return v;
}

function parseMirror(m: unknown, source: string): MirrorConfig {
  if (typeof m !== 'object' || m === null) throw bad(source, 'each mirror must be a table');
  const t = m as Table;
  const location = str(t, 'location', source);
  if (!location) throw bad(source, 'a mirror needs a "location"');
  const pull = str(t, 'pull-from-mirror', source) ?? 'all';
  if (!['all', 'digest-only', 'tag-only'].includes(pull)) throw bad(source, `invalid pull-from-mirror "${pull}"`);
  return { location: stripSlash(location), insecure: bool(t, 'insecure', source), pullFromMirror: pull as PullFromMirror };
}

const stripSlash = (s: string) => s.replace(/\/+$/, '');

function parseRegistry(r: unknown, source: string): RegistryConfig {
  if (typeof r !== 'object' || r === null) throw bad(source, '[[registry]] must be a table');
  const t = r as Table;
  const location = stripSlash(str(t, 'location', source) ?? '');
  const prefix = stripSlash(str(t, 'prefix', source) ?? location);
  if (!prefix) throw bad(source, '[[registry]] needs a "prefix" or a "location"');
  if (prefix.startsWith('*.') && location) throw bad(source, `wildcard prefix "${prefix}" cannot have a location`);
  if (prefix.includes('*') && !/^\*\.[^*]+$/.test(prefix)) throw bad(source, `invalid wildcard prefix "${prefix}"`);
  const mirrors = t.mirror === undefined ? [] : t.mirror;
  if (!Array.isArray(mirrors)) throw bad(source, '"mirror" must be an array of tables');
  return {
    prefix,
    location: location || prefix,
    insecure: bool(t, 'insecure', source),
    blocked: bool(t, 'blocked', source),
    mirrors: mirrors.map((m) => parseMirror(m, source)),
  };
}

/** Parses one file's text; `source` names the file in error messages. */
export function parseRegistriesConf(text: string, source = 'registries.conf'): RegistriesConf {
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch (err) {
    throw new InvalidArgumentError(`invalid registries configuration ${source}: ${(err as Error).message}`, { cause: err });
  }
  if (doc.registries !== undefined) throw bad(source, 'v1 format ([registries.search]) is not supported; use v2');
  const search = doc['unqualified-search-registries'];
  if (search !== undefined && (!Array.isArray(search) || !search.every((s) => typeof s === 'string'))) {
    throw bad(source, '"unqualified-search-registries" must be an array of strings');
  }
  const mode = str(doc, 'short-name-mode', source);
  if (mode !== undefined && !['enforcing', 'permissive', 'disabled'].includes(mode)) {
    throw bad(source, `invalid short-name-mode "${mode}"`);
  }
  const aliases: Record<string, string> = {};
  const aliasTable = doc.aliases ?? {};
  if (typeof aliasTable !== 'object' || aliasTable === null) throw bad(source, '[aliases] must be a table');
  for (const [k, v] of Object.entries(aliasTable as Table)) {
    if (typeof v !== 'string') throw bad(source, `alias "${k}" must be a string`);
    aliases[k] = v;
  }
  const regs = doc.registry ?? [];
  if (!Array.isArray(regs)) throw bad(source, '"registry" must be an array of tables ([[registry]])');
  return {
    unqualifiedSearchRegistries: search as string[] | undefined,
    shortNameMode: mode as ShortNameMode | undefined,
    aliases,
    registries: regs.map((r) => parseRegistry(r, source)),
  };
}

/** Drop-in semantics: later files replace search registries and mode if set, add aliases, replace same-prefix entries. */
export function mergeRegistriesConf(base: RegistriesConf, over: RegistriesConf): RegistriesConf {
  const byPrefix = new Map(base.registries.map((r) => [r.prefix, r] as const));
  for (const r of over.registries) byPrefix.set(r.prefix, r);
  return {
    unqualifiedSearchRegistries: over.unqualifiedSearchRegistries ?? base.unqualifiedSearchRegistries,
    shortNameMode: over.shortNameMode ?? base.shortNameMode,
    aliases: { ...base.aliases, ...over.aliases },
    registries: [...byPrefix.values()],
  };
}

/** How strongly `prefix` matches the repository name `name` ('host/ns/app'); -1 when it does not. */
function matchLength(prefix: string, name: string): number {
  if (prefix.startsWith('*.')) {
    const host = name.split('/')[0]!.replace(/:\d+$/, '');
    return host.endsWith(prefix.slice(1)) ? prefix.length - 1 : -1;
  }
  if (name === prefix || name.startsWith(`${prefix}/`)) return prefix.length + 1;
  return -1;
}

/** The [[registry]] entry that governs a repository name: the longest matching prefix; exact beats wildcard. */
export function findRegistryConfig(conf: RegistriesConf, name: string): RegistryConfig | undefined {
  let best: RegistryConfig | undefined;
  let bestLen = -1;
  for (const r of conf.registries) {
    const len = matchLength(r.prefix, name);
    const adjusted = r.prefix.startsWith('*.') ? len : len + 10_000;
    if (len >= 0 && adjusted > bestLen) {
      best = r;
      bestLen = adjusted;
    }
  }
  return best;
}

export interface PullSource {
  /** Repository name to fetch from ('mirror.example:5000/library/alpine'); append the tag or digest. */
  name: string;
  insecure: boolean;
  mirror: boolean;
}

/**
 * Where a fully-qualified repository name ('docker.io/library/alpine') is pulled from: each applicable mirror in
 * order, then the (possibly rewritten) location. A blocked registry is refused with a permission error.
 */
export function pullSources(conf: RegistriesConf, name: string, byDigest: boolean): PullSource[] {
  const reg = findRegistryConfig(conf, name);
  if (!reg) return [{ name, insecure: false, mirror: false }];
  if (reg.blocked) throw new PermissionDeniedError(`registry "${name}" is blocked in registries.conf`);
  const rest = reg.prefix.startsWith('*.') ? '' : name.slice(reg.prefix.length);
  const location = reg.prefix.startsWith('*.') ? name : reg.location + rest;
  const mirrors = reg.mirrors
    .filter((m) => m.pullFromMirror === 'all' || (m.pullFromMirror === 'digest-only') === byDigest)
    .map((m) => ({ name: reg.prefix.startsWith('*.') ? m.location + name.slice(name.indexOf('/')) : m.location + rest, insecure: m.insecure, mirror: true }));
  return [...mirrors, { name: location, insecure: reg.insecure, mirror: false }];
}

/** Whether a registry host (for push, login, ...) is marked insecure by the entry that governs it. */
export function isInsecureRegistry(conf: RegistriesConf, host: string): boolean {
  return findRegistryConfig(conf, host)?.insecure ?? false;
}

export interface ShortNameResolution {
  /** A fully-qualified repository name from [aliases]; when set it is the only candidate. */
  alias: string | undefined;
  /** Registries to try in order when there is no alias. */
  searchRegistries: string[];
  mode: ShortNameMode;
}

/**
 * The candidates for a short name (its repository path without tag or digest). With no
 * unqualified-search-registries configured we search docker.io alone: that is what `docker pull alpine`
 * does, and what users of Podman's default configuration get.
 */
export function resolveShortName(conf: RegistriesConf, shortPath: string): ShortNameResolution {
  const alias = conf.aliases[shortPath];
  return {
    alias: alias === undefined ? undefined : stripSlash(alias),
    searchRegistries: conf.unqualifiedSearchRegistries ?? ['docker.io'],
    mode: conf.shortNameMode ?? 'permissive',
  };
}
