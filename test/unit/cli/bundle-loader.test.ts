import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheWord, readTrustedFile, runBundledCli, userCacheDir } from '../../../src/cli/bundle-loader.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsmoby-loader-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const uid = process.geteuid?.() ?? 0;

/** A bundle as esbuild writes it: CommonJS, exporting main. */
function writeBundle(body: string): string {
  const file = join(dir, 'main.cjs');
  writeFileSync(file, `module.exports.main = async (argv) => { ${body} };\n`);
  return file;
}

describe('cacheWord', () => {
  it('is the command word, and `other` for anything that is not one', () => {
    expect(cacheWord(['--root', '/x', 'run', '--rm', 'alpine'])).toBe('run');
    expect(cacheWord(['--version'])).toBe('other');
    expect(cacheWord(['../../etc'])).toBe('other');
    expect(cacheWord(['RUN'])).toBe('other');
  });
});

describe('userCacheDir', () => {
  it('follows XDG_CACHE_HOME, then HOME', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/c/tsmoby/code-cache');
    expect(userCacheDir({ HOME: '/h' })).toBe('/h/.cache/tsmoby/code-cache');
    expect(userCacheDir({})).toBeUndefined();
  });
});

describe('readTrustedFile', () => {
  it('reads a file of the given owner and refuses one that others may write', () => {
    const file = join(dir, 'cache.bin');
    writeFileSync(file, 'x', { mode: 0o600 });
    expect(readTrustedFile(file, [uid])?.toString()).toBe('x');
    expect(readTrustedFile(file, [uid + 1])).toBeUndefined();
    chmodSync(file, 0o666);
    expect(readTrustedFile(file, [uid])).toBeUndefined();
    expect(readTrustedFile(join(dir, 'missing'), [uid])).toBeUndefined();
  });
});

describe('runBundledCli', () => {
  it("returns main's exit code and leaves a cache for the command word, which the next run uses", async () => {
    const bundle = writeBundle('return argv.length + 40;');
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    expect(await runBundledCli(bundle, { argv: ['run', 'x'], env })).toBe(42);
    const keys = readdirSync(join(dir, 'cache', 'tsmoby', 'code-cache'));
    expect(keys).toHaveLength(1);
    expect(readdirSync(join(dir, 'cache', 'tsmoby', 'code-cache', keys[0]!))).toEqual(['run.bin']);
    expect(await runBundledCli(bundle, { argv: ['run'], env })).toBe(41);
  });

  it('keys the cache by the bundle, keeping the newest few of other bundles', async () => {
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const top = join(dir, 'cache', 'tsmoby', 'code-cache');
    const keys: string[] = [];
    for (let n = 1; n <= 6; n++) {
      // A different length each time: a new bundle, so a new key.
      expect(await runBundledCli(writeBundle(`return ${'1'.repeat(n)} % 7;`), { argv: ['ps'], env })).toBe(Number('1'.repeat(n)) % 7);
      keys.push(readdirSync(top).find((k) => !keys.includes(k))!);
      // Distinct ages, a second apart: keys made within one clock tick would have no newest among them.
      const at = new Date(Date.now() - (10 - n) * 1000);
      utimesSync(join(top, keys.at(-1)!), at, at);
    }
    expect(readdirSync(top).sort()).toEqual(keys.slice(2).sort());
  });

  it('writes no cache when TSMOBY_CODE_CACHE=0', async () => {
    const env = { XDG_CACHE_HOME: join(dir, 'cache'), TSMOBY_CODE_CACHE: '0' };
    expect(await runBundledCli(writeBundle('return 0;'), { argv: ['ps'], env })).toBe(0);
    expect(existsSync(join(dir, 'cache'))).toBe(false);
  });

  it('hands the bundle an importer for ES modules beside it, which works from a cache too', async () => {
    writeFileSync(join(dir, 'view.mjs'), 'export const answer = 7;\n');
    const bundle = writeBundle('const m = await __tsmobyImport("./view.mjs"); return m.answer;');
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    expect(await runBundledCli(bundle, { argv: ['pull'], env })).toBe(7);
    expect(await runBundledCli(bundle, { argv: ['pull'], env })).toBe(7);
  });
});
