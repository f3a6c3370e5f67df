// The default seccomp profile as a user meets it, rootless and as root: the filter is on, ordinary commands
// work, namespace and mount calls fail without CAP_SYS_ADMIN and work with it, and it can be switched off
// or replaced with --security-opt.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES } from '../../src/runtime/oci-spec.js';
import { pushFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');
const seccompStatus = "grep '^Seccomp:' /proc/self/status";
const boundingSet = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
const hostHoldsAllCapabilities = BigInt(`0x${boundingSet}`) === (1n << BigInt(ALL_CAPABILITIES.length)) - 1n;

describe.skipIf(!hasPrerequisites)('seccomp (needs docker-registry and runc)', () => {
  let registry: TestRegistry;
  let profileDir: string;
  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    await pushFixture(registry, 'alpine');
    profileDir = mkdtempSync(join(tmpdir(), 'tsmoby-seccomp-'));
    chmodSync(profileDir, 0o755);
    // Allows everything but mkdir, which fails with EACCES (13): unmistakably this profile's doing.
    const profile = { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }] };
    writeFileSync(join(profileDir, 'no-mkdir.json'), JSON.stringify(profile), { mode: 0o644 });
    writeFileSync(join(profileDir, 'broken.json'), '{"defaultAction": ', { mode: 0o644 });
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry);
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
    }, 120_000);
    afterAll(async () => { await t?.cleanup(); });

    it('filters every container by default, and ordinary commands still work', async () => {
      const r = await t.run(['run', '--rm', 'alpine', 'sh', '-c',
        `${seccompStatus}; id -u; ls / >/dev/null && echo listed; sleep 0.01 && echo slept; wget -O /dev/null http://127.0.0.1:1/ 2>&1 | grep -c -i refused`]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('Seccomp:\t2\n0\nlisted\nslept\n1\n');
      expect(r.exitCode).toBe(0);
    });

    it('denies unshare and mount without CAP_SYS_ADMIN', async () => {
      const unshare = await t.run(['run', '--rm', 'alpine', 'unshare', '-r', 'true']);
      expect(unshare.exitCode).not.toBe(0);
      expect(unshare.stdout + unshare.stderr).toMatch(/Operation not permitted/);
      const mount = await t.run(['run', '--rm', 'alpine', 'mount', '-t', 'tmpfs', 'none', '/mnt']);
      expect(mount.exitCode).not.toBe(0);
      expect(mount.stdout + mount.stderr).toMatch(/Operation not permitted|permission denied/i);
    });

    it('allows mount and unshare with --cap-add SYS_ADMIN', async () => {
      const r = await t.run(['run', '--rm', '--cap-add', 'SYS_ADMIN', 'alpine', 'sh', '-c',
        'mkdir -p /mnt/t && mount -t tmpfs none /mnt/t && grep -c " /mnt/t tmpfs" /proc/mounts && unshare -r true && echo unshared']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('1\nunshared\n');
      expect(r.exitCode).toBe(0);
    });

    it('runs without a filter with --security-opt seccomp=unconfined', async () => {
      const status = await t.run(['run', '--rm', '--security-opt', 'seccomp=unconfined', 'alpine', 'sh', '-c', seccompStatus]);
      expect(status.stdout).toBe('Seccomp:\t0\n');
      expect(status.exitCode).toBe(0);
      const r = await t.run(['run', '--rm', '--security-opt', 'seccomp=unconfined', 'alpine', 'unshare', '-r', 'true']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
    });

    // As root, --privileged grants every capability, which runc can only do when this host's bounding set holds them all.
    it.skipIf(mode === 'root' && !hostHoldsAllCapabilities)('runs without a filter with --privileged (as root, needs a full capability bounding set)', async () => {
      const r = await t.run(['run', '--rm', '--privileged', 'alpine', 'sh', '-c', seccompStatus]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('Seccomp:\t0\n');
      expect(r.exitCode).toBe(0);
    });

    it('applies a profile file given with --security-opt seccomp=FILE, and names a broken one', async () => {
      const r = await t.run(['run', '--rm', '--security-opt', `seccomp=${join(profileDir, 'no-mkdir.json')}`, 'alpine', 'sh', '-c',
        `${seccompStatus}; mkdir /tmp/x || echo refused`]);
      expect(r.stdout).toMatch(/^Seccomp:\t2\n[^]*refused\n$/);
      expect(r.stderr).toMatch(/Permission denied/);
      const broken = await t.run(['run', '--rm', '--security-opt', `seccomp=${join(profileDir, 'broken.json')}`, 'alpine', 'true']);
      expect(broken.exitCode).toBe(125);
      expect(broken.stderr).toMatch(/seccomp profile .*broken\.json is not valid JSON/);
    });
  });
});
