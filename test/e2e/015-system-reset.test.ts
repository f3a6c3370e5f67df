// `system reset --force` with a container still running: it is killed, its conmon and helpers end, and
// nothing of that store is left running or on disk; rootless and as root.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

/** Command lines of the live processes that mention `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirPids()) {
    let cmdline = '';
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' '); } catch { continue; }
    if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
  }
  return found;
}

function readdirPids(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

describe.skipIf(!hasPrerequisites)('system reset (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => { t = await tsmobyFor(mode, registry()); }, 120_000);
    afterAll(async () => { await t?.cleanup(); });

    it('kills running containers and their monitors before removing the store', async () => {
      const run = await t.run(['run', '-d', '-p', '127.0.0.1::80', 'alpine', 'sleep', '300'], { timeoutMs: 120_000 });
      expect(run.exitCode).toBe(0);
      const id = run.stdout.trim();
      const pid = Number((await t.run(['inspect', '--format', '{{.State.Pid}}', id])).stdout.trim());
      expect(pid).toBeGreaterThan(0);
      expect(processesMentioning(id)).not.toEqual([]);
      const reset = await t.run(['system', 'reset', '--force'], { timeoutMs: 60_000 });
      expect(reset.stderr).toBe('');
      expect(reset.exitCode).toBe(0);
      expect(processesMentioning(id)).toEqual([]);
      expect(existsSync(`/proc/${pid}`)).toBe(false);
      expect((await t.run(['ps', '-aq'])).stdout).toBe('');
    });
  });
});
