// `--filter key=value` as Podman and Docker take it: parsed into key -> values, checked against the command's
// keys, and applied through accessors the command supplies. Values of one key OR together (labels AND),
// different keys AND together.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { matchReference } from './reference-filter.js';

export type FilterMap = ReadonlyMap<string, readonly string[]>;

/**
 * Parses repeated `--filter` values. `label!=k=v` is kept under the key `label!`, allowed whenever `label` is.
 * Throws InvalidArgumentError `invalid filter "x"` for a key outside `allowed` or a value without `=`.
 */
export function parseFilters(values: readonly string[], allowed: readonly string[]): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const raw of values) {
    const m = /^([^=!]+)(!?)=(.*)$/s.exec(raw);
    if (!m) throw new InvalidArgumentError(`invalid filter "${raw}": filters must be key=value`);
    const key = m[1]!.trim().toLowerCase() + m[2];
    const base = key.replace(/!$/, '');
    if (!allowed.includes(key) && !(m[2] && allowed.includes(base))) throw new InvalidArgumentError(`invalid filter "${key}"`);
    filters.set(key, [...(filters.get(key) ?? []), m[3]!]);
  }
  return filters;
}

/** `label=key` (present) or `label=key=value`. */
export function matchLabel(labels: Readonly<Record<string, string>> | undefined, filter: string): boolean {
  const eq = filter.indexOf('=');
  const key = eq < 0 ? filter : filter.slice(0, eq);
  if (!labels || !Object.hasOwn(labels, key)) return false;
  return eq < 0 || labels[key] === filter.slice(eq + 1);
}

/** `dangling=true|false` (also 1/0): the boolean, or an InvalidArgumentError in the user's words. */
export function parseBoolFilter(key: string, value: string): boolean {
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  throw new InvalidArgumentError(`invalid filter "${key}=${value}": expected true or false`);
}

/** `name=<regex>`: a name matches when the pattern is found anywhere in it, as in Podman. */
export function matchNameRegex(names: readonly string[], pattern: string): boolean {
  let re: RegExp;
  try { re = new RegExp(pattern); } catch (cause) {
    throw new InvalidArgumentError(`invalid filter "name=${pattern}": not a regular expression`, { cause });
  }
  return names.some((n) => re.test(n.replace(/^\//, '')));
}

/** `id=<prefix>`: a full id, or any prefix of it. */
export function matchIdPrefix(id: string, prefix: string): boolean {
  return id.startsWith(prefix.replace(/^sha256:/, ''));
}

export const CONTAINER_STATUSES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead', 'stopped', 'configured'] as const;

export function matchStatus(status: string, wanted: string): boolean {
  if (!(CONTAINER_STATUSES as readonly string[]).includes(wanted)) {
    throw new InvalidArgumentError(`invalid filter "status=${wanted}": status must be one of ${CONTAINER_STATUSES.join(', ')}`);
  }
  if (wanted === 'exited' || wanted === 'stopped') return status === 'exited' || status === 'stopped';
  return status === wanted;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `until=` (and Docker's `since=` time forms): a Go duration back from now ("24h", "1h30m"), Unix seconds
 * ("1700000000.5"), or a date ("2024-05-01", RFC 3339). Returns milliseconds since the epoch.
 */
export function parseTimeFilter(key: string, value: string, now: number): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    let ms = 0;
    for (const m of value.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    return now - ms;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError(`invalid filter "${key}=${value}": not a time or duration`);
  return t;
}

/** How a command lets the common filters see its items. Leave out what the command does not filter on. */
export interface FilterAccessors<T> {
  id?: (item: T) => string;
  names?: (item: T) => readonly string[];
  /** Names as references (`docker.io/library/alpine:latest`) for `reference=`. */
  references?: (item: T) => readonly string[];
  labels?: (item: T) => Readonly<Record<string, string>> | undefined;
  created?: (item: T) => number;
  dangling?: (item: T) => boolean;
  status?: (item: T) => string;
  /** The creation time (ms) of the item a `before=`/`since=` value names; throws NotFoundError if none. */
  resolveCreated?: (reference: string) => number;
  /** The current time (ms) for `until=<duration>`; defaults to the clock. */
  now?: number;
  /** Command-specific keys: return whether `item` passes `key=value`. */
  custom?: (item: T, key: string, value: string) => boolean;
}

function need<F>(fn: F | undefined, key: string): F {
  if (!fn) throw new InvalidArgumentError(`invalid filter "${key}"`);
  return fn;
}

type Predicate<T> = (item: T) => boolean;

function predicateFor<T>(key: string, values: readonly string[], a: FilterAccessors<T>): Predicate<T> {
  const any = (test: (item: T, v: string) => boolean): Predicate<T> => (item) => values.some((v) => test(item, v));
  switch (key) {
    case 'label': { const f = need(a.labels, key); return (item) => values.every((v) => matchLabel(f(item), v)); }
    case 'label!': { const f = need(a.labels, key); return (item) => values.every((v) => !matchLabel(f(item), v)); }
    case 'id': { const f = need(a.id, key); return any((item, v) => matchIdPrefix(f(item), v)); }
    case 'name': { const f = need(a.names, key); return any((item, v) => matchNameRegex(f(item), v)); }
    case 'reference': { const f = need(a.references, key); return any((item, v) => matchReference(f(item), v)); }
    case 'status': { const f = need(a.status, key); values.forEach((v) => matchStatus('', v)); return any((item, v) => matchStatus(f(item), v)); }
    case 'dangling': {
      const f = need(a.dangling, key);
      const wanted = values.map((v) => parseBoolFilter(key, v));
      return (item) => wanted.every((w) => f(item) === w);
    }
    case 'before': case 'since': {
      const created = need(a.created, key);
      const times = values.map((v) => need(a.resolveCreated, key)(v));
      return key === 'before'
        ? (item) => times.every((t) => created(item) < t)
        : (item) => times.every((t) => created(item) > t);
    }
    case 'until': {
      const created = need(a.created, key);
      const times = values.map((v) => parseTimeFilter(key, v, a.now ?? Date.now()));
      return (item) => times.every((t) => created(item) < t);
    }
    default: { const f = need(a.custom, key); return any((item, v) => f(item, key, v)); }
  }
}

/** Keeps the items that pass every filter. Reference lookups for before/since happen once, up front. */
export function applyFilters<T>(items: readonly T[], filters: FilterMap, accessors: FilterAccessors<T>): T[] {
  const predicates = [...filters].map(([key, values]) => predicateFor(key, values, accessors));
  return items.filter((item) => predicates.every((p) => p(item)));
}
