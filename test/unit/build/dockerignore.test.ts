import { describe, expect, it } from 'vitest';
import { DockerIgnore, readDockerignore } from '../../../src/build/dockerignore.js';
import { goGlobToRegExp } from '../../../src/build/path-glob.js';

const ig = (text: string) => DockerIgnore.fromText(text);

describe('readDockerignore', () => {
  it('drops comments (column 1) and blanks, trims, cleans, strips a leading /', () => {
    expect(readDockerignore('# comment\n\n  /foo/bar/  \n./a/../b\n!  /keep\n*.md   \n #x')).toEqual(['foo/bar', 'b', '!keep', '*.md', '#x']);
    expect(() => readDockerignore('a\n!\n')).toThrow(/line 2: illegal exclusion pattern: "!"/);
  });
});

describe('the reference\'s example table', () => {
  const m = ig('# comment\n*/temp*\n*/*/temp*\ntemp?');
  it.each([
    ['somedir/temporary.txt', true], ['somedir/temp', true], ['somedir/subdir/temporary.txt', true],
    ['tempa', true], ['tempb', true], ['temp', false], ['temporary.txt', false], ['a/b/c/temp', false],
    ['somedir/temp/inner.txt', true],
  ])('%s excluded: %s', (path, excluded) => {
    expect(m.isExcluded(path)).toBe(excluded);
  });
});

describe('matching', () => {
  it('/foo/bar and foo/bar exclude only bar in foo (and what is under it)', () => {
    for (const p of ['/foo/bar', 'foo/bar']) {
      const m = ig(p);
      expect([m.isExcluded('foo/bar'), m.isExcluded('foo/bar/x'), m.isExcluded('bar'), m.isExcluded('x/foo/bar')]).toEqual([true, true, false, false]);
    }
  });

  it('** matches any number of directories, including none', () => {
    const m = ig('**/*.go');
    expect(['main.go', 'a/b/c.go', 'a/main.go.txt'].map((p) => m.isExcluded(p))).toEqual([true, true, false]);
    expect(ig('a/**/z').isExcluded('a/z')).toBe(true);
    expect(ig('a/**/z').isExcluded('a/b/c/z')).toBe(true);
    expect(ig('a/**').isExcluded('a/b/c')).toBe(true);
  });

  it('exceptions: the last matching line decides', () => {
    const a = ig('*.md\n!README*.md\nREADME-secret.md');
    expect(['x.md', 'README.md', 'README-secret.md'].map((p) => a.isExcluded(p))).toEqual([true, false, true]);
    const b = ig('*.md\nREADME-secret.md\n!README*.md');
    expect(['x.md', 'README.md', 'README-secret.md'].map((p) => b.isExcluded(p))).toEqual([true, false, false]);
  });

  it('include-only: * then exceptions', () => {
    const m = ig('*\n!src\n!package.json');
    expect(['src/index.ts', 'package.json', 'node_modules/x', 'README.md'].map((p) => m.isExcluded(p))).toEqual([false, false, true, true]);
  });

  it('character classes, ? and escapes per filepath.Match', () => {
    expect(ig('file[0-9].txt').isExcluded('file5.txt')).toBe(true);
    expect(ig('file[^0-9].txt').isExcluded('file5.txt')).toBe(false);
    expect(ig('a?c').isExcluded('a/c')).toBe(false);
    expect(ig('\\*.txt').isExcluded('*.txt')).toBe(true);
    expect(ig('\\*.txt').isExcluded('a.txt')).toBe(false);
    expect(() => ig('[a')).toThrow(/syntax error in pattern/);
  });
});

describe('canSkipDirectory', () => {
  it('skips an excluded directory only when no exception could reach inside it', () => {
    expect(ig('node_modules').canSkipDirectory('node_modules')).toBe(true);
    expect(ig('node_modules\n!node_modules/keep').canSkipDirectory('node_modules')).toBe(false);
    expect(ig('node_modules\n!**/keep').canSkipDirectory('node_modules')).toBe(false);
    expect(ig('node_modules\n!src/keep').canSkipDirectory('node_modules')).toBe(true);
    expect(ig('*\n!*.md').canSkipDirectory('docs')).toBe(true);
    expect(ig('*\n!d*/x').canSkipDirectory('docs')).toBe(false);
    expect(ig('build').canSkipDirectory('src')).toBe(false);
  });
});

describe('goGlobToRegExp', () => {
  it('* and ? never cross /', () => {
    expect(goGlobToRegExp('*.txt').test('a.txt')).toBe(true);
    expect(goGlobToRegExp('*.txt').test('a/b.txt')).toBe(false);
    expect(goGlobToRegExp('**').test('a/b')).toBe(false);
    expect(goGlobToRegExp('[a-c]x').test('bx')).toBe(true);
    expect(goGlobToRegExp('a.b').test('aXb')).toBe(false);
  });
});
