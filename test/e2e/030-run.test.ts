// `tsmoby run` as a user sees it, rootless and as root: output, exit codes (the container's, 125, 126,
// 127), ids and ownership inside the container, stdin piped through -i, and nothing left behind by --rm.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('tsmoby run (needs docker-registry and runc)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    await pushFixture(registry, 'alpine');
  }, 120_000);
  afterAll(async () => { await registry?.stop(); });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry);
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => { await t?.cleanup(); });

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

    it('leaves no container, mount or monitor behind with --rm', async () => {
      const r = await t.run(['run', '--rm', '--name', 'gone', 'alpine', 'true']);
      expect(r.exitCode).toBe(0);
      expect((await t.run(['container', 'exists', 'gone'])).exitCode).toBe(1);
      const conmons = await t.exec(['sh', '-c', 'ps -eo args | grep -c "[c]onmon.*gone" || true']);
      expect(conmons.stdout.trim()).toBe('0');
      if (mode === 'rootless') {
        // Only this store's overlays count: the namespace starts as a copy of the host's mounts, which may
        // hold other engines' container mounts.
        const pause = (await t.exec(['sh', '-c', 'head -1 "$XDG_RUNTIME_DIR/tsmoby/pause.pid"'])).stdout.trim();
        const dataHome = (await t.exec(['sh', '-c', 'printf %s "$XDG_DATA_HOME"'])).stdout;
        const mounts = (await t.exec(['cat', `/proc/${pause}/mountinfo`])).stdout.split('\n');
        expect(dataHome).not.toBe('');
        expect(mounts.filter((line) => line.includes(`${dataHome}/tsmoby/`) && /\/merged /.test(line))).toEqual([]);
      }
    });
  });
});
