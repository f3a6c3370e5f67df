// Directory -> layer tar (for commit/push/build): walks an overlay upper dir and writes OCI whiteouts for
// overlay's, keeping ids, modes, mtimes, symlinks, devices and hard links (one inode -> one file + links).
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pack, type Pack } from 'tar-stream';
import { isOverlayWhiteout, ociOpaqueName, ociWhiteoutName, WHITEOUT_PREFIX } from './whiteout.js';

export interface DiffOptions {
  /** Whether a directory carries overlay's opaque xattr. Node cannot read xattrs, so the caller supplies this
   *  (through the Sys); without it no directory is treated as opaque. */
  isOpaque?: (absPath: string) => Promise<boolean>;
  /** Host ids -> container ids: rootless, an upper dir read from outside the namespace shows subordinate ids. */
  mapUid?: (hostUid: number) => number;
  mapGid?: (hostGid: number) => number;
  /** Make `dir` itself the first entry under this name (cp: a file or a directory with its contents);
   *  without it only the contents are entries. */
  rootName?: string;
}

type Header = Parameters<Pack['entry']>[0];
const EMPTY = Buffer.alloc(0);

/** tar-stream replaces a falsy mode by 0644/0755 but writes only the low 12 bits: a bit above them keeps
 *  mode 0 (e.g. /etc/shadow) as 0. */
function tarMode(perm: number): number {
  return perm === 0 ? 0o10000 : perm;
}

/** Streams `dir` as an uncompressed layer tar; the root directory itself is not an entry. */
export function createDiffTar(dir: string, opts: DiffOptions = {}): AsyncIterable<Uint8Array> {
  const p = pack();
  const walker = new DiffWalker(p, opts);
  walker
    .start(dir, opts.rootName)
    .then(() => p.finalize())
    .catch((err: Error) => p.destroy(err));
  return p as unknown as AsyncIterable<Uint8Array>;
}

class DiffWalker {
  private readonly inodes = new Map<string, string>();

  constructor(
    private readonly p: Pack,
    private readonly opts: DiffOptions,
  ) {}

  async start(dir: string, rootName: string | undefined): Promise<void> {
    if (rootName === undefined) return this.walk(dir, '');
    const st = await lstat(dir);
    if (!st.isDirectory()) return this.nonDirectory(dir, rootName, st);
    await this.add({ ...this.base(`${rootName}/`, st), type: 'directory' });
    await this.walk(dir, rootName);
  }

  async walk(abs: string, rel: string): Promise<void> {
    const names = (await readdir(abs)).sort();
    for (const name of names) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = await lstat(childAbs);
      if (st.isDirectory()) {
        await this.add({ ...this.base(`${childRel}/`, st), type: 'directory' });
        if (await this.opts.isOpaque?.(childAbs)) {
          await this.add({ name: ociOpaqueName(childRel), mode: tarMode(0), uid: 0, gid: 0, mtime: st.mtime, type: 'file' });
        }
        await this.walk(childAbs, childRel);
      } else if (isOverlayWhiteout(st)) {
        // fuse-overlayfs keeps 0/0 devices of its own beside the OCI markers it writes; those markers
        // travel as they are, so the devices are dropped.
        if (name.startsWith(WHITEOUT_PREFIX)) continue;
        const header = { name: ociWhiteoutName(rel, name), mode: tarMode(0), uid: 0, gid: 0, mtime: st.mtime };
        await this.add({ ...header, type: 'file' });
      } else {
        await this.nonDirectory(childAbs, childRel, st);
      }
    }
  }

  private async nonDirectory(abs: string, rel: string, st: Stats): Promise<void> {
    const header = this.base(rel, st);
    if (st.isSymbolicLink()) return this.add({ ...header, type: 'symlink', linkname: await readlink(abs) });
    if (st.isFIFO()) return this.add({ ...header, type: 'fifo' });
    if (st.isCharacterDevice() || st.isBlockDevice()) {
      const type = st.isCharacterDevice() ? 'character-device' : 'block-device';
      return this.add({ ...header, type, devmajor: major(st.rdev), devminor: minor(st.rdev) });
    }
    if (!st.isFile()) return; // sockets are not part of an image
    if (st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = this.inodes.get(key);
      if (first !== undefined) return this.add({ ...header, type: 'link', linkname: first });
      this.inodes.set(key, rel);
    }
    await this.addFile({ ...header, type: 'file', size: st.size }, abs);
  }

  private base(rel: string, st: Stats): Header {
    return {
      name: rel,
      mode: tarMode(st.mode & 0o7777),
      uid: this.opts.mapUid ? this.opts.mapUid(st.uid) : st.uid,
      gid: this.opts.mapGid ? this.opts.mapGid(st.gid) : st.gid,
      mtime: st.mtime,
    };
  }

  /** Entries without content; an empty body makes tar-stream close the entry at once. */
  private add(header: Header): Promise<void> {
    return new Promise((resolve, reject) => {
      this.p.entry(header, EMPTY, (err) => (err ? reject(err) : resolve()));
    });
  }

  private async addFile(header: Header, abs: string): Promise<void> {
    let settle!: (err?: Error | null) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    const entry = this.p.entry(header, (err) => settle(err));
    for await (const chunk of createReadStream(abs)) {
      if (!entry.write(chunk as Buffer)) await new Promise<void>((r) => entry.once('drain', () => r()));
    }
    entry.end(undefined);
    await done;
  }
}

/** Linux dev_t encoding (glibc gnu_dev_major/minor), valid for the 32-bit values st_rdev carries in Node. */
function major(rdev: number): number {
  return Math.floor(rdev / 256) & 0xfff;
}

function minor(rdev: number): number {
  return (rdev & 0xff) | ((Math.floor(rdev / 4096) & 0xfff00) >>> 0);
}
