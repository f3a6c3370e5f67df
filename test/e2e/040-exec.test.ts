// `exec` joins a running container: exit codes (0, the command's own, 126, 127, 125 on a stopped
// container), -e/-u/-w take effect, -i feeds stdin, -d returns at once and leaves the process running; rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('exec (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
      expect((await t.run(['run', '-d', '--name', 'box', '-e', 'FROM_RUN=run', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => { await t?.run(['rm', '-fa', '-t', '0']); await t?.cleanup(); });

    it('returns the command exit code, 126 and 127 as run does', async () => {
      const ok = await t.run(['exec', 'box', 'echo', 'inside']);
      expect(ok).toMatchObject({ exitCode: 0, stdout: 'inside\n' });
      expect((await t.run(['exec', 'box', 'sh', '-c', 'echo out; echo err >&2; exit 3']))).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
      const missing = await t.run(['exec', 'box', 'no-such-command']);
      expect(missing.exitCode).toBe(127);
      expect(missing.stderr).toMatch(/no-such-command/);
      expect((await t.run(['exec', 'box', '/etc/passwd'])).exitCode).toBe(126);
    });

    it('applies -e over the container environment, -u and -w', async () => {
      const env = await t.run(['exec', '-e', 'EXTRA=x', 'box', 'sh', '-c', 'echo $FROM_RUN $EXTRA']);
      expect(env.stdout).toBe('run x\n');
      expect((await t.run(['exec', '-u', 'nobody', 'box', 'id', '-un'])).stdout).toBe('nobody\n');
      expect((await t.run(['exec', '-u', '1234:5678', 'box', 'id'])).stdout).toMatch(/^uid=1234 gid=5678/);
      expect((await t.run(['exec', '-w', '/etc', 'box', 'pwd'])).stdout).toBe('/etc\n');
    });

    it('feeds stdin with -i', async () => {
      expect((await t.run(['exec', '-i', 'box', 'cat'], { input: 'piped\n' })).stdout).toBe('piped\n');
    });

    it('leaves the process running with -d and prints nothing', async () => {
      const r = await t.run(['exec', '-d', 'box', 'sh', '-c', 'sleep 1; touch /tmp/detached-done']);
      expect(r).toMatchObject({ exitCode: 0, stdout: '' });
      let seen = false;
      for (let i = 0; i < 50 && !seen; i++) seen = (await t.run(['exec', 'box', 'ls', '/tmp/detached-done'])).exitCode === 0;
      expect(seen).toBe(true);
    });

    it('shows a detached exec process in top and ps, and it ends when killed', async () => {
      expect((await t.run(['exec', '-d', 'box', 'sleep', '4242'], { timeoutMs: 15_000 }))).toMatchObject({ exitCode: 0, stdout: '' });
      const top = await t.run(['top', 'box', 'pid', 'args']);
      expect(top.exitCode).toBe(0);
      const row = top.stdout.split('\n').find((l) => /\bsleep 4242$/.test(l));
      expect(row).toBeDefined();
      expect((await t.run(['exec', 'box', 'ps', '-ef'])).stdout).toMatch(/sleep 4242/);
      const pid = row!.trim().split(/\s+/)[0]!;
      expect((await t.run(['exec', 'box', 'kill', '-9', pid])).exitCode).toBe(0);
      let gone = false;
      for (let i = 0; i < 50 && !gone; i++) gone = !(await t.run(['top', 'box', 'pid', 'args'])).stdout.includes('sleep 4242');
      expect(gone).toBe(true);
    });

    it('refuses a container that is not running with 125', async () => {
      await t.run(['create', '--name', 'idle', 'alpine', 'true']);
      const r = await t.run(['exec', 'idle', 'true']);
      expect(r.exitCode).toBe(125);
      expect(r.stderr).toBe('Error: container idle is not running\n');
    });
  });
});
