// A user's seccomp profile (--security-opt seccomp=FILE) -> the OCI `linux.seccomp` object. Accepts the OCI
// form and Docker's profile form (archMap, includes/excludes by capability and architecture), since the
// files users hold are usually Docker's; rules for other capabilities or architectures are dropped here.
import { InvalidArgumentError } from '../errors/index.js';
import type { OciSeccomp } from './oci-spec.js';
import { seccompArchitectures } from './seccomp-profile.js';

type SeccompRule = NonNullable<OciSeccomp['syscalls']>[number];

export interface SeccompFileContext {
  /** The container's bounding capabilities, for Docker's `includes.caps` / `excludes.caps`. */
  capabilities: readonly string[];
  /** Node's architecture name (`process.arch`). */
  arch: string;
}

interface RuleFilter {
  caps?: unknown;
  arches?: unknown;
}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function fail(source: string, what: string): never {
  throw new InvalidArgumentError(`seccomp profile ${source}: ${what}`);
}

/** Docker's arch names in includes/excludes (`amd64`, `arm64`) as well as libseccomp's. */
function archMatches(names: string[], native: string[]): boolean {
  const docker: Record<string, string> = { amd64: 'SCMP_ARCH_X86_64', '386': 'SCMP_ARCH_X86', arm64: 'SCMP_ARCH_AARCH64', arm: 'SCMP_ARCH_ARM', x32: 'SCMP_ARCH_X32' };
  return names.some((n) => native.includes(docker[n] ?? n));
}

function applies(rule: JsonObject, ctx: SeccompFileContext, native: string[]): boolean {
  const inc = (isObject(rule.includes) ? rule.includes : {}) as RuleFilter;
  const exc = (isObject(rule.excludes) ? rule.excludes : {}) as RuleFilter;
  const caps = new Set(ctx.capabilities);
  const capName = (c: string) => (c.startsWith('CAP_') ? c : `CAP_${c}`);
  if (isStringArray(inc.caps) && !inc.caps.every((c) => caps.has(capName(c)))) return false;
  if (isStringArray(inc.arches) && native.length > 0 && !archMatches(inc.arches, native.slice(0, 1))) return false;
  if (isStringArray(exc.caps) && exc.caps.some((c) => caps.has(capName(c)))) return false;
  if (isStringArray(exc.arches) && native.length > 0 && archMatches(exc.arches, native.slice(0, 1))) return false;
  return true;
}

function ruleFrom(raw: unknown, i: number, source: string): SeccompRule {
  if (!isObject(raw)) fail(source, `syscalls[${i}] is not an object`);
  const names = raw.names ?? (typeof raw.name === 'string' ? [raw.name] : undefined);
  if (!isStringArray(names) || names.length === 0) fail(source, `syscalls[${i}] has no "names"`);
  if (typeof raw.action !== 'string') fail(source, `syscalls[${i}] has no "action"`);
  const rule: SeccompRule = { names, action: raw.action };
  if (raw.errnoRet !== undefined) {
    if (typeof raw.errnoRet !== 'number') fail(source, `syscalls[${i}].errnoRet is not a number`);
    rule.errnoRet = raw.errnoRet;
  }
  if (raw.args !== undefined && raw.args !== null) {
    if (!Array.isArray(raw.args)) fail(source, `syscalls[${i}].args is not an array`);
    rule.args = raw.args.map((a: unknown, j) => {
      if (!isObject(a) || typeof a.index !== 'number' || typeof a.value !== 'number' || typeof a.op !== 'string') {
        fail(source, `syscalls[${i}].args[${j}] needs a numeric "index" and "value" and an "op"`);
      }
      const arg: NonNullable<SeccompRule['args']>[number] = { index: a.index, value: a.value, op: a.op };
      if (typeof a.valueTwo === 'number') arg.valueTwo = a.valueTwo;
      return arg;
    });
  }
  return rule;
}

function architecturesOf(doc: JsonObject, native: string[], source: string): string[] | undefined {
  if (Array.isArray(doc.archMap)) {
    const entry = doc.archMap.find((m: unknown) => isObject(m) && native[0] !== undefined && m.architecture === native[0]);
    if (!isObject(entry)) return native.length > 0 ? native.slice(0, 1) : undefined;
    const subs = isStringArray(entry.subArchitectures) ? entry.subArchitectures : [];
    return [native[0]!, ...subs];
  }
  if (doc.architectures === undefined || doc.architectures === null) return undefined;
  if (!isStringArray(doc.architectures)) fail(source, '"architectures" is not a list of names');
  return doc.architectures;
}

/** Parses and checks a profile file's text; `source` (the path the user gave) names it in every error. */
export function seccompFromFile(text: string, source: string, ctx: SeccompFileContext): OciSeccomp {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`seccomp profile ${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!isObject(doc)) fail(source, 'not a JSON object');
  if (typeof doc.defaultAction !== 'string' || doc.defaultAction === '') fail(source, 'no "defaultAction"');
  if (doc.syscalls !== undefined && doc.syscalls !== null && !Array.isArray(doc.syscalls)) fail(source, '"syscalls" is not an array');
  const native = seccompArchitectures(ctx.arch);
  const rules = Array.isArray(doc.syscalls) ? doc.syscalls : [];
  const syscalls = rules
    .map((raw: unknown, i) => ({ raw, rule: ruleFrom(raw, i, source) }))
    .filter(({ raw }) => applies(raw as JsonObject, ctx, native))
    .map(({ rule }) => rule);
  const profile: OciSeccomp = { defaultAction: doc.defaultAction, syscalls };
  if (typeof doc.defaultErrnoRet === 'number') profile.defaultErrnoRet = doc.defaultErrnoRet;
  const architectures = architecturesOf(doc, native, source);
  if (architectures) profile.architectures = architectures;
  return profile;
}
