// COPY/ADD as a layer tar: the directories to create, then each selected path of a source tree (the build
// context, or another stage's layers) under its target name, owned per --chown and moded per --chmod; a
// local archive is unpacked into its target directory (ADD). The result is an uncompressed layer tar.
import { createReadStream } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { extract as tarExtract, pack, type Pack } from 'tar-stream';
import { NotImplementedError } from '../errors/index.js';
import { decompress } from '../util/compression.js';
import type { MergedEntry, MergedTree } from './merged-tree.js';

export interface CopyTarSpec {
  /** Absolute directories created before anything else (missing parents of the destination). */
  dirs: Array<{ path: string; mode: number }>;
  items: CopyTarItem[];
  uid: number;
  gid: number;
  /** Replaces the permission bits of everything copied (not of unpacked archives). */
  chmod?: number;
}

export interface CopyTarItem {
  /** Path in the source tree, relative ('' for its root). */
  source: string;
  /** Absolute path in the image; for `extract`, the directory to unpack into. */
  target: string;
  /** A directory's whole subtree, not just the directory itself. */
  recursive?: boolean;
  extract?: boolean;
}

type Header = Parameters<Pack['entry']>[0];
const EMPTY = Buffer.alloc(0);
const tarName = (abs: string) => abs.replace(/^\/+/, '');

export function createCopyTar(tree: MergedTree, spec: CopyTarSpec): AsyncIterable<Uint8Array> {
  const p = pack();
  void writeAll(p, tree, spec).then(() => p.finalize(), (err: Error) => p.destroy(err));
  return p as unknown as AsyncIterable<Uint8Array>;
}

async function writeAll(p: Pack, tree: MergedTree, spec: CopyTarSpec): Promise<void> {
  const mtime = new Date();
  for (const d of spec.dirs) {
    await add(p, { name: `${tarName(d.path)}/`, type: 'directory', mode: d.mode, uid: spec.uid, gid: spec.gid, mtime });
  }
  for (const item of spec.items) {
    const entry = await tree.lookup(item.source);
    if (entry === undefined) throw new NotImplementedError(`cannot copy ${item.source}: it does not exist in the source`);
    if (item.extract) await unpack(p, entry.abs, item.target);
    else await copyEntry(p, tree, spec, item.source, entry, item.target, item.recursive === true);
  }
}

async function copyEntry(
  p: Pack, tree: MergedTree, spec: CopyTarSpec, rel: string, entry: MergedEntry, target: string, recursive: boolean,
): Promise<void> {
  const st = entry.stats;
  const mode = spec.chmod !== undefined && !st.isSymbolicLink() ? spec.chmod : st.mode & 0o7777;
  const base = { name: tarName(target), uid: spec.uid, gid: spec.gid, mode: mode === 0 ? 0o10000 : mode, mtime: st.mtime };
  if (st.isDirectory()) {
    if (tarName(target) !== '') await add(p, { ...base, name: `${base.name}/`, type: 'directory' });
    if (!recursive) return;
    for (const name of await tree.list(rel)) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const child = await tree.lookup(childRel);
      if (child) await copyEntry(p, tree, spec, childRel, child, posix.join(target, name), true);
    }
  } else if (st.isSymbolicLink()) {
    await add(p, { ...base, type: 'symlink', linkname: await readlink(entry.abs) });
  } else if (st.isFile()) {
    await addStream(p, { ...base, type: 'file', size: st.size }, createReadStream(entry.abs));
  }
}

/** ADD of a local archive: its entries land under `targetDir` with their own owners and modes. */
async function unpack(p: Pack, archive: string, targetDir: string): Promise<void> {
  const { compression, chunks } = await decompress(createReadStream(archive));
  if (compression === 'zstd') throw new NotImplementedError('ADD cannot unpack zstd archives yet');
  const ex = tarExtract();
  const feeding = (async () => {
    for await (const c of chunks) if (!ex.write(c)) await new Promise<void>((r) => ex.once('drain', () => r()));
    ex.end(undefined);
  })();
  for await (const e of ex) {
    const h = e.header;
    const clean = posix.normalize(`/${h.name}`);
    const header: Header = { ...h, name: tarName(posix.join(targetDir, clean)) + (h.type === 'directory' ? '/' : '') };
    if (h.type === 'link' && h.linkname) header.linkname = tarName(posix.join(targetDir, posix.normalize(`/${h.linkname}`)));
    if (h.type === 'file' || h.type === 'contiguous-file') await addStream(p, { ...header, type: 'file' }, e as AsyncIterable<Buffer>);
    else {
      e.resume();
      if (h.type === 'directory' || h.type === 'symlink' || h.type === 'link') await add(p, header);
    }
  }
  await feeding;
}

function add(p: Pack, header: Header): Promise<void> {
  return new Promise((resolve, reject) => p.entry(header, EMPTY, (err) => (err ? reject(err) : resolve())));
}

async function addStream(p: Pack, header: Header, body: AsyncIterable<Buffer>): Promise<void> {
  let settle!: (err?: Error | null) => void;
  const done = new Promise<void>((resolve, reject) => { settle = (err) => (err ? reject(err) : resolve()); });
  const entry = p.entry(header, (err) => settle(err));
  for await (const chunk of body) {
    if (!entry.write(chunk)) await new Promise<void>((r) => entry.once('drain', () => r()));
  }
  entry.end(undefined);
  await done;
}
