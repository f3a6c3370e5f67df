import { execFileSync } from 'node:child_process';
import { chmod, chown, link, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLayer } from '../../../src/storage/apply.js';
import { createDiffTar } from '../../../src/storage/diff.js';

const isRoot = process.getuid?.() === 0;
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'tsmoby-diff-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Seen {
  name: string;
  type: string;
  uid: number;
  gid: number;
  mode: number;
  linkname: string | null;
  mtime: number;
  body: string;
}

async function entriesOf(tar: AsyncIterable<Uint8Array>): Promise<Seen[]> {
  const chunks: Buffer[] = [];
  for await (const c of tar) chunks.push(Buffer.from(c));
  const ex = extract();
  ex.end(Buffer.concat(chunks));
  const out: Seen[] = [];
  for await (const e of ex) {
    let body = '';
    for await (const c of e) body += Buffer.from(c as Uint8Array).toString();
    const h = e.header;
    out.push({ name: h.name, type: h.type, uid: h.uid, gid: h.gid, mode: h.mode, linkname: h.linkname ?? null, mtime: h.mtime.getTime(), body });
  }
  return out;
}

async function upperDir(): Promise<string> {
  const up = join(work, 'upper');
  await mkdir(join(up, 'etc/cache'), { recursive: true });
  await writeFile(join(up, 'etc/app.conf'), 'conf');
  await chown(join(up, 'etc/app.conf'), 1000, 1000);
  await writeFile(join(up, 'su'), 'su');
  await chmod(join(up, 'su'), 0o4755);
  await link(join(up, 'su'), join(up, 'etc/su-link'));
  await symlink('/etc/app.conf', join(up, 'conf'));
  execFileSync('mknod', [join(up, 'etc/removed'), 'c', '0', '0']);
  await writeFile(join(up, 'etc/shadow'), 'secret', { mode: 0 });
  await chmod(join(up, 'etc/shadow'), 0);
  await utimes(join(up, 'etc/app.conf'), 1_234_567_890, 1_234_567_890);
  return up;
}

describe.skipIf(!isRoot)('createDiffTar (needs root to chown and mknod fixtures)', () => {
  it('writes ids, modes, mtimes, symlinks, hard links and OCI whiteouts', async () => {
    const up = await upperDir();
    const seen = await entriesOf(createDiffTar(up, { isOpaque: async (p) => p.endsWith('etc/cache') }));
    const byName = new Map(seen.map((e) => [e.name, e]));
    expect(seen.map((e) => e.name)).toEqual([
      'conf', 'etc/', 'etc/app.conf', 'etc/cache/', 'etc/cache/.wh..wh..opq', 'etc/.wh.removed', 'etc/shadow', 'etc/su-link', 'su',
    ]);
    expect(byName.get('etc/app.conf')).toMatchObject({ type: 'file', uid: 1000, gid: 1000, body: 'conf', mtime: 1_234_567_890_000 });
    expect(byName.get('conf')).toMatchObject({ type: 'symlink', linkname: '/etc/app.conf' });
    expect(byName.get('etc/su-link')).toMatchObject({ type: 'file', mode: 0o4755, body: 'su' });
    expect(byName.get('su')).toMatchObject({ type: 'link', linkname: 'etc/su-link' });
    expect(byName.get('etc/.wh.removed')).toMatchObject({ type: 'file', body: '' });
    expect(byName.get('etc/shadow')).toMatchObject({ type: 'file', mode: 0, body: 'secret' });
  });

  it('maps host ids to container ids when asked', async () => {
    const up = await upperDir();
    const seen = await entriesOf(createDiffTar(up, { mapUid: (u) => (u === 1000 ? 7 : u), mapGid: (g) => (g === 1000 ? 8 : g) }));
    expect(seen.find((e) => e.name === 'etc/app.conf')).toMatchObject({ uid: 7, gid: 8 });
  });

  it('round-trips through applyLayer into the same ops', async () => {
    const up = await upperDir();
    const res = await applyLayer(createDiffTar(up), join(work, 'again'), { rootless: false });
    expect(res.ops).toContainEqual({ op: 'mknod', path: join(work, 'again/etc/removed'), mode: 0o020000, major: 0, minor: 0 });
    expect(res.ops).toContainEqual({ op: 'lchown', path: join(work, 'again/etc/app.conf'), uid: 1000, gid: 1000 });
    expect(res.ops).toContainEqual({ op: 'chmod', path: join(work, 'again/su'), mode: 0o4755 });
  });
});
