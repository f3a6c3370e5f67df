import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOUNT_DATA_LIMIT, overlayMount } from '../../../src/storage/overlay.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsmoby-overlay-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const hex = (i: number) => i.toString(16).padStart(4, '0').repeat(16);
const spec = (n: number, rootless = true) => ({
  lowerDirs: Array.from({ length: n }, (_, i) => join(root, 'layers', hex(i), 'diff')),
  upperDir: join(root, 'containers/c1/upper'),
  workDir: join(root, 'containers/c1/work'),
  target: join(root, 'containers/c1/merged'),
  rootless,
  layersDir: join(root, 'layers'),
});

describe('overlayMount', () => {
  it('builds overlay mount data, top layer first, with userxattr rootless', async () => {
    const s = spec(2);
    const m = await overlayMount(s);
    expect(m.mount).toEqual({
      op: 'mount',
      source: 'overlay',
      target: s.target,
      fstype: 'overlay',
      data: `lowerdir=${s.lowerDirs[0]}:${s.lowerDirs[1]},upperdir=${s.upperDir},workdir=${s.workDir},userxattr`,
    });
    expect(m.umount).toEqual({ op: 'umount', target: s.target });
    expect(m.shortLinks).toEqual([]);
    expect((await overlayMount(spec(1, false))).mount).not.toHaveProperty('data', expect.stringContaining('userxattr'));
  });

  it('switches to short links in layers/l/ when the data would exceed one page', async () => {
    const s = spec(60);
    const m = await overlayMount(s);
    const data = (m.mount as { data: string }).data;
    expect(data.length).toBeLessThanOrEqual(MOUNT_DATA_LIMIT);
    expect(m.shortLinks).toHaveLength(60);
    expect(data.startsWith(`lowerdir=${join(root, 'layers', 'l', hex(0).slice(0, 16))}:`)).toBe(true);
    expect(await readlink(m.shortLinks[5]!)).toBe(join('..', hex(5), 'diff'));
    await overlayMount(s); // idempotent
  });

  it('fails clearly when even short links do not fit', async () => {
    await expect(overlayMount(spec(400))).rejects.toThrow(/too many layers for an overlay mount: 400 layers/);
  });

  it('refuses paths overlay would split', async () => {
    const s = { ...spec(1), upperDir: join(root, 'a,b') };
    await expect(overlayMount(s)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});
