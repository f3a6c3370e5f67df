// `tsmoby cp` both ways (files, directories, `dir/.`, `-` tars, ownership with and without -a, symlinks that
// try to leave the rootfs) for running and stopped containers, and `diff` (A/C/D, json), rootless and as root.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyBin, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc');

describe.skipIf(!hasPrerequisites)('tsmoby cp and diff (needs docker-registry and runc)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let work: string;
    const sh = async (script: string) => {
      const r = await t.exec(['sh', '-c', script]);
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      expect((await t.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
      work = (await t.exec(['mktemp', '-d'])).stdout.trim();
      await sh(`cd ${work} && mkdir -p src/sub && echo one > src/a && echo two > src/sub/b && echo host > file`);
    }, 120_000);
    afterAll(async () => {
      await t?.run(['rm', '-fa']);
      await t?.exec(['rm', '-rf', work]);
      await t?.cleanup();
    });

    it('copies into a running container, owned by its root unless -a', async () => {
      expect((await t.run(['run', '-d', '--name', 'live', 'alpine', 'sleep', '60'])).exitCode).toBe(0);
      expect((await t.run(['cp', `${work}/file`, 'live:/tmp/copied'])).exitCode).toBe(0);
      expect((await t.run(['cp', `${work}/src`, 'live:/tmp'])).exitCode).toBe(0);
      expect((await t.run(['cp', `${work}/src/.`, 'live:/home/app'])).exitCode).toBe(0);
      expect((await t.run(['cp', '-a', `${work}/file`, 'live:/tmp/kept'])).exitCode).toBe(0);
      const hostIds = (await sh(`stat -c %u:%g ${work}/file`)).trim();
      const check = await t.run(['cp', 'live:/tmp/copied', '-']);
      expect(check.exitCode).toBe(0);
      expect(check.stdout).toContain('host\n');
      const stopped = await t.run(['stop', '-t', '0', 'live']);
      expect(stopped.exitCode).toBe(0);
      const out = `${work}/out-live`;
      await sh(`mkdir ${out}`);
      expect((await t.run(['cp', 'live:/tmp/src', out])).exitCode).toBe(0);
      expect(await sh(`cat ${out}/src/a ${out}/src/sub/b`)).toBe('one\ntwo\n');
      expect((await t.run(['cp', 'live:/home/app/sub/b', `${out}/b-renamed`])).exitCode).toBe(0);
      expect(await sh(`cat ${out}/b-renamed; stat -c %u ${out}/b-renamed`)).toBe(`two\n${hostIds.split(':')[0]}\n`);
    });

    it('sets ownership: container root by default, the archive ids with -a', async () => {
      await t.run(['create', '--name', 'owners', 'alpine', 'sh', '-c', 'stat -c "%n %u:%g" /tmp/default /tmp/kept']);
      await sh(`echo x > ${work}/owned`);
      expect((await t.run(['cp', `${work}/owned`, 'owners:/tmp/default'])).exitCode).toBe(0);
      expect((await t.run(['cp', '-a', `${work}/owned`, 'owners:/tmp/kept'])).exitCode).toBe(0);
      const ids = (await sh(`stat -c %u:%g ${work}/owned`)).trim();
      expect((await t.run(['start', 'owners'])).exitCode).toBe(0);
      expect((await t.run(['wait', 'owners'], { timeoutMs: 30_000 })).stdout).toBe('0\n');
      expect((await t.run(['logs', 'owners'])).stdout).toBe(`/tmp/default 0:0\n/tmp/kept ${ids}\n`);
    });

    it('copies out of a stopped container and keeps symlinks inside its rootfs', async () => {
      await t.run(['run', '--name', 'made', 'alpine', 'sh', '-c',
        'mkdir /data && echo secret-inside > /data/f && ln -s / /data/escape && ln -s ../../../../etc /data/up']);
      const out = `${work}/out-made`;
      await sh(`mkdir ${out}`);
      expect((await t.run(['cp', 'made:/data/escape/data/f', `${out}/f`])).exitCode).toBe(0);
      expect(await sh(`cat ${out}/f`)).toBe('secret-inside\n');
      // ../../../../etc from /data resolves to the container's /etc, never the host's.
      expect((await t.run(['cp', 'made:/data/up/passwd', `${out}/passwd`])).exitCode).toBe(0);
      expect(await sh(`grep -c '^app:' ${out}/passwd`)).toBe('1\n');
      const missing = await t.run(['cp', 'made:/nonexistent', out]);
      expect(missing.exitCode).toBe(125);
      expect(missing.stderr).toMatch(/nonexistent/);
      const tar = await t.run(['cp', 'made:/data', '-']);
      expect(tar.stdout).toContain('data/f');
    });

    it('writes into a stopped container through an absolute symlink without leaving its rootfs', async () => {
      await t.run(['run', '--name', 'linker', 'alpine', 'ln', '-s', '/etc', '/linked']);
      await sh(`echo via-link > ${work}/written`);
      expect((await t.run(['cp', `${work}/written`, 'linker:/linked/written-by-cp'])).exitCode).toBe(0);
      expect(existsSync('/etc/written-by-cp')).toBe(false);
      const back = await t.run(['cp', 'linker:/etc/written-by-cp', `${work}/back`]);
      expect(back.exitCode).toBe(0);
      expect(await sh(`cat ${work}/back`)).toBe('via-link\n');
    });

    it('reads a tar from stdin and writes one to stdout with -', async () => {
      await t.run(['create', '--name', 'fromtar', 'alpine', 'cat', '/tmp/src/sub/b']);
      const cli = [process.execPath, tsmobyBin, ...t.globals].join(' ');
      expect(await sh(`tar -C ${work} -cf - src | ${cli} cp - fromtar:/tmp`)).toBe('');
      expect(await sh(`${cli} cp fromtar:/tmp/src - | tar -tf - | sort`)).toBe('src/\nsrc/a\nsrc/sub/\nsrc/sub/b\n');
      const intoFile = await t.run(['cp', '-', 'fromtar:/tmp/src/a'], { input: '' });
      expect(intoFile.exitCode).toBe(125);
    });

    it('lists changes with diff: added, changed and deleted, and as json', async () => {
      await t.run(['run', '--name', 'changer', 'alpine', 'sh', '-c', 'echo new > /newfile && echo more >> /etc/passwd && rm /etc/group']);
      const r = await t.run(['diff', 'changer']);
      expect(r.exitCode).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toContain('A /newfile');
      expect(lines).toContain('C /etc');
      expect(lines).toContain('C /etc/passwd');
      expect(lines).toContain('D /etc/group');
      const json = JSON.parse((await t.run(['container', 'diff', '--format', 'json', 'changer'])).stdout) as Record<string, string[]>;
      expect(json.added).toContain('/newfile');
      expect(json.deleted).toEqual(['/etc/group']);
    });
  });
});
