// Parses the limits users write as text: sizes (10m, 1.5g), --cpus, --ulimit, --restart and --log-opt,
// with Docker's units (binary: 1k = 1024) and Docker's error wording where it has one.
import { InvalidArgumentError } from '../../errors/index.js';
import { RLIMIT_BY_NAME } from '../../runtime/oci-spec.js';
import type { LogOptions, RestartPolicy, Ulimit } from './container-config.js';

const UNIT: Readonly<Record<string, number>> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/** "10m", "1.5g", "100k", "512", "64MiB" -> bytes (k, m, g... are powers of 1024, as Docker reads them). */
export function parseByteSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtpb]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`invalid size for ${flag}: "${text}" (use a number with b, k, m or g)`);
  const bytes = Math.floor(Number(m[1]) * UNIT[m[2]!.toLowerCase()]!);
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError(`invalid size for ${flag}: "${text}" is too large`);
  return bytes;
}

/** The kernel refuses smaller cgroup memory limits to be useful; Docker's floor. */
export const MIN_MEMORY_BYTES = 6 * 2 ** 20;

export function parseMemory(text: string): number {
  const bytes = parseByteSize(text, '--memory');
  if (bytes < MIN_MEMORY_BYTES) throw new InvalidArgumentError('Minimum memory limit allowed is 6MB');
  return bytes;
}

/** --cpus 1.5 -> 1_500_000_000 (NanoCpus). */
export function parseCpus(text: string): number {
  if (!/^\d*\.?\d+$/.test(text.trim())) throw new InvalidArgumentError(`invalid value for --cpus: "${text}" (a decimal, e.g. 1.5)`);
  const nano = Math.round(Number(text) * 1e9);
  if (nano < 1e7) throw new InvalidArgumentError(`invalid value for --cpus: "${text}": at least 0.01`);
  return nano;
}

function parseLimitValue(text: string, spec: string): number {
  if (!/^-?\d+$/.test(text)) throw new InvalidArgumentError(`invalid ulimit argument: ${spec}`);
  const n = Number(text);
  if (n < -1) throw new InvalidArgumentError(`invalid ulimit argument: ${spec}`);
  return n;
}

/** --ulimit name=soft[:hard]; -1 means unlimited; hard defaults to soft. */
export function parseUlimit(spec: string): Ulimit {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new InvalidArgumentError(`invalid ulimit argument: ${spec}`);
  const name = spec.slice(0, eq).toLowerCase();
  if (!(name in RLIMIT_BY_NAME)) throw new InvalidArgumentError(`invalid ulimit type: ${name}`);
  const values = spec.slice(eq + 1).split(':');
  if (values.length > 2) throw new InvalidArgumentError(`too many limit value arguments - ${spec}, can only have up to two, \`soft[:hard]\``);
  const soft = parseLimitValue(values[0]!, spec);
  const hard = values[1] === undefined ? soft : parseLimitValue(values[1], spec);
  const rank = (n: number) => (n === -1 ? Infinity : n);
  if (rank(soft) > rank(hard)) {
    throw new InvalidArgumentError(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`);
  }
  return { name, soft, hard };
}

/** --restart no | always | unless-stopped | on-failure[:max-retries]. */
export function parseRestartPolicy(spec: string): RestartPolicy {
  const [name = '', count, ...extra] = spec.split(':');
  if (extra.length === 0) {
    if ((name === 'no' || name === 'always' || name === 'unless-stopped') && count === undefined) {
      return { name, maximumRetryCount: 0 };
    }
    if (name === 'on-failure') {
      if (count === undefined) return { name, maximumRetryCount: 0 };
      if (/^\d+$/.test(count)) return { name, maximumRetryCount: Number(count) };
      throw new InvalidArgumentError(`invalid restart policy: maximum retry count must be an integer: "${spec}"`);
    }
    if (count !== undefined && name !== '') {
      throw new InvalidArgumentError(`invalid restart policy: restart count is only valid with on-failure: "${spec}"`);
    }
  }
  throw new InvalidArgumentError(`invalid restart policy "${spec}": use no, always, unless-stopped or on-failure[:N]`);
}

/** --log-opt key=value, repeated. max-size and max-file are understood; the rest are kept for inspect. */
export function parseLogOptions(specs: readonly string[]): LogOptions {
  const out: LogOptions = { raw: {} };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new InvalidArgumentError(`invalid --log-opt "${spec}": expected key=value`);
    const key = spec.slice(0, eq);
    const value = spec.slice(eq + 1);
    out.raw[key] = value;
    if (key === 'max-size') out.maxSizeBytes = value === '-1' ? undefined : parseByteSize(value, '--log-opt max-size');
    else if (key === 'max-file') {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`invalid --log-opt max-file "${value}": a positive integer`);
      out.maxFile = Number(value);
    }
  }
  if (out.maxSizeBytes === undefined) delete out.maxSizeBytes;
  return out;
}
