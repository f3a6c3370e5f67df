// `tsmoby pull` as a user sees it, rootless and as root, against a real registry reached as docker.io through
// a registries.conf mirror: output, image ids, platform choice, layer formats, ownership in the store,
// an interrupted pull followed by a good one, and two pulls at once.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasZstd, layeredFacts, pushFixture, type PushedFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { hostId, hostStat, hostXattr, layerDiffDirs, storeRoot } from '../helpers/store.js';
import { isRoot, modes, tsmobyBin, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');
const hex = (digest: string) => digest.replace(/^sha256:/, '');

describe.skipIf(!hasRegistry)('tsmoby pull (needs docker-registry)', () => {
  let registry: TestRegistry;
  const pushed = new Map<string, PushedFixture>();

  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    for (const name of ['alpine', 'layered', 'multiarch', 'multiarch-docker', 'uncompressed', 'big'] as const) {
      pushed.set(name, await pushFixture(registry, name));
    }
    if (hasZstd) pushed.set('zstd', await pushFixture(registry, 'zstd'));
  }, 180_000);
  afterAll(async () => { await registry?.stop(); });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => { t = await tsmobyFor(mode, registry); });
    afterAll(async () => { await t?.cleanup(); });

    it('pulls alpine through the docker.io mirror, printing the id and podman-like progress', async () => {
      const alpine = pushed.get('alpine')!;
      const r = await t.run(['pull', 'alpine']);
      expect(r.stderr).toContain('Trying to pull docker.io/library/alpine:latest...');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(`${hex(alpine.configDigest)}\n`);
      expect(r.stderr).toContain('Getting image source signatures');
      expect(r.stderr).toContain(`Copying blob ${alpine.layers[0]!.digest} done`);
      expect(r.stderr).toContain(`Copying config ${alpine.configDigest} done`);
      expect(r.stderr).toMatch(/Writing manifest to image destination\nStoring signatures\n$/);
      const again = await t.run(['pull', '-q', 'docker.io/library/alpine:latest']);
      expect(again.stdout).toBe(`${hex(alpine.configDigest)}\n`);
    });

    it('extracts the layered image with its owners, set-id bits, whiteouts and opaque directory', async () => {
      const layered = pushed.get('layered')!;
      const r = await t.run(['pull', 'layered']);
      expect(r.exitCode, r.stderr).toBe(0);
      if (!isRoot) return;
      const [base, , top] = layerDiffDirs(t, layered.layers.map((l) => l.diffId));
      const app = `${hostId(t, 1000)}:${hostId(t, 1000, 'gid')}`;
      expect(hostStat(join(top!, 'data/owned-app'))).toMatch(new RegExp(`^${app} 644 regular file`));
      expect(hostStat(join(top!, 'data/private'))).toMatch(new RegExp(`^${app} 700 directory`));
      expect(hostStat(join(top!, 'data/owned-nobody'))).toMatch(new RegExp(`^${hostId(t, 65534)}:${hostId(t, 65534, 'gid')} 600 `));
      expect(hostStat(join(top!, 'usr/local/bin/setuid-tool'))).toMatch(new RegExp(`^${hostId(t, 0)}:${hostId(t, 0, 'gid')} 4755 regular file`));
      expect(hostStat(join(base!, 'home/app'))).toMatch(new RegExp(`^${app} 755 directory`));
      expect(hostStat(join(top!, 'data/deleted.txt'))).toMatch(new RegExp(`^${hostId(t, 0)}:${hostId(t, 0, 'gid')} \\d+ character special file 0 0$`));
      expect(hostStat(join(top!, 'data/gone-dir'))).toMatch(/character special file 0 0$/);
      const opaque = mode === 'root' ? 'trusted.overlay.opaque' : 'user.overlay.opaque';
      expect(hostXattr(join(top!, 'data/opaque'), opaque)).toBe('y');
      expect(readdirSync(join(top!, 'data/opaque'))).toEqual(['new.txt']);
      expect(layeredFacts.layerCount).toBe(3);
    });

    it('picks amd64 from a multi-platform image, and arm64 with --platform', async () => {
      for (const name of ['multiarch', 'multiarch-docker']) {
        const fixture = pushed.get(name)!;
        const amd64 = fixture.platforms!.find((p) => p.platform.architecture === 'amd64')!;
        const arm64 = fixture.platforms!.find((p) => p.platform.architecture === 'arm64')!;
        const host = await t.run(['pull', '-q', name]);
        expect(host.stdout).toBe(`${hex(amd64.configDigest)}\n`);
        const arm = await t.run(['pull', '-q', '--platform', 'linux/arm64', name]);
        expect(arm.exitCode, arm.stderr).toBe(0);
        expect(arm.stdout).toBe(`${hex(arm64.configDigest)}\n`);
        const arch = await t.run(['image', 'inspect', '--format', '{{.Architecture}}', hex(arm64.configDigest)]);
        expect(arch.stdout).toBe('arm64\n');
      }
    });

    it('pulls uncompressed and zstd layers', async () => {
      for (const name of hasZstd ? ['uncompressed', 'zstd'] : ['uncompressed']) {
        const r = await t.run(['pull', '-q', name]);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stdout).toBe(`${hex(pushed.get(name)!.configDigest)}\n`);
      }
    });

    it('fails with the registry\'s words for an image that does not exist', async () => {
      const r = await t.run(['pull', 'no-such-image']);
      expect(r.exitCode).toBe(125);
      expect(r.stderr).toMatch(/^Error: .*no-such-image.*not found/m);
    });

    it('completes a pull after one was killed with SIGKILL halfway, leaving nothing half-used', async () => {
      const big = pushed.get('big')!;
      const script = [
        `"$0" "$1" ${t.globals.map((g) => `'${g}'`).join(' ')} pull big 2>"$2" >/dev/null & pid=$!`,
        'i=0; while [ $i -lt 600 ] && ! grep -q "Copying blob" "$2"; do sleep 0.05; i=$((i+1)); done',
        'kill -9 $pid; wait $pid; echo "killed $?"',
      ].join('\n');
      const log = join(storeRoot(t), '..', `kill-${Date.now()}.log`);
      const killed = await t.exec(['sh', '-c', script, process.execPath, tsmobyBin, log]);
      expect(killed.stdout).toBe('killed 137\n');
      const images = await t.run(['images', '-q', '--no-trunc']);
      expect(images.stdout).not.toContain(hex(big.configDigest));
      const r = await t.run(['pull', '-q', 'big'], { timeoutMs: 120_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${hex(big.configDigest)}\n`);
      if (isRoot) {
        const leftovers = readdirSync(join(storeRoot(t), 'layers')).filter((n) => n.startsWith('.tmp-'));
        expect(leftovers).toEqual([]);
      }
    }, 180_000);

    it('runs two pulls of one image at once: both succeed and the image is stored once', async () => {
      await t.run(['rmi', 'layered']);
      const [a, b] = await Promise.all([t.run(['pull', '-q', 'layered']), t.run(['pull', '-q', 'layered'])]);
      expect([a!.exitCode, b!.exitCode], `${a!.stderr}\n${b!.stderr}`).toEqual([0, 0]);
      expect(a!.stdout).toBe(b!.stdout);
      const listed = await t.run(['images', '--filter', 'reference=layered', '--format', '{{.ID}}']);
      expect(listed.stdout.trim().split('\n')).toHaveLength(1);
    });
  });
});
