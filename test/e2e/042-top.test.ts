// `top` lists a running container's processes with podman top's default columns, or the ones asked for.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('top (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa', '-t', '0']));

    it('lists the container sleep process with the default columns', async () => {
      await t.run(['run', '-d', '--name', 'sleeper', 'alpine', 'sleep', '300']);
      const r = await t.run(['top', 'sleeper']);
      expect(r.exitCode).toBe(0);
      const [header, ...rows] = r.stdout.trimEnd().split('\n');
      expect(header!.split(/\s+/)).toEqual(['USER', 'PID', 'PPID', '%CPU', 'ELAPSED', 'TTY', 'TIME', 'COMMAND']);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/^root\s+1\s+0\s+\d+\.\d{3}\s+\S+\s+\?\s+0s\s+sleep 300$/);
      expect((await t.run(['top', 'sleeper', 'pid', 'comm'])).stdout).toMatch(/^PID\s+COMMAND\n1\s+sleep\n$/);
    });

    it('refuses a stopped container and an unknown descriptor with 125', async () => {
      await t.run(['create', '--name', 'still', 'alpine', 'true']);
      expect((await t.run(['top', 'still'])).exitCode).toBe(125);
      const bad = await t.run(['top', 'sleeper', 'nonsense']);
      expect(bad.exitCode).toBe(125);
      expect(bad.stderr).toMatch(/unknown top descriptor "nonsense"/);
    });
  });
});
