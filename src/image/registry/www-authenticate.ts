// Parsing WWW-Authenticate (RFC 7235): the challenges a registry answers 401 with, e.g.
// `Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull"`.

export interface AuthChallenge {
  /** Lower-cased scheme: 'bearer', 'basic', ... */
  scheme: string;
  /** Parameters with lower-cased names: realm, service, scope, error. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** All challenges in a header value (or several header values); unparsable trailing text is ignored. */
export function parseWwwAuthenticate(header: string | string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  if (Array.isArray(header)) return header.flatMap((h) => parseWwwAuthenticate(h));
  const challenges: AuthChallenge[] = [];
  let s = header;
  let current: AuthChallenge | undefined;
  while (s.length > 0) {
    s = s.replace(/^[\s,]+/, '');
    const tok = TOKEN.exec(s);
    if (!tok) break;
    const afterTok = s.slice(tok[0].length);
    const eq = /^\s*=\s*/.exec(afterTok);
    if (current && eq) {
      const rest = afterTok.slice(eq[0].length);
      const { value, remaining } = readValue(rest);
      current.params[tok[0].toLowerCase()] = value;
      s = remaining;
      continue;
    }
    current = { scheme: tok[0].toLowerCase(), params: {} };
    challenges.push(current);
    s = afterTok.replace(/^\s+/, '');
    const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(s);
    if (token68 && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=\s*[^=,\s]/.test(s)) s = s.slice(token68[0].length);
  }
  return challenges;
}

function readValue(s: string): { value: string; remaining: string } {
  if (!s.startsWith('"')) {
    const m = /^[^,\s]*/.exec(s)!;
    return { value: m[0], remaining: s.slice(m[0].length) };
  }
  let value = '';
  let i = 1;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) value += s[++i];
    else if (c === '"') break;
    else value += c;
  }
  return { value, remaining: s.slice(i + 1) };
}
