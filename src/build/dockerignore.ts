// .dockerignore: reading the file the way Docker does (comments in column 1, trimmed lines, cleaned paths,
// leading / dropped, `!` exceptions) and deciding per context path; the last matching pattern wins.
import { posix } from 'node:path';
import { InvalidArgumentError } from '../errors/index.js';
import { ignorePatternToRegExp } from './path-glob.js';

export interface IgnorePattern {
  /** The cleaned pattern, without `!`. */
  pattern: string;
  exception: boolean;
  regexp: RegExp;
}

/** Reads .dockerignore text into cleaned pattern strings (`!` kept as a prefix). */
export function readDockerignore(text: string): string[] {
  const out: string[] = [];
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (raw.startsWith('#')) continue;
    let line = raw.trim();
    if (line === '') continue;
    const exception = line.startsWith('!');
    if (exception) line = line.slice(1).trim();
    if (line === '') throw new InvalidArgumentError(`.dockerignore line ${index + 1}: illegal exclusion pattern: "!"`);
    line = posix.normalize(line).replace(/\/+$/, '') || '/';
    if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
    out.push(exception ? `!${line}` : line);
  }
  return out;
}

export class DockerIgnore {
  readonly patterns: IgnorePattern[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map((p) => {
      const exception = p.startsWith('!');
      const pattern = exception ? p.slice(1) : p;
      if (pattern === '') throw new InvalidArgumentError('illegal exclusion pattern: "!"');
      return { pattern, exception, regexp: ignorePatternToRegExp(pattern) };
    });
  }

  static fromText(text: string): DockerIgnore {
    return new DockerIgnore(readDockerignore(text));
  }

  /**
   * Whether a context path (relative, `/`-separated) is left out of the context. A pattern matching one
   * of the path's parent directories matches the path too.
   */
  isExcluded(path: string): boolean {
    const clean = cleanRelative(path);
    const parents = clean.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const p of this.patterns) {
      if (p.exception !== excluded) continue;
      if (p.regexp.test(clean) || parents.some((dir) => p.regexp.test(dir))) excluded = !p.exception;
    }
    return excluded;
  }

  /**
   * Whether a walk may skip an excluded directory without looking inside: true only when no exception
   * pattern could re-include the directory or anything below it.
   */
  canSkipDirectory(dir: string): boolean {
    const clean = cleanRelative(dir);
    if (!this.isExcluded(clean)) return false;
    const dirParts = clean.split('/');
    return !this.patterns.some((p) => p.exception && couldMatchBelow(p.pattern.split('/'), dirParts));
  }
}

function cleanRelative(path: string): string {
  const clean = posix.normalize(path.replace(/^\.?\/+/, '')).replace(/\/+$/, '');
  if (clean === '..' || clean.startsWith('../')) throw new InvalidArgumentError(`path outside the build context: ${path}`);
  return clean;
}

/** Can the component pattern match `dir` itself or some path below it? Conservative (may say yes). */
function couldMatchBelow(pattern: string[], dir: string[]): boolean {
  const [head, ...rest] = pattern;
  if (dir.length === 0) return true;
  if (head === undefined) return false;
  if (head === '**') return couldMatchBelow(rest, dir) || couldMatchBelow(pattern, dir.slice(1));
  if (head.includes('**')) return true;
  if (!ignorePatternToRegExp(head).test(dir[0]!)) return false;
  return couldMatchBelow(rest, dir.slice(1));
}
