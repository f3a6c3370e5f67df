// Root's default network from the host's side: the tsmoby0 bridge and tsmoby's own iptables chains appear
// with the first container, and `system reset` takes them away again (unless a container of another store is
// still plugged in) without touching any rule that is not tsmoby's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { isRoot } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/sbin/iptables');

function sh(argv: string[]): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

/** Every rule of both tables, as `iptables -S` prints them. */
const rules = () => [...sh(['iptables', '-w', '-S']).split('\n'), ...sh(['iptables', '-w', '-t', 'nat', '-S']).split('\n')].filter((l) => l !== '');
const isTsmobys = (rule: string) => /TSMOBY-(FORWARD|POSTROUTING)/.test(rule);
const bridgePorts = () => sh(['ip', '-o', 'link', 'show', 'master', 'tsmoby0']).trim();

describe.skipIf(!hasPrerequisites || !isRoot)('root default network on the host (needs root, docker-registry, runc and iptables)', () => {
  const registry = alpineRegistry();
  const t = storeWithAlpine('root', registry);

  it('adds the bridge and its own chains, and system reset removes them and nothing else', async () => {
    const before = rules().filter((r) => !isTsmobys(r));
    expect((await t.run(['run', '-d', '--name', 'onbridge', 'alpine', 'sleep', '600'])).exitCode).toBe(0);
    expect(sh(['ip', '-o', 'link', 'show', 'tsmoby0'])).toContain('link/ether 02:42:0a:5a:00:01 ');
    const added = rules().filter(isTsmobys);
    expect(added).toEqual(expect.arrayContaining([
      '-N TSMOBY-FORWARD',
      '-A FORWARD -m comment --comment "tsmoby default network" -j TSMOBY-FORWARD',
      '-A TSMOBY-FORWARD -i tsmoby0 -j ACCEPT',
      '-N TSMOBY-POSTROUTING',
      '-A POSTROUTING -m comment --comment "tsmoby default network" -j TSMOBY-POSTROUTING',
      '-A TSMOBY-POSTROUTING -s 10.90.0.0/16 ! -d 10.90.0.0/16 -j MASQUERADE',
    ]));
    // Each rule once, however many containers started.
    expect(new Set(added).size).toBe(added.length);

    expect((await t.run(['system', 'reset', '--force'], { timeoutMs: 60_000 })).exitCode).toBe(0);
    expect(rules().filter((r) => !isTsmobys(r))).toEqual(before);
    if (bridgePorts() === '') {
      expect(sh(['ip', '-o', 'link', 'show', 'tsmoby0'])).toBe('');
      expect(rules().filter(isTsmobys)).toEqual([]);
    } else {
      // A container of another store (a test file running beside this one) keeps the bridge and its rules.
      expect(sh(['ip', '-o', 'link', 'show', 'tsmoby0'])).not.toBe('');
      expect(rules().filter(isTsmobys)).toEqual(added);
    }
  }, 120_000);
});
