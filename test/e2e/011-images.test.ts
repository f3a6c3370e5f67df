// `tsmoby images`, `image inspect`, `history` and `image exists` as a user reads them, rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedFixture } from '../helpers/images.js';
import { fixtureRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');
const hex = (digest: string) => digest.replace(/^sha256:/, '');

describe.skipIf(!hasRegistry)('tsmoby images, inspect, history (needs docker-registry)', () => {
  const lab = fixtureRegistry(['alpine', 'layered']);
  const registry = lab.registry;
  let alpine: PushedFixture;
  let layered: PushedFixture;
  beforeAll(() => { alpine = lab.pushed('alpine'); layered = lab.pushed('layered'); });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      for (const name of ['alpine', 'layered']) expect((await t.run(['pull', '-q', name])).exitCode).toBe(0);
    });
    afterAll(async () => { await t?.cleanup(); });

    it('lists images in podman\'s columns, newest first, one row per name', async () => {
      const r = await t.run(['images']);
      expect(r.exitCode, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
      expect(r.stdout).toMatch(new RegExp(`docker.io/library/alpine\\s+latest\\s+${hex(alpine.configDigest).slice(0, 12)}\\s`));
      expect(r.stdout).toMatch(new RegExp(`docker.io/library/layered\\s+latest\\s+${hex(layered.configDigest).slice(0, 12)}\\s`));
      expect(lines).toHaveLength(3);
    });

    it('prints ids with -q, full ids with --no-trunc, digests with --digests, and Go templates', async () => {
      const q = await t.run(['images', '-q']);
      expect(q.stdout.split('\n').filter(Boolean).sort()).toEqual([hex(alpine.configDigest), hex(layered.configDigest)].map((h) => h.slice(0, 12)).sort());
      const full = await t.run(['images', '--no-trunc', '--format', '{{.ID}}', 'alpine']);
      expect(full.stdout).toBe(`sha256:${hex(alpine.configDigest)}\n`);
      const digests = await t.run(['images', '--digests', 'alpine']);
      expect(digests.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+TAG\s+DIGEST\s+IMAGE ID/);
      expect(digests.stdout).toContain(alpine.manifestDigest);
      const format = await t.run(['images', '--format', '{{.Repository}}:{{.Tag}}', '--noheading']);
      expect(format.stdout.split('\n').filter(Boolean).sort()).toEqual(['docker.io/library/alpine:latest', 'docker.io/library/layered:latest']);
    });

    it('filters by reference, label, dangling, id and since', async () => {
      const fmt = ['--format', '{{.Repository}}'];
      expect((await t.run(['images', ...fmt, '--filter', 'reference=alpine'])).stdout).toBe('docker.io/library/alpine\n');
      expect((await t.run(['images', ...fmt, '--filter', 'label=org.example.fixture=layered'])).stdout).toBe('docker.io/library/layered\n');
      expect((await t.run(['images', ...fmt, '--filter', 'dangling=true'])).stdout).toBe('');
      expect((await t.run(['images', ...fmt, '--filter', `id=${hex(layered.configDigest).slice(0, 8)}`])).stdout).toBe('docker.io/library/layered\n');
      const bad = await t.run(['images', '--filter', 'colour=blue']);
      expect(bad.exitCode).toBe(125);
      expect(bad.stderr).toContain('invalid filter "colour"');
    });

    it('inspects an image with Docker\'s fields', async () => {
      const r = await t.run(['image', 'inspect', 'layered']);
      expect(r.exitCode, r.stderr).toBe(0);
      const [doc] = JSON.parse(r.stdout) as Array<Record<string, any>>;
      expect(doc!.Id).toBe(layered.configDigest);
      expect(doc!.RepoTags).toEqual(['docker.io/library/layered:latest']);
      expect(doc!.RepoDigests).toContain(`docker.io/library/layered@${layered.manifestDigest}`);
      expect(doc!.Architecture).toBe('amd64');
      expect(doc!.Os).toBe('linux');
      expect(doc!.Config.User).toBe('1000:1000');
      expect(doc!.Config.WorkingDir).toBe('/data');
      expect(doc!.Labels).toEqual({ 'org.example.fixture': 'layered', 'org.example.layers': '3' });
      expect(doc!.RootFS).toEqual({ Type: 'layers', Layers: layered.layers.map((l) => l.diffId) });
      const tmpl = await t.run(['image', 'inspect', '--format', '{{.Id}} {{.Os}}', 'alpine']);
      expect(tmpl.stdout).toBe(`${alpine.configDigest} linux\n`);
      const missing = await t.run(['image', 'inspect', 'nothing-here']);
      expect(missing.exitCode).toBe(125);
      expect(missing.stderr).toContain('nothing-here: image not known');
    });

    it('shows history newest first, with empty layers', async () => {
      const r = await t.run(['history', '--format', '{{.ID}}|{{.CreatedBy}}|{{.Comment}}', 'layered']);
      expect(r.exitCode, r.stderr).toBe(0);
      const rows = r.stdout.trim().split('\n');
      expect(rows).toHaveLength(5);
      expect(rows[0]).toBe(`${hex(layered.configDigest).slice(0, 12)}|RUN change /data|whiteouts, links, owners`);
      expect(rows[4]).toBe('<missing>|ADD busybox rootfs /|');
      const table = await t.run(['history', 'alpine']);
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
      expect(table.stdout).toMatch(/CMD \["\/bin\/sh"\]\s+0B/);
    });

    it('answers image exists with the exit status', async () => {
      expect((await t.run(['image', 'exists', 'alpine'])).exitCode).toBe(0);
      expect((await t.run(['image', 'exists', 'nothing-here'])).exitCode).toBe(1);
    });
  });
});
