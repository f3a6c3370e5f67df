import { describe, expect, it } from 'vitest';
import { expandWord, expandWords } from '../../../../src/build/dockerfile/expand.js';

const vars: Record<string, string> = { FOO: '/bar', EMPTY: '', SP: 'a b', FILE: 'archive.tar.gz' };
const look = (n: string) => vars[n];
const x = (w: string) => expandWord(w, look);

describe('expandWord', () => {
  it('the reference examples: $VAR, ${VAR}, escaped dollars', () => {
    expect(x('${FOO}')).toBe('/bar');
    expect(x('$FOO')).toBe('/bar');
    expect(x('\\$FOO')).toBe('$FOO');
    expect(x('\\${FOO}')).toBe('${FOO}');
    expect(x('${FOO}_bar')).toBe('/bar_bar');
    expect(x('$FOO_bar')).toBe('');
    expect(x('cost: $')).toBe('cost: $');
  });

  it(':- and - tell unset from empty; :+ and + likewise', () => {
    expect(x('${UNSET:-def}|${EMPTY:-def}|${FOO:-def}')).toBe('def|def|/bar');
    expect(x('${UNSET-def}|${EMPTY-def}')).toBe('def|');
    expect(x('${UNSET:+alt}|${EMPTY:+alt}|${FOO:+alt}')).toBe('||alt');
    expect(x('${UNSET+alt}|${EMPTY+alt}')).toBe('|alt');
    expect(x('${UNSET:-${FOO}/x}')).toBe('/bar/x');
  });

  it(':? fails with the message; prefix and suffix trimming', () => {
    expect(() => x('${UNSET:?must be set}')).toThrow('UNSET: must be set');
    expect(x('${FILE%.gz}|${FILE%%.*}|${FILE#*.}|${FILE##*.}')).toBe('archive.tar|archive|tar.gz|gz');
  });

  it('quotes: single quotes are literal, double quotes expand, both are removed', () => {
    expect(x(`'$FOO'`)).toBe('$FOO');
    expect(x('"$FOO x"')).toBe('/bar x');
    expect(x('"a\\"b"')).toBe('a"b');
    expect(x('"keep\\n"')).toBe('keep\\n');
    expect(x('a\\ b')).toBe('a b');
    expect(() => x('"open')).toThrow(/matching double-quote/);
    expect(() => x('${FOO')).toThrow(/missing '}'/);
    expect(() => x('${}')).toThrow(/bad substitution/);
  });

  it('with the backtick escape, backslashes are plain characters', () => {
    expect(expandWord('c:\\$FOO', look, { escape: '`' })).toBe('c:\\/bar');
    expect(expandWord('`$FOO', look, { escape: '`' })).toBe('$FOO');
  });

  it('reports which variables were used', () => {
    const used: string[] = [];
    expandWord('$FOO ${UNSET:-x} ${EMPTY}', look, { onUse: (n) => used.push(n) });
    expect(used).toEqual(['FOO', 'EMPTY']);
  });
});

describe('expandWords', () => {
  it('splits on whitespace, also inside expanded values, but not inside quotes', () => {
    expect(expandWords('$SP "c d" e', look)).toEqual(['a', 'b', 'c d', 'e']);
    expect(expandWords('"$SP"', look)).toEqual(['a b']);
    expect(expandWords('$UNSET', look)).toEqual([]);
  });
});
