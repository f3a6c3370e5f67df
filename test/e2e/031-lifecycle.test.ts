// Containers that outlive the command: run -d, ps, logs after exit, stop, rm -f, a restart policy, volumes
// that persist across containers, and twenty detached runs at once, rootless and as root.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('container lifecycle (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa']));

    it('run -d outlives its CLI, shows in ps, logs after exit, and stops', async () => {
      const r = await t.run(['run', '-d', '--name', 'web', 'alpine', 'sh', '-c', 'echo started; sleep 60']);
      expect(r.exitCode).toBe(0);
      const id = r.stdout.trim();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect((await t.run(['ps', '--format', '{{.ID}} {{.Names}} {{.State}}'])).stdout).toBe(`${id.slice(0, 12)} web running\n`);
      expect((await t.run(['logs', 'web'])).stdout).toBe('started\n');
      expect((await t.run(['stop', '-t', '1', 'web'])).stdout).toBe('web\n');
      expect((await t.run(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.Name}}', 'web'])).stdout).toBe('exited 137 /web\n');
      expect((await t.run(['logs', 'web'])).stdout).toBe('started\n');
      expect((await t.run(['rm', 'web'])).exitCode).toBe(0);
    });

    it('restarts an on-failure container and counts it', async () => {
      await t.run(['run', '-d', '--name', 'flaky', '--restart', 'on-failure:2', 'alpine', 'sh', '-c', 'exit 1']);
      expect((await t.run(['wait', 'flaky'], { timeoutMs: 30_000 })).exitCode).toBe(0);
      let count = '';
      for (let i = 0; i < 100 && count !== '2 exited'; i++) {
        count = (await t.run(['inspect', '--format', '{{.RestartCount}} {{.State.Status}}', 'flaky'])).stdout.trim();
      }
      expect(count).toBe('2 exited');
      await t.run(['rm', '-f', 'flaky']);
    });

    it('keeps a named volume across containers and refuses to remove it while used', async () => {
      expect((await t.run(['volume', 'create', 'keep'])).stdout).toBe('keep\n');
      const w1 = await t.run(['run', '--rm', '-v', 'keep:/v', 'alpine', 'sh', '-c', 'echo persisted > /v/f']);
      expect(`${w1.exitCode} ${w1.stderr}`).toBe('0 ');
      const w2 = await t.run(['create', '--name', 'user', '-v', 'keep:/v', 'alpine', 'true']);
      expect(`${w2.exitCode} ${w2.stderr}`).toBe('0 ');
      const w3 = await t.run(['run', '--rm', '-v', 'keep:/v', 'alpine', 'cat', '/v/f']);
      expect(`${w3.exitCode} ${w3.stdout} ${w3.stderr}`).toBe('0 persisted\n ');
      expect((await t.run(['volume', 'rm', 'keep'])).exitCode).toBe(125);
      expect((await t.run(['volume', 'rm', '-f', 'keep'])).exitCode).toBe(0);
      expect((await t.run(['container', 'exists', 'user'])).exitCode).toBe(1);
    });

    it('runs twenty detached containers at once and removes them all', async () => {
      const runs = await Promise.all(Array.from({ length: 20 }, () => t.run(['run', '-d', 'alpine', 'sleep', '60'], { timeoutMs: 120_000 })));
      expect(runs.map((r) => r.exitCode)).toEqual(Array(20).fill(0));
      const ids = runs.map((r) => r.stdout.trim());
      expect(new Set(ids).size).toBe(20);
      const removed = await Promise.all(ids.map((id) => t.run(['rm', '-f', id], { timeoutMs: 120_000 })));
      expect(removed.map((r) => r.exitCode)).toEqual(Array(20).fill(0));
      expect((await t.run(['ps', '-aq'])).stdout).toBe('');
    }, 240_000);
  });
});
