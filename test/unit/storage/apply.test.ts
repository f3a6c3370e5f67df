import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLayer } from '../../../src/storage/apply.js';
import { buildTar, chunksOf, gnuLongNameBlocks, patchSize } from './tar-fixtures.js';

let work: string;
let outside: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'tsmoby-apply-'));
  outside = await mkdtemp(join(tmpdir(), 'tsmoby-outside-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const apply = (tar: Uint8Array, rootless = true) => applyLayer(chunksOf(tar), join(work, 'diff'), { rootless });
const hasZstd = (() => {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('applyLayer: content', () => {
  const entries = [
    { header: { name: 'etc/', type: 'directory' as const, mode: 0o755, mtime: new Date(1_500_000_000_000) } },
    { header: { name: 'etc/hostname', mode: 0o644 }, content: 'box\n' },
    { header: { name: 'bin/sh', type: 'symlink' as const, linkname: '/bin/busybox' } },
    { header: { name: 'usr/share/doc/deep.txt', mode: 0o600 }, content: 'implicit parents' },
  ];

  it('extracts files, symlinks and implicit directories and reports the diff id of the plain tar', async () => {
    const tar = await buildTar(entries);
    const res = await apply(tar);
    expect(res.compression).toBe('none');
    expect(res.diffId).toBe(sha(tar));
    expect(res.size).toBe(tar.length);
    expect(await readFile(join(work, 'diff/etc/hostname'), 'utf8')).toBe('box\n');
    expect(await readlink(join(work, 'diff/bin/sh'))).toBe('/bin/busybox');
    expect(await readFile(join(work, 'diff/usr/share/doc/deep.txt'), 'utf8')).toBe('implicit parents');
    expect((await stat(join(work, 'diff/etc'))).mtime.getTime()).toBe(1_500_000_000_000);
    expect((await stat(join(work, 'diff/etc/hostname'))).mtime.getTime()).toBe(1_600_000_000_000);
    expect((await lstat(join(work, 'diff/bin/sh'))).mtime.getTime()).toBe(1_600_000_000_000);
    // implicit directories get 0755 at the end, the explicit one its own mode
    expect(res.ops).toContainEqual({ op: 'chmod', path: join(work, 'diff/usr/share'), mode: 0o755 });
    expect(res.ops).toContainEqual({ op: 'chmod', path: join(work, 'diff/etc'), mode: 0o755 });
  });

  it('gunzips gzip layers and hashes the uncompressed tar', async () => {
    const tar = await buildTar(entries);
    const res = await apply(gzipSync(tar));
    expect(res.compression).toBe('gzip');
    expect(res.diffId).toBe(sha(tar));
    expect(await readFile(join(work, 'diff/etc/hostname'), 'utf8')).toBe('box\n');
  });

  it.skipIf(!hasZstd)('decompresses zstd layers (needs the zstd binary)', async () => {
    const tar = await buildTar([...entries, { header: { name: 'big' }, content: Buffer.alloc(300_000, 7) }]);
    const zst = execFileSync('zstd', ['-q', '-c', '-3'], { input: tar });
    const res = await apply(zst);
    expect(res.compression).toBe('zstd');
    expect(res.diffId).toBe(sha(tar));
    expect((await stat(join(work, 'diff/big'))).size).toBe(300_000);
  });

  it.skipIf(!hasZstd)('fails cleanly on a truncated zstd layer (needs the zstd binary)', async () => {
    const tar = await buildTar([{ header: { name: 'big' }, content: Buffer.alloc(300_000, 7) }]);
    const zst = execFileSync('zstd', ['-q', '-c'], { input: tar });
    await expect(apply(zst.subarray(0, zst.length - 20))).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('takes long names from pax headers (as tar-stream writes them)', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(150)}`;
    const tar = await buildTar([{ header: { name: long }, content: 'long' }]);
    expect(tar.includes(Buffer.from('path='))).toBe(true);
    await apply(tar);
    expect(await readFile(join(work, 'diff', long), 'utf8')).toBe('long');
  });

  it('takes long names from GNU ././@LongLink entries', async () => {
    const long = `${'g'.repeat(130)}/${'n'.repeat(140)}`;
    const tar = Buffer.concat([gnuLongNameBlocks(long), await buildTar([{ header: { name: long.slice(0, 99) }, content: 'gnu' }])]);
    await apply(tar);
    expect(await readFile(join(work, 'diff', long), 'utf8')).toBe('gnu');
  });

  it('refuses ".." smuggled in through a long name', async () => {
    const tar = Buffer.concat([gnuLongNameBlocks('a/../../escaped'), await buildTar([{ header: { name: 'innocent' }, content: 'x' }])]);
    await expect(apply(tar)).rejects.toThrow(/"\.\." component/);
  });

  it('keeps hard links to earlier entries as the same inode', async () => {
    const tar = await buildTar([
      { header: { name: 'a' }, content: 'x' },
      { header: { name: 'dir/b', type: 'link', linkname: 'a' } },
    ]);
    await apply(tar);
    expect((await stat(join(work, 'diff/dir/b'))).ino).toBe((await stat(join(work, 'diff/a'))).ino);
  });

  it('refuses to extract into an existing directory', async () => {
    await writeFile(join(work, 'diff'), '');
    await expect(apply(await buildTar(entries))).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('applyLayer: security', () => {
  it('refuses absolute names', async () => {
    const tar = await buildTar([{ header: { name: `${outside}/pwned` }, content: 'x' }]);
    await expect(apply(tar)).rejects.toThrow(/absolute path/);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
  });

  it('refuses ".." components', async () => {
    const tar = await buildTar([{ header: { name: 'a/../../pwned' }, content: 'x' }]);
    await expect(apply(tar)).rejects.toThrow(/"\.\." component/);
    expect(existsSync(join(work, 'pwned'))).toBe(false);
  });

  it('never writes through a symlink planted by an earlier entry', async () => {
    const tar = await buildTar([
      { header: { name: 'escape', type: 'symlink', linkname: outside } },
      { header: { name: 'escape/pwned' }, content: 'x' },
    ]);
    await expect(apply(tar)).rejects.toThrow(/"escape" is a symlink/);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
  });

  it('a symlink to / followed by a write through it is refused', async () => {
    const tar = await buildTar([
      { header: { name: 'root', type: 'symlink', linkname: '/' } },
      { header: { name: `root${outside}/pwned` }, content: 'x' },
    ]);
    await expect(apply(tar)).rejects.toThrow(/is a symlink/);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
  });

  it('replaces a symlink by a later file entry of the same name instead of writing through it', async () => {
    await writeFile(join(outside, 'victim'), 'original');
    const tar = await buildTar([
      { header: { name: 'f', type: 'symlink', linkname: join(outside, 'victim') } },
      { header: { name: 'f' }, content: 'layer content' },
    ]);
    await apply(tar);
    expect(await readFile(join(outside, 'victim'), 'utf8')).toBe('original');
    expect(await readFile(join(work, 'diff/f'), 'utf8')).toBe('layer content');
  });

  it('refuses hard links to files outside the layer', async () => {
    await writeFile(join(outside, 'secret'), 's');
    const tar = await buildTar([{ header: { name: 'h', type: 'link', linkname: join(outside, 'secret') } }]);
    await expect(apply(tar)).rejects.toThrow(/absolute path/);
    const rel = await buildTar([{ header: { name: 'h', type: 'link', linkname: 'etc/passwd' } }]);
    await rm(join(work, 'diff'), { recursive: true });
    await expect(apply(rel)).rejects.toThrow(/not an earlier file of this layer/);
  });

  it('refuses a hard link through a symlinked directory', async () => {
    const tar = await buildTar([
      { header: { name: 'a/f' }, content: 'x' },
      { header: { name: 'a', type: 'symlink', linkname: outside } },
      { header: { name: 'h', type: 'link', linkname: 'a/f' } },
    ]);
    await expect(apply(tar)).rejects.toThrow(/not an earlier file/);
  });

  it('fails cleanly on a header claiming an absurd size', async () => {
    const tar = patchSize(await buildTar([{ header: { name: 'f' }, content: 'x' }]), 0, 2n ** 56n);
    await expect(apply(tar)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('fails cleanly on a truncated archive', async () => {
    const tar = await buildTar([{ header: { name: 'f' }, content: Buffer.alloc(5000, 1) }]);
    await expect(apply(tar.subarray(0, 2048))).rejects.toThrow(/invalid layer archive/);
  });

  it('fails cleanly on a truncated gzip stream and on garbage', async () => {
    const gz = gzipSync(await buildTar([{ header: { name: 'f' }, content: Buffer.alloc(50_000, 1) }]));
    await expect(apply(gz.subarray(0, gz.length / 2))).rejects.toMatchObject({ kind: 'invalid-argument' });
    await rm(join(work, 'diff'), { recursive: true });
    await expect(apply(Buffer.alloc(1024, 0x41))).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});
