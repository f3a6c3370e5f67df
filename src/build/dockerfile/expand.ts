// Dockerfile variable expansion: $VAR, ${VAR}, ${VAR:-w} ${VAR-w} ${VAR:+w} ${VAR+w} ${VAR:?m} ${VAR?m},
// ${VAR#p} ${VAR##p} ${VAR%p} ${VAR%%p}; quote removal ('...' literal, "..." expanding) and the escape char.
import { InvalidArgumentError } from '../../errors/index.js';
import type { EscapeChar } from './ast.js';

/** Returns a variable's value, or undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

export interface ExpandOptions {
  escape?: EscapeChar;
  /** Receives every name looked up that had a value (e.g. to know which build args were consumed). */
  onUse?: (name: string) => void;
}

interface Piece { text: string; quoted: boolean }

class WordExpander {
  private pos = 0;
  private readonly escape: EscapeChar;

  constructor(private readonly src: string, private readonly lookup: VariableLookup, private readonly opts: ExpandOptions) {
    this.escape = opts.escape ?? '\\';
  }

  /** Reads until `stop` (not consumed) or the end; pieces record whether they came from quotes. */
  pieces(stop?: string): Piece[] {
    const out: Piece[] = [];
    const push = (text: string, quoted: boolean) => out.push({ text, quoted });
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === stop) break;
      this.pos++;
      if (ch === this.escape) {
        if (this.pos < this.src.length) push(this.src[this.pos++]!, true);
      } else if (ch === "'") {
        push(this.until("'", 'single-quote'), true);
      } else if (ch === '"') {
        push(this.doubleQuoted(), true);
      } else if (ch === '$') {
        push(this.dollar(), false);
      } else {
        push(ch, ch !== ' ' && ch !== '\t' && ch !== '\n');
      }
    }
    return out;
  }

  private until(close: string, what: string): string {
    const end = this.src.indexOf(close, this.pos);
    if (end < 0) throw new InvalidArgumentError(`unexpected end of statement while looking for matching ${what}`);
    const text = this.src.slice(this.pos, end);
    this.pos = end + 1;
    return text;
  }

  private doubleQuoted(): string {
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        throw new InvalidArgumentError('unexpected end of statement while looking for matching double-quote');
      }
      const ch = this.src[this.pos++]!;
      if (ch === '"') return text;
      if (ch === '$') text += this.dollar();
      else if (ch === this.escape && '"$'.concat(this.escape).includes(this.src[this.pos] ?? '')) {
        if (this.pos < this.src.length) text += this.src[this.pos++];
      } else text += ch;
    }
  }

  private name(): string {
    const m = /^[A-Za-z0-9_]+/.exec(this.src.slice(this.pos));
    const name = m?.[0] ?? '';
    this.pos += name.length;
    return name;
  }

  private value(name: string): string | undefined {
    const v = this.lookup(name);
    if (v !== undefined) this.opts.onUse?.(name);
    return v;
  }

  private dollar(): string {
    if (this.src[this.pos] === '{') {
      this.pos++;
      return this.braced();
    }
    const name = this.name();
    return name === '' ? '$' : (this.value(name) ?? '');
  }

  private braced(): string {
    const name = this.name();
    if (name === '') throw new InvalidArgumentError(`bad substitution in "${this.src}"`);
    const m = /^(:-|:\+|:\?|-|\+|\?|##|#|%%|%|)/.exec(this.src.slice(this.pos))!;
    const op = m[1]!;
    this.pos += op.length;
    const word = op === '' ? '' : this.pieces('}').map((p) => p.text).join('');
    if (this.src[this.pos] !== '}') {
      throw new InvalidArgumentError(`missing '}' or unsupported modifier in "${this.src}"`);
    }
    this.pos++;
    return applyModifier(name, this.value(name), op, word);
  }
}

function applyModifier(name: string, value: string | undefined, op: string, word: string): string {
  switch (op) {
    case '': return value ?? '';
    case ':-': return value === undefined || value === '' ? word : value;
    case '-': return value ?? word;
    case ':+': return value === undefined || value === '' ? '' : word;
    case '+': return value === undefined ? '' : word;
    case ':?': case '?':
      if (value === undefined || (op === ':?' && value === '')) {
        throw new InvalidArgumentError(`${name}: ${word === '' ? 'is not allowed to be unset' : word}`);
      }
      return value;
    default: return trimPattern(value ?? '', op, word);
  }
}

/** ${VAR#p} and friends: remove the shortest/longest prefix/suffix matching a shell pattern. */
function trimPattern(value: string, op: string, pattern: string): string {
  const re = new RegExp(`^${shellPatternSource(pattern)}$`, 'su');
  const lengths = [...Array(value.length + 1).keys()];
  const order = op.length === 2 ? lengths.reverse() : lengths;
  for (const n of order) {
    if (op.startsWith('#') && re.test(value.slice(0, n))) return value.slice(n);
    if (op.startsWith('%') && re.test(value.slice(value.length - n))) return value.slice(0, value.length - n);
  }
  return value;
}

function shellPatternSource(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return out;
}

/** Expands one word to one string (ENV values, WORKDIR, USER, COPY sources...). */
export function expandWord(word: string, lookup: VariableLookup, opts: ExpandOptions = {}): string {
  return new WordExpander(word, lookup, opts).pieces().map((p) => p.text).join('');
}

/** Expands and splits on unquoted whitespace, also whitespace that came out of a variable (EXPOSE, VOLUME). */
export function expandWords(word: string, lookup: VariableLookup, opts: ExpandOptions = {}): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (const piece of new WordExpander(word, lookup, opts).pieces()) {
    if (piece.quoted) {
      current += piece.text;
      inWord = true;
      continue;
    }
    for (const ch of piece.text) {
      if (/\s/.test(ch)) {
        if (inWord) words.push(current);
        current = '';
        inWord = false;
      } else {
        current += ch;
        inWord = true;
      }
    }
  }
  if (inWord) words.push(current);
  return words;
}
