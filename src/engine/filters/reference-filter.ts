// `--filter reference=<glob>` as Podman matches it: the glob (path.Match rules: `*` and `?` stop at `/`,
// `[...]` classes) may match the full name or any trailing part of its path, with or without the tag, so
// `alpine*`, `library/alpine`, `alpine:3.19` and `docker.io/library/*:latest` all find docker.io/library/alpine.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';

const globCache = new Map<string, RegExp>();

/** A RegExp for a path.Match-style glob; InvalidArgumentError for a malformed class. */
export function globToRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) re += escapeChar(glob[++i]!);
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new InvalidArgumentError(`invalid filter "reference=${glob}": syntax error in pattern`);
      let cls = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`;
      re += `[${cls}]`;
      i = end;
    } else re += escapeChar(c);
  }
  const compiled = new RegExp(`${re}$`);
  globCache.set(glob, compiled);
  return compiled;
}

const escapeChar = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every form of `name` that a reference pattern may be matched against. */
export function referenceCandidates(name: string): string[] {
  let rest = name;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const parts = rest.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const repo = parts.slice(i).join('/');
    out.push(repo);
    if (tag) out.push(`${repo}:${tag}`);
    if (digest) out.push(`${repo}@${digest}`);
  }
  return out;
}

/** Whether any of an image's names matches the reference pattern. */
export function matchReference(names: readonly string[], pattern: string): boolean {
  const re = globToRegExp(pattern);
  return names.some((n) => referenceCandidates(n).some((c) => re.test(c)));
}
