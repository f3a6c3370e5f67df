// Real layers on a real overlay mount (as root): the ops applyLayer returns, run for real, must give the
// ownership, set-id bits and whiteouts a container would see.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/storage/apply.js';
import { overlayMount } from '../../src/storage/overlay.js';
import type { FsOp } from '../../src/sys/sys.js';
import { buildTar, chunksOf } from '../unit/storage/tar-fixtures.js';
import { runOps } from './storage-run-ops.js';

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('layers on overlay (needs root)', () => {
  let work: string;
  let merged: string;
  let umount: FsOp | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tsmoby-ovl-'));
    const lower = await buildTar([
      { header: { name: 'etc/motd' }, content: 'hello' },
      { header: { name: 'var/cache/old' }, content: 'stale' },
      { header: { name: 'home/user/', type: 'directory', uid: 1000, gid: 1000, mode: 0o750 } },
      { header: { name: 'bin/su', mode: 0o4755, uid: 0, gid: 0 }, content: 'su' },
      { header: { name: 'bin/crontab', mode: 0o2755, uid: 0, gid: 105 }, content: 'cron' },
    ]);
    const upper = await buildTar([
      { header: { name: 'etc/.wh.motd' } },
      { header: { name: 'var/cache/.wh..wh..opq' } },
      { header: { name: 'var/cache/new' }, content: 'fresh' },
    ]);
    await mkdir(join(work, 'layers'));
    for (const [name, tar] of [['l0', lower], ['l1', upper]] as const) {
      const res = await applyLayer(chunksOf(tar), join(work, 'layers', name), { rootless: false });
      await runOps(res.ops);
    }
    for (const d of ['upper', 'work', 'merged']) await mkdir(join(work, d));
    merged = join(work, 'merged');
    const m = await overlayMount({
      lowerDirs: [join(work, 'layers/l1'), join(work, 'layers/l0')],
      upperDir: join(work, 'upper'),
      workDir: join(work, 'work'),
      target: merged,
      rootless: false,
      layersDir: join(work, 'layers'),
    });
    await runOps([m.mount]);
    umount = m.umount;
  });

  afterAll(async () => {
    if (umount) await runOps([umount]);
    await rm(work, { recursive: true, force: true });
  });

  it('hides a whited-out file and everything below an opaque directory', async () => {
    expect(await readdir(join(merged, 'etc'))).toEqual([]);
    expect(await readdir(join(merged, 'var/cache'))).toEqual(['new']);
  });

  it('shows image ownership, directory modes and set-id bits', async () => {
    const home = await stat(join(merged, 'home/user'));
    expect([home.uid, home.gid, home.mode & 0o7777]).toEqual([1000, 1000, 0o750]);
    expect((await stat(join(merged, 'bin/su'))).mode & 0o7777).toBe(0o4755);
    const cron = await stat(join(merged, 'bin/crontab'));
    expect([cron.gid, cron.mode & 0o7777]).toEqual([105, 0o2755]);
    expect((await stat(merged)).mode & 0o777).toBe(0o755);
  });
});
