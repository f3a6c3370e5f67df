// Names and removal: tag, untag, rmi (per-name untag, delete, errors), image prune, rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedFixture } from '../helpers/images.js';
import { fixtureRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');
const hex = (digest: string) => digest.replace(/^sha256:/, '');

describe.skipIf(!hasRegistry)('tsmoby tag, rmi, image prune (needs docker-registry)', () => {
  const lab = fixtureRegistry(['alpine', 'layered']);
  const registry = lab.registry;
  let alpine: PushedFixture;
  let layered: PushedFixture;
  beforeAll(() => { alpine = lab.pushed('alpine'); layered = lab.pushed('layered'); });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    beforeAll(async () => { t = await tsmobyFor(mode, registry()); });
    afterAll(async () => { await t?.cleanup(); });
    const names = async () => (await t.run(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout.split('\n').filter(Boolean).sort();

    it('tags, untags one name with rmi, and deletes the image with its last name', async () => {
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
      expect((await t.run(['tag', 'alpine', 'myapp:1', 'example.com/team/app'])).exitCode).toBe(0);
      expect(await names()).toEqual(['docker.io/library/alpine:latest', 'example.com/team/app:latest', 'localhost/myapp:1']);
      const untag = await t.run(['rmi', 'myapp:1']);
      expect(untag.stdout).toBe('Untagged: localhost/myapp:1\n');
      expect((await t.run(['untag', 'alpine', 'example.com/team/app'])).exitCode).toBe(0);
      expect(await names()).toEqual(['docker.io/library/alpine:latest']);
      const rmi = await t.run(['rmi', 'alpine']);
      expect(rmi.exitCode, rmi.stderr).toBe(0);
      expect(rmi.stdout).toBe(`Untagged: docker.io/library/alpine:latest\nDeleted: ${hex(alpine.configDigest)}\n`);
      expect(await names()).toEqual([]);
    });

    it('reports a missing image, and ignores it with -i', async () => {
      const r = await t.run(['rmi', 'nothing-here']);
      expect(r.exitCode).toBe(125);
      expect(r.stderr).toBe('Error: nothing-here: image not known\n');
      expect((await t.run(['rmi', '-i', 'nothing-here'])).exitCode).toBe(0);
    });

    it('keeps layers another image still uses', async () => {
      await t.run(['pull', '-q', 'alpine']);
      await t.run(['pull', '-q', 'layered']);
      expect((await t.run(['rmi', 'alpine'])).exitCode).toBe(0);
      const inspect = await t.run(['image', 'inspect', '--format', '{{.Id}}', 'layered']);
      expect(inspect.stdout).toBe(`${layered.configDigest}\n`);
      // layered shares alpine's base layer: pulling alpine again needs no download.
      const again = await t.run(['pull', 'alpine']);
      expect(again.stderr).toContain('skipped: already exists');
    });

    it('prunes dangling images, and all unused ones with -a', async () => {
      expect((await t.run(['untag', 'alpine'])).exitCode).toBe(0);
      expect((await t.run(['images', '--filter', 'dangling=true', '-q', '--no-trunc'])).stdout).toBe(`sha256:${hex(alpine.configDigest)}\n`);
      const prune = await t.run(['image', 'prune', '-f']);
      expect(prune.stdout).toBe(`${hex(alpine.configDigest)}\n`);
      expect(await names()).toEqual(['docker.io/library/layered:latest']);
      const all = await t.run(['image', 'prune', '-a', '-f']);
      expect(all.stdout).toBe(`${hex(layered.configDigest)}\n`);
      expect((await t.run(['images', '-q'])).stdout).toBe('');
    });
  });
});
