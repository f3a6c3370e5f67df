// `logs` (--tail, --since, -t, -f ending with the container) and `wait` (the exit code, --condition) as a
// user sees them, rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('tsmoby logs and wait (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
      expect((await t.run(['run', '--name', 'lines', 'alpine', 'sh', '-c', 'for i in 1 2 3 4 5; do echo line$i; done; echo oops >&2'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => { await t?.run(['rm', '-fa']); await t?.cleanup(); });

    it('prints the last lines with --tail and both streams', async () => {
      const all = await t.run(['logs', 'lines']);
      expect(all.stdout).toBe('line1\nline2\nline3\nline4\nline5\n');
      expect(all.stderr).toBe('oops\n');
      expect((await t.run(['logs', '--tail', '2', 'lines'])).stdout).toBe('line5\n');
      expect((await t.run(['logs', '--tail', '3', 'lines'])).stdout).toBe('line4\nline5\n');
    });

    it('filters by --since and prefixes -t timestamps', async () => {
      expect((await t.run(['logs', '--since', '2000-01-01T00:00:00Z', 'lines'])).stdout).toBe('line1\nline2\nline3\nline4\nline5\n');
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await t.run(['logs', '--since', future, 'lines'])).stdout).toBe('');
      const stamped = (await t.run(['logs', '-t', '--tail', '3', 'lines'])).stdout.trimEnd().split('\n');
      expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) line4$/);
    });

    it('follows with -f until the container exits', async () => {
      await t.run(['run', '-d', '--name', 'talker', 'alpine', 'sh', '-c', 'echo first; sleep 1; echo last']);
      const r = await t.run(['logs', '-f', 'talker'], { timeoutMs: 30_000 });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('first\nlast\n');
    });

    it('waits and prints the exit code, for several containers in order', async () => {
      await t.run(['run', '-d', '--name', 'seven', 'alpine', 'sh', '-c', 'sleep 1; exit 7']);
      const r = await t.run(['wait', 'seven', 'lines'], { timeoutMs: 30_000 });
      expect(r.stdout).toBe('7\n0\n');
      expect(r.exitCode).toBe(0);
      const missing = await t.run(['wait', 'nosuch']);
      expect(missing.exitCode).toBe(125);
      expect(missing.stderr).toMatch(/no such container/);
    });

    it('waits for a --condition', async () => {
      await t.run(['create', '--name', 'idle', 'alpine', 'sleep', '300']);
      expect((await t.run(['wait', '--condition', 'created', 'idle'], { timeoutMs: 10_000 })).exitCode).toBe(0);
      await t.run(['start', 'idle']);
      expect((await t.run(['wait', '--condition', 'running', 'idle'], { timeoutMs: 10_000 })).exitCode).toBe(0);
      const stopping = t.run(['wait', '--condition', 'stopped', 'idle'], { timeoutMs: 30_000 });
      await t.run(['stop', '-t', '0', 'idle']);
      expect((await stopping).stdout).toBe('137\n');
      expect((await t.run(['wait', '--condition', 'bogus', 'idle'])).exitCode).toBe(125);
    });
  });
});
