import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Locks } from '../../../src/state/lock.js';
import { applyLayer } from '../../../src/storage/apply.js';
import { chainIds, nextChainId } from '../../../src/storage/chain-id.js';
import { LayerStore, type LayerExtractor } from '../../../src/storage/layer-store.js';
import { exited, startChild, waitForLine } from '../state/child-process.js';
import { LocalFsSys } from './local-sys.js';
import { buildTar, chunksOf } from './tar-fixtures.js';

const sha = (s: string | Uint8Array) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('chain ids', () => {
  it('follows the OCI definition', () => {
    const [a, b, c] = [sha('a'), sha('b'), sha('c')];
    const ab = sha(`${a} ${b}`);
    expect(chainIds([a, b, c])).toEqual([a, ab, sha(`${ab} ${c}`)]);
    expect(nextChainId(undefined, a)).toBe(a);
    expect(() => nextChainId(undefined, 'sha256:../../etc')).toThrow(/invalid digest/);
  });
});

let root: string;
let sys: LocalFsSys;
let store: LayerStore;
const layersDir = () => join(root, 'layers');
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsmoby-layers-'));
  sys = new LocalFsSys();
  store = new LayerStore({ layersDir: layersDir(), locks: new Locks(join(root, 'locks')), sys, namespace: async () => 4242 });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function layerTar(content: string) {
  const tar = await buildTar([
    { header: { name: 'etc/', type: 'directory', mode: 0o755 } },
    { header: { name: 'etc/owned', uid: 1000, gid: 1000 }, content },
  ]);
  return { tar, diffId: sha(tar) };
}
const extractor = (tar: Buffer): LayerExtractor => (diff) => applyLayer(chunksOf(tar), diff, { rootless: true });

describe('LayerStore', () => {
  it('extracts a layer, runs its ops in the namespace, and records it', async () => {
    const { tar, diffId } = await layerTar('one');
    const meta = await store.create(diffId, undefined, extractor(tar), { compressedDigest: sha('gz') });
    expect(meta).toEqual({ diffId, chainId: diffId, size: tar.length, compressedDigest: sha('gz') });
    expect(await store.has(diffId)).toBe(true);
    expect(await readFile(join(store.diffPath(diffId), 'etc/owned'), 'utf8')).toBe('one');
    expect((await stat(join(store.diffPath(diffId), 'etc/owned'))).uid).toBe(1000);
    expect(sys.calls[0]!.join).toBe(4242);
    expect(await store.list()).toEqual([meta]);
    expect((await readdir(layersDir())).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('stacks a layer on its parent and rejects a missing parent', async () => {
    const base = await layerTar('base');
    const top = await layerTar('top');
    await store.create(base.diffId, undefined, extractor(base.tar));
    const chain = nextChainId(base.diffId, top.diffId);
    const meta = await store.create(chain, base.diffId, extractor(top.tar));
    expect(meta.parentChainId).toBe(base.diffId);
    await expect(store.create(sha('x'), sha('no parent'), extractor(top.tar))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('stores nothing when the content does not match the chain id', async () => {
    const { tar } = await layerTar('one');
    await expect(store.create(sha('other'), undefined, extractor(tar))).rejects.toThrow(/does not match/);
    expect(await store.has(sha('other'))).toBe(false);
    expect(await readdir(layersDir())).toEqual([]);
  });

  it('lets two concurrent creates of one layer both succeed with one extraction', async () => {
    const { tar, diffId } = await layerTar('once');
    let extractions = 0;
    const counting: LayerExtractor = (diff) => {
      extractions++;
      return applyLayer(chunksOf(tar), diff, { rootless: true });
    };
    const [a, b] = await Promise.all([store.create(diffId, undefined, counting), store.create(diffId, undefined, counting)]);
    expect(a).toEqual(b);
    expect(extractions).toBe(1);
  });

  it('removes a layer through a removeAll op', async () => {
    const { tar, diffId } = await layerTar('gone');
    await store.create(diffId, undefined, extractor(tar));
    expect(await store.remove(diffId)).toBe(true);
    expect(sys.calls.at(-1)!.ops).toEqual([{ op: 'removeAll', path: expect.stringContaining('.del-') }]);
    expect(await store.has(diffId)).toBe(false);
    expect(await readdir(layersDir())).toEqual([]);
    expect(await store.remove(diffId)).toBe(false);
  });

  it('sweeps temp dirs of dead creates but not of running ones', async () => {
    const hexA = 'a'.repeat(64);
    const hexB = 'b'.repeat(64);
    await mkdir(join(layersDir(), `.tmp-${hexA}-dead`, 'diff'), { recursive: true });
    await mkdir(join(layersDir(), `.tmp-${hexB}-busy`, 'diff'), { recursive: true });
    const locks = new Locks(join(root, 'locks'));
    const held = await locks.tryLock(`layer-${hexB}`);
    expect(await store.sweep()).toBe(1);
    expect(await readdir(layersDir())).toEqual([`.tmp-${hexB}-busy`]);
    await held!();
  });

  it('recovers from a create killed with SIGKILL mid-extraction', async () => {
    const { tar, diffId } = await layerTar('after crash');
    const child = startChild(['layer', layersDir(), join(root, 'locks'), diffId]);
    await waitForLine(child, 'extracting');
    child.kill('SIGKILL');
    await exited(child);
    const leftovers = (await readdir(layersDir())).filter((n) => n.startsWith('.tmp-'));
    expect(leftovers).toHaveLength(1);
    expect(await store.has(diffId)).toBe(false);
    await store.create(diffId, undefined, extractor(tar));
    expect(await readFile(join(store.diffPath(diffId), 'etc/owned'), 'utf8')).toBe('after crash');
    expect(await readdir(layersDir())).toEqual([diffId.slice('sha256:'.length)]);
  });
});
