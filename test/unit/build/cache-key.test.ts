import { mkdtempSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeCacheKey, hashFileEntries } from '../../../src/build/cache-key.js';
import { hashCopyItems, sniffArchive, walkContext } from '../../../src/build/context-files.js';
import { planCopy } from '../../../src/build/copy-plan.js';
import { DockerIgnore } from '../../../src/build/dockerignore.js';

describe('computeCacheKey', () => {
  const base = { parent: 'sha256:aaa', instruction: '/bin/sh -c make' };
  it('is stable and sensitive to the parent, the text and the build args', () => {
    expect(computeCacheKey(base)).toBe(computeCacheKey({ ...base }));
    expect(computeCacheKey(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(computeCacheKey({ ...base, parent: 'sha256:bbb' })).not.toBe(computeCacheKey(base));
    expect(computeCacheKey({ ...base, instruction: '/bin/sh -c make all' })).not.toBe(computeCacheKey(base));
    expect(computeCacheKey({ ...base, buildArgs: [['V', '1']] })).not.toBe(computeCacheKey({ ...base, buildArgs: [['V', '2']] }));
    expect(computeCacheKey({ ...base, buildArgs: [['A', '1'], ['B', '2']] })).toBe(computeCacheKey({ ...base, buildArgs: [['B', '2'], ['A', '1']] }));
  });

  it('hashFileEntries ignores listing order but sees mode, owner and link target', () => {
    const a = { path: '/a', type: 'file' as const, mode: 0o644, uid: 0, gid: 0, contentDigest: 'sha256:1' };
    const b = { path: '/b', type: 'symlink' as const, mode: 0o777, uid: 0, gid: 0, linkTarget: 'a' };
    expect(hashFileEntries([a, b])).toBe(hashFileEntries([b, a]));
    expect(hashFileEntries([{ ...a, mode: 0o755 }, b])).not.toBe(hashFileEntries([a, b]));
    expect(hashFileEntries([{ ...a, uid: 1000 }, b])).not.toBe(hashFileEntries([a, b]));
    expect(hashFileEntries([a, { ...b, linkTarget: 'c' }])).not.toBe(hashFileEntries([a, b]));
  });
});

describe('context files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(dir, 'src/main.js'), 'console.log(1)\n');
    writeFileSync(join(dir, 'package.json'), '{}\n');
    writeFileSync(join(dir, 'node_modules/pkg/index.js'), 'x');
    writeFileSync(join(dir, 'node_modules/keep.txt'), 'k');
    symlinkSync('main.js', join(dir, 'src/link.js'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function keyFor(): Promise<string> {
    const entries = await walkContext(dir, DockerIgnore.fromText('node_modules\n'));
    const plan = planCopy({ keyword: 'COPY', sources: ['.'], dest: '/app/', entries });
    return hashCopyItems(dir, plan.items, { uid: 0, gid: 0 });
  }

  it('walks sorted, honours .dockerignore, and re-includes through exceptions', async () => {
    expect((await walkContext(dir, DockerIgnore.fromText('node_modules'))).map((e) => e.path))
      .toEqual(['package.json', 'src', 'src/link.js', 'src/main.js']);
    expect((await walkContext(dir, DockerIgnore.fromText('node_modules\n!node_modules/keep.txt'))).map((e) => e.path))
      .toEqual(['node_modules', 'node_modules/keep.txt', 'package.json', 'src', 'src/link.js', 'src/main.js']);
  });

  it('changing one byte of a copied file changes the key; touching mtimes does not', async () => {
    const before = await keyFor();
    utimesSync(join(dir, 'src/main.js'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await keyFor()).toBe(before);
    writeFileSync(join(dir, 'src/main.js'), 'console.log(2)\n');
    expect(await keyFor()).not.toBe(before);
  });

  it('an ignored file does not affect the key; --chown and --chmod do', async () => {
    const before = await keyFor();
    writeFileSync(join(dir, 'node_modules/pkg/index.js'), 'changed');
    expect(await keyFor()).toBe(before);
    const entries = await walkContext(dir, DockerIgnore.fromText('node_modules'));
    const items = planCopy({ keyword: 'COPY', sources: ['.'], dest: '/app/', entries }).items;
    expect(await hashCopyItems(dir, items, { uid: 1000, gid: 1000 })).not.toBe(before);
    expect(await hashCopyItems(dir, items, { uid: 0, gid: 0, chmod: 0o600 })).not.toBe(before);
  });

  it('sniffs an archive by its content, not its name', async () => {
    writeFileSync(join(dir, 'data.bin'), Buffer.from([0x1f, 0x8b, 8, 0]));
    writeFileSync(join(dir, 'fake.tar.gz'), 'not an archive');
    expect(await sniffArchive(dir, 'data.bin')).toBe('gzip');
    expect(await sniffArchive(dir, 'fake.tar.gz')).toBeUndefined();
  });
});
