// `tsmoby run` as a user sees it, rootless and as root: output, exit codes (the container's, 125, 126,
// 127), ids and ownership inside the container, stdin piped through -i, and nothing left behind by --rm.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('tsmoby run (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry);

    it('prints the output and runs as root of the container, with the image owner ids', async () => {
      const r = await t.run(['run', '--rm', 'alpine', 'sh', '-c', 'echo hi; id -u; stat -c %u:%g /home/app']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('hi\n0\n1000:1000\n');
      expect(r.exitCode).toBe(0);
    });

    it('exits with the container status, 125, 126 and 127 as Podman', async () => {
      expect((await t.run(['run', '--rm', 'alpine', 'sh', '-c', 'exit 3'])).exitCode).toBe(3);
      expect((await t.run(['run', '--rm', '--no-such-flag', 'alpine', 'true'])).exitCode).toBe(125);
      const missingImage = await t.run(['run', '--rm', 'nosuchimage', 'true']);
      expect(missingImage.exitCode).toBe(125);
      const notExecutable = await t.run(['run', '--rm', 'alpine', '/etc/passwd']);
      expect(notExecutable.exitCode).toBe(126);
      expect(notExecutable.stderr).toMatch(/permission denied/);
      const missing = await t.run(['run', '--rm', 'alpine', 'nosuchcommand']);
      expect(missing.exitCode).toBe(127);
      expect(missing.stderr).toMatch(/nosuchcommand/);
      expect((await t.run(['ps', '-aq'])).stdout).toBe('');
    });

    it('feeds piped stdin with -i and ends when it closes', async () => {
      const r = await t.run(['run', '--rm', '-i', 'alpine', 'cat'], { input: 'hi\n', timeoutMs: 30_000 });
      expect(r.stdout).toBe('hi\n');
      expect(r.exitCode).toBe(0);
    });

    it('runs the command under an init process as pid 1 with --init', async () => {
      const r = await t.run(['run', '--rm', '--init', 'alpine', 'sh', '-c', 'tr "\\0" " " < /proc/1/cmdline; echo; echo $$']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const [pid1, shell] = r.stdout.split('\n');
      expect(pid1).toMatch(/^\/run\/tsmoby-init -- sh -c /);
      expect(Number(shell)).toBeGreaterThan(1);
    });

    it('leaves no container, mount or monitor behind with --rm', async () => {
      const r = await t.run(['run', '--rm', '--name', 'gone', 'alpine', 'true']);
      expect(r.exitCode).toBe(0);
      expect((await t.run(['container', 'exists', 'gone'])).exitCode).toBe(1);
      const conmons = await t.exec(['sh', '-c', 'ps -eo args | grep -c "[c]onmon.*gone" || true']);
      expect(conmons.stdout.trim()).toBe('0');
      // Only this store's mounts count: other tests' root-mode mounts propagate into the pause namespace.
      const storeRoot = mode === 'rootless' ? t.user!.dataHome : t.globals[t.globals.indexOf('--root') + 1]!;
      const mountinfo = mode === 'rootless'
        ? `/proc/${(await t.exec(['sh', '-c', 'head -1 "$XDG_RUNTIME_DIR/tsmoby/pause.pid"'])).stdout.trim()}/mountinfo`
        : '/proc/self/mountinfo';
      const mounts = (await t.exec(['cat', mountinfo])).stdout.split('\n');
      expect(mounts.filter((line) => line.includes(storeRoot) && / \S*\/merged /.test(line))).toEqual([]);
    });
  });
});
