// save -> rmi -> load keeps the image id, for docker-archive and oci-archive, through files and stdio,
// gzip-compressed too; docker-archive layers are uncompressed tars named and hashed by their diff id.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFixture, type PushedFixture } from '../helpers/images.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { modes, tsmobyBin, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');
const hex = (digest: string) => digest.replace(/^sha256:/, '');

describe.skipIf(!hasRegistry)('tsmoby save and load (needs docker-registry)', () => {
  let registry: TestRegistry;
  let layered: PushedFixture;
  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    layered = await pushFixture(registry, 'layered');
  }, 120_000);
  afterAll(async () => { await registry?.stop(); });

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let dir: string;
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry);
      dir = mode === 'root' ? join(t.globals[1]!, '..') : t.user!.home;
      expect((await t.run(['pull', '-q', 'layered'])).exitCode).toBe(0);
    });
    afterAll(async () => { await t?.cleanup(); });
    const sh = (script: string) => t.exec(['sh', '-c', script.replaceAll('TSMOBY', `"${process.execPath}" "${tsmobyBin}" ${t.globals.join(' ')}`)]);

    it('round-trips a docker-archive through -o and -i, keeping the id; layers are named by their diff ids', async () => {
      const file = join(dir, 'layered.tar');
      expect((await t.run(['save', '-o', file, 'layered'])).exitCode).toBe(0);
      const top = layered.layers.at(-1)!;
      const sum = await t.exec(['sh', '-c', `tar -xOf "$0" ${hex(top.diffId)}.tar | sha256sum`, file]);
      expect(sum.stdout.split(' ')[0]).toBe(hex(top.diffId));
      expect((await t.run(['rmi', 'layered'])).exitCode).toBe(0);
      const loaded = await t.run(['load', '-i', file]);
      expect(loaded.exitCode, loaded.stderr).toBe(0);
      expect(loaded.stdout).toBe('Loaded image: docker.io/library/layered:latest\n');
      expect((await t.run(['images', '-q', '--no-trunc', 'layered'])).stdout).toBe(`${layered.configDigest}\n`);
    });

    it('round-trips an oci-archive through stdout and stdin', async () => {
      // The docker-archive round trip above gave the image a new manifest (that format has none): pull again.
      expect((await t.run(['rmi', 'layered'])).exitCode).toBe(0);
      expect((await t.run(['pull', '-q', 'layered'])).exitCode).toBe(0);
      const file = join(dir, 'layered-oci.tar');
      expect((await sh(`TSMOBY save --format oci-archive layered > "${file}"`)).exitCode).toBe(0);
      expect((await t.exec(['tar', '-tf', file])).stdout).toContain('oci-layout');
      expect((await t.run(['rmi', 'layered'])).exitCode).toBe(0);
      const loaded = await sh(`TSMOBY load < "${file}"`);
      expect(loaded.exitCode, loaded.stderr).toBe(0);
      expect((await t.run(['images', '-q', '--no-trunc', 'layered'])).stdout).toBe(`${layered.configDigest}\n`);
      const inspect = await t.run(['image', 'inspect', '--format', '{{.Digest}}', 'layered']);
      expect(inspect.stdout).toBe(`${layered.manifestDigest}\n`);
    });

    it('says which archive it cannot write or read, with exit 125', async () => {
      const save = await t.run(['save', '-o', '/nonexistent-dir/out.tar', 'layered']);
      expect(save.exitCode).toBe(125);
      expect(save.stderr).toBe('Error: cannot write the archive to /nonexistent-dir/out.tar: no such file or directory\n');
      const load = await t.run(['load', '-i', '/nonexistent-dir/in.tar']);
      expect(load.exitCode).toBe(125);
      expect(load.stderr).toBe('Error: cannot read the archive /nonexistent-dir/in.tar: no such file or directory\n');
    });

    it('loads a gzip-compressed archive', async () => {
      const file = join(dir, 'layered.tar');
      expect((await sh(`gzip -c "${file}" > "${file}.gz"`)).exitCode).toBe(0);
      expect((await t.run(['rmi', 'layered'])).exitCode).toBe(0);
      const loaded = await t.run(['load', '-i', `${file}.gz`]);
      expect(loaded.exitCode, loaded.stderr).toBe(0);
      expect((await t.run(['images', '-q', '--no-trunc'])).stdout).toBe(`${layered.configDigest}\n`);
    });
  });
});
