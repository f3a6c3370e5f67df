// Query-string decoding as the Docker API reads it: booleans, integers, repeated values, and `filters` in both
// the docker CLI's map form and docker-py's list form, reduced to the engine's `key=value` strings.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { FilterList } from '../../engine/engine.js';

/** Docker's BoolValue: anything but "", "0", "no", "false" and "none" (any case) is true. */
export function queryBool(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return !['', '0', 'no', 'false', 'none'].includes(raw.trim().toLowerCase());
}

/** An integer parameter; an empty or missing value gives `fallback`, garbage a 400. */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new InvalidArgumentError(`invalid value for ${name}: "${raw}" is not an integer`);
  return Number.parseInt(raw, 10);
}

/** A string parameter; empty counts as missing, as Docker's handlers treat it. */
export function queryString(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

/**
 * `filters` JSON: `{"label":{"a=b":true}}` (docker CLI) or `{"label":["a=b"]}` (docker-py, docker-compose), also a
 * bare string value. Each becomes `label=a=b`. Map entries set to false are dropped, as Docker's filter args do.
 */
export function parseFiltersJson(raw: string | null | undefined): FilterList {
  if (raw === null || raw === undefined || raw.trim() === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new InvalidArgumentError(`invalid filters: ${JSON.stringify(raw)} is not JSON`, { cause: err });
  }
  if (doc === null) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new InvalidArgumentError(`invalid filters: expected a JSON object, got ${raw}`);
  const out: string[] = [];
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    for (const v of filterValues(key, value)) out.push(`${key}=${v}`);
  }
  return out;
}

function filterValues(key: string, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).filter(([, on]) => on !== false).map(([v]) => v);
  }
  throw new InvalidArgumentError(`invalid filters: the value of "${key}" must be a list or a map of strings`);
}
