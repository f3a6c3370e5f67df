// The FsOps extraction hands to the namespace: ownership, set-id bits, final modes, nodes, whiteouts.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLayer } from '../../../src/storage/apply.js';
import type { FsOp } from '../../../src/sys/sys.js';
import { buildTar, chunksOf, type FixtureEntry } from './tar-fixtures.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'tsmoby-ops-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const diff = (rel = '') => (rel ? join(work, 'diff', rel) : join(work, 'diff'));
async function opsFor(entries: FixtureEntry[], rootless = true) {
  return applyLayer(chunksOf(await buildTar(entries)), diff(), { rootless });
}
const opsAt = (ops: FsOp[], path: string) => ops.filter((o) => ('path' in o ? o.path : '') === path);

describe('applyLayer: ownership ops', () => {
  it('lchowns entries owned by 1000:1000 and 65534, and leaves 0:0 alone', async () => {
    const { ops } = await opsFor([
      { header: { name: 'home/user/', type: 'directory', uid: 1000, gid: 1000, mode: 0o750 } },
      { header: { name: 'home/user/.profile', uid: 1000, gid: 1000, mode: 0o644 }, content: 'x' },
      { header: { name: 'nobody', uid: 65534, gid: 65534 }, content: 'n' },
      { header: { name: 'link', type: 'symlink', linkname: 'nobody', uid: 1000, gid: 100 } },
      { header: { name: 'rootfile', uid: 0, gid: 0 }, content: 'r' },
    ]);
    expect(opsAt(ops, diff('home/user'))).toEqual([
      { op: 'lchown', path: diff('home/user'), uid: 1000, gid: 1000 },
      { op: 'chmod', path: diff('home/user'), mode: 0o750 },
    ]);
    expect(opsAt(ops, diff('home/user/.profile'))).toEqual([
      { op: 'lchown', path: diff('home/user/.profile'), uid: 1000, gid: 1000 },
    ]);
    expect(opsAt(ops, diff('nobody'))).toEqual([{ op: 'lchown', path: diff('nobody'), uid: 65534, gid: 65534 }]);
    expect(opsAt(ops, diff('link'))).toEqual([{ op: 'lchown', path: diff('link'), uid: 1000, gid: 100 }]);
    expect(opsAt(ops, diff('rootfile'))).toEqual([]);
  });

  it('restores set-id and sticky bits with a chmod after the lchown (chown clears them)', async () => {
    const { ops } = await opsFor([
      { header: { name: 'bin/su', uid: 0, gid: 0, mode: 0o4755 }, content: 'su' },
      { header: { name: 'bin/wall', uid: 0, gid: 5, mode: 0o2755 }, content: 'wall' },
      { header: { name: 'tmp/', type: 'directory', mode: 0o1777 } },
    ]);
    expect(opsAt(ops, diff('bin/su'))).toEqual([{ op: 'chmod', path: diff('bin/su'), mode: 0o4755 }]);
    const wall = opsAt(ops, diff('bin/wall'));
    expect(wall).toEqual([
      { op: 'lchown', path: diff('bin/wall'), uid: 0, gid: 5 },
      { op: 'chmod', path: diff('bin/wall'), mode: 0o2755 },
    ]);
    expect(ops.indexOf(wall[1]!)).toBeGreaterThan(ops.indexOf(wall[0]!));
    expect(opsAt(ops, diff('tmp'))).toEqual([{ op: 'chmod', path: diff('tmp'), mode: 0o1777 }]);
  });

  it('keeps directories writable by the extracting user until the ops run', async () => {
    await opsFor([
      { header: { name: 'ro/', type: 'directory', mode: 0o555 } },
      { header: { name: 'ro/file', mode: 0o444 }, content: 'x' },
    ]);
    expect((await stat(diff('ro'))).mode & 0o777).toBe(0o700);
    expect((await stat(diff('ro/file'))).mode & 0o777).toBe(0o444);
  });

  it('gives the layer root 0755 unless the archive says otherwise', async () => {
    const plain = await opsFor([{ header: { name: 'f' }, content: 'x' }]);
    expect(opsAt(plain.ops, diff())).toEqual([{ op: 'chmod', path: diff(), mode: 0o755 }]);
  });
});

describe('applyLayer: device nodes', () => {
  const nodes: FixtureEntry[] = [
    { header: { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 } },
    { header: { name: 'run/fifo', type: 'fifo', mode: 0o600 } },
  ];

  it('skips device nodes rootless with a warning, still creates fifos', async () => {
    const res = await opsFor(nodes, true);
    expect(res.warnings).toEqual([expect.stringContaining('skipped device node "dev/null"')]);
    expect(res.ops).toContainEqual({ op: 'mknod', path: diff('run/fifo'), mode: 0o010600, major: 0, minor: 0 });
    expect(res.ops.some((o) => o.op === 'mknod' && o.path === diff('dev/null'))).toBe(false);
    expect((await stat(diff('dev'))).isDirectory()).toBe(true);
  });

  it('creates device nodes through mknod ops as root', async () => {
    const res = await opsFor(nodes, false);
    expect(res.warnings).toEqual([]);
    expect(res.ops).toContainEqual({ op: 'mknod', path: diff('dev/null'), mode: 0o020666, major: 1, minor: 3 });
  });
});

describe('applyLayer: whiteouts', () => {
  it('turns .wh.<name> into a 0/0 character device op and .wh..wh..opq into the opaque xattr', async () => {
    const { ops } = await opsFor([
      { header: { name: 'etc/.wh.motd' } },
      { header: { name: 'var/cache/.wh..wh..opq' } },
    ]);
    expect(ops).toContainEqual({ op: 'mknod', path: diff('etc/motd'), mode: 0o020000, major: 0, minor: 0 });
    expect(ops).toContainEqual({ op: 'lsetxattr', path: diff('var/cache'), name: 'user.overlay.opaque', value: 'y' });
  });

  it('uses trusted.overlay.opaque as root', async () => {
    const { ops } = await opsFor([{ header: { name: 'd/.wh..wh..opq' } }], false);
    expect(ops).toContainEqual({ op: 'lsetxattr', path: diff('d'), name: 'trusted.overlay.opaque', value: 'y' });
  });

  it('never writes the .wh. files themselves', async () => {
    await opsFor([{ header: { name: 'etc/.wh.motd' } }]);
    await expect(stat(diff('etc/.wh.motd'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('lets an entry of the same layer win over its whiteout, whatever the order', async () => {
    const { ops } = await opsFor([
      { header: { name: 'a/.wh.x' } },
      { header: { name: 'a/x' }, content: 'later' },
      { header: { name: 'a/y' }, content: 'earlier' },
      { header: { name: 'a/.wh.y' } },
    ]);
    expect(ops.filter((o) => o.op === 'mknod')).toEqual([]);
  });

  it('keeps whiteouts confined: a whiteout below a symlink is refused', async () => {
    await expect(
      opsFor([
        { header: { name: 'l', type: 'symlink', linkname: '/etc' } },
        { header: { name: 'l/.wh.passwd' } },
      ]),
    ).rejects.toThrow(/"l" is a symlink/);
  });
});
