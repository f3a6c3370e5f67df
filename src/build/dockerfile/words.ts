// Splitting an instruction's arguments the way the Dockerfile grammar does: builder flags, JSON arrays,
// whitespace words that keep their quotes (quote removal belongs to variable expansion), name=value pairs.
import { InvalidArgumentError } from '../../errors/index.js';
import type { EscapeChar, Flag, KeyValue } from './ast.js';

/** Whitespace-separated words; quotes and escapes group but are kept for the expander to process. */
export function splitWords(text: string, escape: EscapeChar): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === null && /\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += ch;
    if (ch === escape && i + 1 < text.length && quote !== "'") {
      word += text[++i];
    } else if (quote === null && (ch === '"' || ch === "'")) {
      quote = ch;
    } else if (ch === quote) {
      quote = null;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Leading `--name[=value]` words; quotes inside a flag value are removed. `--` ends the flags. */
export function extractFlags(text: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (!text.startsWith('--', pos)) break;
    let end = pos;
    let token = '';
    let quote: string | null = null;
    for (; end < text.length; end++) {
      const ch = text[end]!;
      if (quote === null && /\s/.test(ch)) break;
      if (quote === null && (ch === '"' || ch === "'")) quote = ch;
      else if (ch === quote) quote = null;
      else token += ch;
    }
    pos = end;
    if (token === '--') break;
    const eq = token.indexOf('=');
    flags.push(eq < 0 ? { name: token.slice(2), value: null } : { name: token.slice(2, eq), value: token.slice(eq + 1) });
  }
  return { flags, rest: text.slice(pos).trim() };
}

/** A JSON array of strings, or null when the text is not one (the caller falls back to shell form). */
export function parseJsonArray(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) return null;
  return value;
}

/**
 * ENV and LABEL arguments: `key=value ...`, or the legacy `key value with spaces` when the first word
 * holds no `=`. Values stay raw (quotes kept) for the expander.
 */
export function parseKeyValues(keyword: string, text: string, escape: EscapeChar): KeyValue[] {
  const words = splitWords(text, escape);
  if (words.length === 0) throw new InvalidArgumentError(`${keyword} requires at least one argument`);
  if (!words[0]!.includes('=')) {
    const rest = text.trim().slice(words[0]!.length).trim();
    if (rest === '') throw new InvalidArgumentError(`${keyword} must have two arguments`);
    return [{ key: words[0]!, value: rest }];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      throw new InvalidArgumentError(
        `Syntax error - can't find = in "${word}". Must be of the form: name=value`,
      );
    }
    return { key: word.slice(0, eq), value: word.slice(eq + 1) };
  });
}
