// Container root filesystems mounted by fuse-overlayfs (`--storage-opt overlay.mount_program=...`), the fallback
// for kernels that refuse overlay in a user namespace: the mount is FUSE, writes and deletions land in the
// upper dir in a form diff and commit read, a non-root container user can use it, and rm leaves no daemon.
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Mode, type Tsmoby } from '../helpers/tsmoby.js';

const FUSE_OVERLAYFS = '/usr/bin/fuse-overlayfs';
const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync(FUSE_OVERLAYFS);

/** FUSE needs /dev/fuse; rootless, open to everyone as distributions ship it (scripts/setup-host.sh sets it). */
function fuseUsable(mode: Mode): boolean {
  try {
    const { mode: bits } = statSync('/dev/fuse');
    return mode === 'root' || (bits & 0o006) === 0o006;
  } catch {
    return false;
  }
}

describe.skipIf(!hasPrerequisites)('fuse-overlayfs as the mount program (needs docker-registry, runc, fuse-overlayfs)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    const opt = ['--storage-opt', `overlay.mount_program=${FUSE_OVERLAYFS}`];
    const run = (args: string[]) => t.run([...opt, ...args], { timeoutMs: 60_000 });
    /** fuse-overlayfs daemons serving this container's merged dir. */
    const daemonsFor = async (merged: string) =>
      (await t.exec(['pgrep', '-f', `fuse-overlayfs .* ${merged}$`])).stdout.trim().split('\n').filter(Boolean);

    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await t?.run([...opt, 'rm', '-fa']);
      await t?.cleanup();
    });

    it.skipIf(!fuseUsable(mode))('mounts the rootfs with FUSE, usable by a non-root container user (needs /dev/fuse)', async () => {
      const r = await run(['run', '--rm', '-u', '1000:1000', 'alpine', 'sh', '-c',
        'awk \'$2 == "/" { print $3 }\' /proc/mounts; touch /tmp/mine && stat -c %u /tmp/mine']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('fuse.fuse-overlayfs\n1000\n');
    });

    it.skipIf(!fuseUsable(mode))('records additions, deletions and opaque directories for diff and commit (needs /dev/fuse)', async () => {
      const made = await run(['run', '--name', 'changed', 'alpine', 'sh', '-c',
        'echo new > /added && rm /etc/os-release && rm -rf /usr/local && mkdir /usr/local && echo only > /usr/local/only']);
      expect(made.stderr).toBe('');
      expect(made.exitCode).toBe(0);
      const diff = (await run(['diff', 'changed'])).stdout.split('\n');
      expect(diff).toContain('A /added');
      expect(diff).toContain('D /etc/os-release');
      expect(diff).toContain('D /usr/local/bin');
      expect(diff.filter((l) => l.includes('.wh.'))).toEqual([]);
      expect((await run(['commit', '-q', 'changed', 'localhost/fuse-changed'])).exitCode).toBe(0);
      const seen = await run(['run', '--rm', 'localhost/fuse-changed', 'sh', '-c',
        'cat /added; ls /usr/local; test -e /etc/os-release || echo release-gone']);
      expect(seen.stdout).toBe('new\nonly\nrelease-gone\n');
    });

    it.skipIf(!fuseUsable(mode))('leaves no fuse-overlayfs daemon after rm (needs /dev/fuse)', async () => {
      expect((await run(['run', '-d', '--name', 'held', 'alpine', 'sleep', '60'])).exitCode).toBe(0);
      const merged = (await run(['inspect', '--format', '{{.GraphDriver.Data.MergedDir}}', 'held'])).stdout.trim();
      expect(merged).not.toBe('');
      expect(await daemonsFor(merged)).toHaveLength(1);
      expect((await run(['rm', '-f', '-t', '0', 'held'])).exitCode).toBe(0);
      const deadline = Date.now() + 5_000;
      while ((await daemonsFor(merged)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await daemonsFor(merged)).toEqual([]);
    });
  });
});
