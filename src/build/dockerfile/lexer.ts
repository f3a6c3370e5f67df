// Turns Dockerfile text into logical lines: parser directives read off the top, continuations joined,
// comment and blank lines dropped (also inside a continued instruction), heredoc bodies collected.
import { InvalidArgumentError } from '../../errors/index.js';
import type { EscapeChar, Heredoc, ParserDirectives } from './ast.js';

export interface LogicalLine {
  line: number;
  endLine: number;
  /** Continuations joined: the escape char and what trails it removed, the next line appended as is. */
  text: string;
  heredocs: Heredoc[];
}

export interface LexResult {
  directives: ParserDirectives;
  lines: LogicalLine[];
  warnings: string[];
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_WORD = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2$/;

/** Reads the parser directives; stops at the first line that is not one (a comment, a blank, anything). */
export function readDirectives(lines: string[]): { directives: ParserDirectives; consumed: number } {
  const directives: ParserDirectives = { escape: '\\' };
  const seen = new Set<string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!.trim());
    if (!m) break;
    const key = m[1]!.toLowerCase();
    if (!KNOWN_DIRECTIVES.has(key)) break;
    if (seen.has(key)) {
      throw new InvalidArgumentError(`Dockerfile line ${i + 1}: only one ${key} parser directive can be used`);
    }
    seen.add(key);
    const value = m[2]!;
    if (key === 'escape') {
      if (value !== '\\' && value !== '`') {
        throw new InvalidArgumentError(`Dockerfile line ${i + 1}: invalid escape token '${value}' does not match ` + '` or \\');
      }
      directives.escape = value;
    } else if (key === 'syntax') directives.syntax = value;
    else directives.check = value;
  }
  return { directives, consumed: i };
}

const isCommentOrBlank = (line: string): boolean => {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
};

/** The line minus a trailing escape char (and whitespace after it), or null when it does not continue. */
function stripContinuation(line: string, escape: EscapeChar): string | null {
  const trimmed = line.replace(/[ \t]+$/, '');
  return trimmed.endsWith(escape) ? trimmed.slice(0, -1) : null;
}

function heredocMarkers(text: string): Array<{ name: string; chomp: boolean; expand: boolean }> {
  const keyword = text.trimStart().split(/\s/, 1)[0]!.toUpperCase();
  if (!HEREDOC_KEYWORDS.has(keyword)) return [];
  const found = [];
  for (const word of text.split(/\s+/)) {
    const m = HEREDOC_WORD.exec(word);
    if (m) found.push({ name: m[3]!, chomp: m[1] === '-', expand: m[2] === '' });
  }
  return found;
}

function readHeredocs(
  lines: string[], start: number, text: string, firstLine: number,
): { heredocs: Heredoc[]; next: number } {
  const heredocs: Heredoc[] = [];
  let i = start;
  for (const marker of heredocMarkers(text)) {
    let content = '';
    for (;;) {
      if (i >= lines.length) {
        throw new InvalidArgumentError(`Dockerfile line ${firstLine}: unterminated heredoc <<${marker.name}`);
      }
      const raw = lines[i++]!;
      const body = marker.chomp ? raw.replace(/^\t+/, '') : raw;
      if (body === marker.name) break;
      content += body + '\n';
    }
    heredocs.push({ ...marker, content });
  }
  return { heredocs, next: i };
}

export function lexDockerfile(source: string): LexResult {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { directives, consumed } = readDirectives(lines);
  const out: LogicalLine[] = [];
  const warnings: string[] = [];
  let i = consumed;
  while (i < lines.length) {
    const first = lines[i]!;
    const lineNo = i + 1;
    i++;
    if (isCommentOrBlank(first)) continue;
    let text = '';
    let current = first.trimStart();
    let endLine = lineNo;
    for (;;) {
      const stripped = stripContinuation(current, directives.escape);
      if (stripped === null) {
        text += current;
        break;
      }
      text += stripped;
      while (i < lines.length && isCommentOrBlank(lines[i]!)) {
        if (lines[i]!.trim() === '') warnings.push(`Dockerfile line ${i + 1}: empty continuation line`);
        i++;
      }
      if (i >= lines.length) break;
      endLine = i + 1;
      current = lines[i++]!;
    }
    const { heredocs, next } = readHeredocs(lines, i, text, lineNo);
    if (heredocs.length > 0) endLine = next;
    i = next;
    out.push({ line: lineNo, endLine, text: text.trimEnd(), heredocs });
  }
  return { directives, lines: out, warnings };
}
