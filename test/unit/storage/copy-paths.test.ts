// cp's path rules: symlinks resolved inside the root (FollowSymlinkInScope), where a copy lands (docker cp's
// table), and diff's reading of an upper dir (whiteouts, opaque dirs, new vs changed).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../../src/errors/index.js';
import { copyTarget } from '../../../src/storage/copy-target.js';
import { resolveInScope } from '../../../src/storage/scope-path.js';
import { upperChanges } from '../../../src/storage/upper-changes.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsmoby-scope-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveInScope', () => {
  it('keeps absolute and climbing symlinks inside the root', async () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'data'));
    symlinkSync('/', join(root, 'data', 'escape'));
    symlinkSync('../../../../etc', join(root, 'data', 'up'));
    symlinkSync('/etc/passwd', join(root, 'data', 'pw'));
    expect(await resolveInScope(root, '/data/escape/etc/x')).toBe(join(root, 'etc', 'x'));
    expect(await resolveInScope(root, '/data/up/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(await resolveInScope(root, '/../../etc')).toBe(join(root, 'etc'));
    expect(await resolveInScope(root, 'data/pw')).toBe(join(root, 'data', 'pw'));
    expect(await resolveInScope(root, 'data/pw', { followFinal: true })).toBe(join(root, 'etc', 'passwd'));
  });

  it('gives up on symlink loops', async () => {
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await expect(resolveInScope(dir, '/a/x')).rejects.toMatchObject({ code: 'ELOOP' });
  });
});

describe('copyTarget (docker cp destination rules)', () => {
  const file = { name: 'f', isDir: false, contentsOnly: false };
  const folder = { name: 'd', isDir: true, contentsOnly: false };
  it('copies into an existing directory under the source name, or only the contents for dir/.', () => {
    expect(copyTarget(file, '/r/tmp', { isDir: true }, '/tmp')).toEqual({ dir: '/r/tmp' });
    expect(copyTarget({ ...folder, contentsOnly: true }, '/r/tmp', { isDir: true }, '/tmp')).toEqual({ dir: '/r/tmp', rename: { from: 'd', to: '' } });
  });
  it('overwrites a file, refuses a directory over a file, renames to a new path', () => {
    expect(copyTarget(file, '/r/x', { isDir: false }, '/x')).toEqual({ dir: '/r', rename: { from: 'f', to: 'x' } });
    expect(() => copyTarget(folder, '/r/x', { isDir: false }, '/x')).toThrow(InvalidArgumentError);
    expect(copyTarget(folder, '/r/new', undefined, '/new')).toEqual({ dir: '/r', rename: { from: 'd', to: 'new' } });
    expect(() => copyTarget(file, '/r/new', undefined, '/new/')).toThrow(NotFoundError);
  });
});

describe('upperChanges', () => {
  it('reports whiteouts as deleted, image paths as changed, new paths as added, and opaque deletions', async () => {
    const lower = join(dir, 'lower');
    const upper = join(dir, 'upper');
    for (const d of ['etc', 'var/cache/old']) mkdirSync(join(lower, d), { recursive: true });
    writeFileSync(join(lower, 'etc', 'passwd'), 'root');
    mkdirSync(join(upper, 'etc'), { recursive: true });
    writeFileSync(join(upper, 'etc', 'passwd'), 'root\napp');
    writeFileSync(join(upper, 'new'), 'x');
    mkdirSync(join(upper, 'var', 'cache'), { recursive: true });
    writeFileSync(join(upper, 'var', 'cache', 'fresh'), '');
    const changes = await upperChanges({ upper, lowersTopFirst: [lower], isOpaque: async (p) => p.endsWith('/var/cache') });
    expect(changes.map((c) => `${'CAD'[c.kind]} ${c.path}`)).toEqual([
      'C /etc', 'C /etc/passwd', 'A /new', 'C /var', 'C /var/cache', 'A /var/cache/fresh', 'D /var/cache/old',
    ]);
  });
});
