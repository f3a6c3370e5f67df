// Go's filepath.Match as a RegExp, per path component (`*` and `?` never cross `/`, `[...]` classes, `\`
// escapes), and the .dockerignore dialect of it where `**` spans any number of directories.
import { InvalidArgumentError } from '../errors/index.js';

const SYNTAX = /[\\^$.*+?()[\]{}|/]/;
const quote = (ch: string) => (SYNTAX.test(ch) ? `\\${ch}` : ch);
const quoteInClass = (ch: string) => (/[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch);

/** Translates a `[...]` class starting at pattern[i] === '['; returns the regex text and the index after `]`. */
function classAt(pattern: string, i: number): { source: string; next: number } {
  let j = i + 1;
  let out = '[';
  if (pattern[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (;;) {
    const ch = pattern[j];
    if (ch === undefined) throw new InvalidArgumentError(`syntax error in pattern "${pattern}"`);
    if (ch === ']' && !first) return { source: `${out}]`, next: j + 1 };
    if (ch === '-' || ch === ']') throw new InvalidArgumentError(`syntax error in pattern "${pattern}"`);
    const lo = ch === '\\' ? pattern[++j] : ch;
    if (lo === undefined) throw new InvalidArgumentError(`syntax error in pattern "${pattern}"`);
    j++;
    out += quoteInClass(lo);
    if (pattern[j] === '-' && pattern[j + 1] !== ']') {
      j++;
      const hi = pattern[j] === '\\' ? pattern[++j] : pattern[j];
      if (hi === undefined) throw new InvalidArgumentError(`syntax error in pattern "${pattern}"`);
      j++;
      out += `-${quoteInClass(hi)}`;
    }
    first = false;
  }
}

function compile(pattern: string, doubleStar: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    if (ch === '*' && doubleStar && pattern[i + 1] === '*') {
      i += 2;
      if (pattern[i] === '/') i++;
      out += i >= pattern.length ? '.*' : '(?:.*/)?';
    } else if (ch === '*') {
      out += '[^/]*';
      i++;
    } else if (ch === '?') {
      out += '[^/]';
      i++;
    } else if (ch === '[') {
      const cls = classAt(pattern, i);
      out += cls.source;
      i = cls.next;
    } else if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new InvalidArgumentError(`syntax error in pattern "${pattern}"`);
      out += quote(next);
      i += 2;
    } else {
      out += quote(ch);
      i++;
    }
  }
  return `^${out}$`;
}

/** filepath.Match(pattern, name): the whole name must match; `*` does not match `/`. */
export function goGlobToRegExp(pattern: string): RegExp {
  return new RegExp(compile(pattern, false), 'su');
}

/** A .dockerignore pattern: filepath.Match plus `**` for any number of directories (even none). */
export function ignorePatternToRegExp(pattern: string): RegExp {
  return new RegExp(compile(pattern, true), 'su');
}

export function hasGlobMeta(text: string): boolean {
  return /[*?[\\]/.test(text);
}
