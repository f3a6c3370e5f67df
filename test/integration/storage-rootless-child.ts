// Runs inside a user+mount namespace with the test user's subordinate ids (podman unshare): extracts two
// layers rootless, runs their ops, mounts them with native overlay and prints what a container would see.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { applyLayer } from '../../src/storage/apply.js';
import { overlayMount } from '../../src/storage/overlay.js';
import { buildTar, chunksOf } from '../unit/storage/tar-fixtures.js';
import { runOps } from './storage-run-ops.js';

async function main(work: string): Promise<void> {
  const lower = await buildTar([
    { header: { name: 'etc/motd' }, content: 'hello' },
    { header: { name: 'var/cache/old' }, content: 'stale' },
    { header: { name: 'home/user/', type: 'directory', uid: 1000, gid: 1000, mode: 0o750 } },
    { header: { name: 'home/user/.profile', uid: 1000, gid: 1000 }, content: 'p' },
    { header: { name: 'bin/su', mode: 0o4755 }, content: 'su' },
    { header: { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 } },
  ]);
  const upper = await buildTar([
    { header: { name: 'etc/.wh.motd' } },
    { header: { name: 'var/cache/.wh..wh..opq' } },
    { header: { name: 'var/cache/new' }, content: 'fresh' },
  ]);
  const warnings: string[] = [];
  await mkdir(join(work, 'layers'));
  for (const [name, tar] of [['l0', lower], ['l1', upper]] as const) {
    const res = await applyLayer(chunksOf(tar), join(work, 'layers', name), { rootless: true });
    warnings.push(...res.warnings);
    await runOps(res.ops);
  }
  for (const d of ['upper', 'work', 'merged']) await mkdir(join(work, d));
  const merged = join(work, 'merged');
  const m = await overlayMount({
    lowerDirs: [join(work, 'layers/l1'), join(work, 'layers/l0')],
    upperDir: join(work, 'upper'),
    workDir: join(work, 'work'),
    target: merged,
    rootless: true,
    layersDir: join(work, 'layers'),
  });
  await runOps([m.mount]);
  const home = await stat(join(merged, 'home/user'));
  const profile = await stat(join(merged, 'home/user/.profile'));
  const facts = {
    etc: await readdir(join(merged, 'etc')),
    cache: await readdir(join(merged, 'var/cache')),
    home: [home.uid, home.gid, home.mode & 0o7777],
    profile: [profile.uid, profile.gid],
    su: (await stat(join(merged, 'bin/su'))).mode & 0o7777,
    dev: await readdir(join(merged, 'dev')),
    warnings,
  };
  await runOps([m.umount]);
  process.stdout.write(`${JSON.stringify(facts)}\n`);
}

main(process.argv[2]!).catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
