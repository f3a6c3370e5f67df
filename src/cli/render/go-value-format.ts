// How Go prints values in templates: %v for strings, numbers, slices ("[a b]"), maps ("map[k:v]", keys sorted),
// times ("2006-01-02 15:04:05 +0000 UTC"); `json` with Go's HTML escaping; a printf subset.

/** The text Go's %v gives for a value decoded from JSON-like data. */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return formatGoTime(value);
  if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
  if (value instanceof Map) {
    const keys = [...value.keys()].map(String).sort();
    return `map[${keys.map((k) => `${k}:${formatGoValue(value.get(k))}`).join(' ')}]`;
  }
  if (typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    return `map[${keys.map((k) => `${k}:${formatGoValue(rec[k])}`).join(' ')}]`;
  }
  return String(value);
}

function formatGoTime(d: Date): string {
  const iso = d.toISOString();
  const ms = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? `.${ms}` : ''} +0000 UTC`;
}

/** Go's json.Marshal: compact, with <, > and & escaped as \u003c, \u003e, \u0026. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's %q: a double-quoted string with Go escapes. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

function pad(text: string, width: number, left: boolean, zero: boolean): string {
  if (text.length >= width) return text;
  if (left) return text.padEnd(width, ' ');
  if (zero && /^[+-]/.test(text)) return text[0] + text.slice(1).padStart(width - 1, '0');
  return text.padStart(width, zero ? '0' : ' ');
}

function formatVerb(verb: string, arg: unknown, precision: number | undefined, plus: boolean): string {
  switch (verb) {
    case 'v': case 's': {
      const s = formatGoValue(arg);
      return precision !== undefined && verb === 's' ? s.slice(0, precision) : s;
    }
    case 'q': return goQuote(typeof arg === 'string' ? arg : formatGoValue(arg));
    case 'd': {
      const n = typeof arg === 'number' ? Math.trunc(arg) : Number.NaN;
      if (Number.isNaN(n)) return `%!d(${typeof arg}=${formatGoValue(arg)})`;
      return plus && n >= 0 ? `+${n}` : String(n);
    }
    case 'f': {
      if (typeof arg !== 'number') return `%!f(${typeof arg}=${formatGoValue(arg)})`;
      const s = arg.toFixed(precision ?? 6);
      return plus && arg >= 0 ? `+${s}` : s;
    }
    case 'x': case 'X': {
      const s = typeof arg === 'number' ? Math.trunc(arg).toString(16) : Buffer.from(formatGoValue(arg)).toString('hex');
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 't': return typeof arg === 'boolean' ? String(arg) : `%!t(${typeof arg}=${formatGoValue(arg)})`;
    default: return `%!${verb}(${formatGoValue(arg)})`;
  }
}

/** A subset of Go's fmt.Sprintf: verbs v s q d f x X t, flags - + 0, width and precision. */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let argIndex = 0;
  const out = format.replace(/%([-+0 ]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, w?: string, p?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (argIndex >= args.length) return `%!${verb}(MISSING)`;
    const text = formatVerb(verb!, args[argIndex++], p === undefined ? undefined : Number(p), flags.includes('+'));
    return pad(text, w ? Number(w) : 0, flags.includes('-'), flags.includes('0'));
  });
  if (argIndex < args.length) return `${out}%!(EXTRA ${args.slice(argIndex).map(formatGoValue).join(', ')})`;
  return out;
}
