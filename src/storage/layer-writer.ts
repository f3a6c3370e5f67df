// Writes tar entries into a fresh layer directory without ever following a symlink, and collects the FsOps
// (ownership, set-id bits, final directory modes, device nodes, whiteouts) that must run in the namespace.
import { constants, readFileSync } from 'node:fs';
import { link, lstat, lutimes, mkdir, open, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { FsOp } from '../sys/sys.js';
import { BatchedFileWriter } from '../util/batched-file-writer.js';
import { InvalidArgumentError, isSystemError } from '../errors/index.js';
import { isAtOrBelow, relPath } from './tar-entry-name.js';
import { opaqueDirOp, parseWhiteoutName, whiteoutDeviceOp } from './whiteout.js';

export interface EntryMeta {
  uid: number;
  gid: number;
  mode: number;
  mtime?: Date;
}

export type NodeKind = 'char' | 'block' | 'fifo';
const NODE_TYPE: Record<NodeKind, number> = { char: 0o020000, block: 0o060000, fifo: 0o010000 };
/** While extracting, directories stay private and writable by the extracting user; finish() returns their
 *  final modes as chmod ops that run after the lchown ops (chown clears set-id bits). */
const WORKING_DIR_MODE = 0o700;
const IMPLICIT_DIR_MODE = 0o755;
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

type Present = 'dir' | 'file' | 'symlink' | 'node';

export class LayerWriter {
  /** Relative paths known to be real directories that this writer created or checked with lstat. */
  private readonly dirs = new Set<string>(['']);
  private readonly present = new Map<string, Present>();
  private readonly pendingNodes = new Map<string, FsOp>();
  private readonly opaque = new Set<string>();
  private readonly owners = new Map<string, { uid: number; gid: number }>();
  private readonly finalModes = new Map<string, number>([['', IMPLICIT_DIR_MODE]]);
  private readonly dirTimes = new Map<string, Date>();
  readonly warnings: string[] = [];

  constructor(
    readonly root: string,
    private readonly rootless: boolean,
  ) {}

  private abs(rel: string): string {
    return rel === '' ? this.root : join(this.root, rel);
  }

  async directory(parts: string[], meta: EntryMeta): Promise<void> {
    const rel = relPath(parts);
    this.pendingNodes.delete(rel);
    if (rel !== '') {
      await this.ensureParents(parts);
      const st = await lstatOrUndefined(this.abs(rel));
      if (st && !st.isDirectory()) await this.removeExisting(rel);
      if (!st?.isDirectory()) await mkdir(this.abs(rel), { mode: WORKING_DIR_MODE });
      this.dirs.add(rel);
      this.present.set(rel, 'dir');
    }
    this.record(rel, meta, 'dir');
    if (meta.mtime) this.dirTimes.set(rel, meta.mtime);
  }

  async file(parts: string[], meta: EntryMeta, content: AsyncIterable<Uint8Array>): Promise<void> {
    const rel = await this.prepareSlot(parts);
    const mode = meta.mode & 0o777;
    // Created with its final permission bits (the directories around it stay private while extracting);
    // chmod only when the umask would take bits away.
    const fh = await open(this.abs(rel), CREATE_FLAGS, mode);
    try {
      const out = new BatchedFileWriter(fh);
      try {
        for await (const chunk of content) await out.append(chunk);
        await out.flush();
      } catch (err) {
        await out.abandon();
        throw err;
      }
      if ((mode & processUmask()) !== 0) await fh.chmod(mode);
      if (meta.mtime) await fh.utimes(meta.mtime, meta.mtime);
    } finally {
      await fh.close();
    }
    this.present.set(rel, 'file');
    this.record(rel, meta, 'file');
  }

  async symlink(parts: string[], meta: EntryMeta, target: string): Promise<void> {
    const rel = await this.prepareSlot(parts);
    await symlink(target, this.abs(rel));
    if (meta.mtime) await lutimes(this.abs(rel), meta.mtime, meta.mtime);
    this.present.set(rel, 'symlink');
    this.record(rel, meta, 'symlink');
  }

  /** A hard link may only point at a file or symlink extracted earlier from this same layer. */
  async hardlink(parts: string[], targetParts: string[], shown: { name: string; linkname: string }): Promise<void> {
    const rel = relPath(parts);
    const targetRel = relPath(targetParts);
    const kind = this.present.get(targetRel);
    if (kind !== 'file' && kind !== 'symlink') {
      throw new InvalidArgumentError(
        `refusing hard link "${shown.name}" -> "${shown.linkname}": target is not an earlier file of this layer`,
      );
    }
    if (rel === targetRel) return;
    await this.ensureParents(targetParts);
    await this.prepareSlot(parts);
    await link(this.abs(targetRel), this.abs(rel));
    this.present.set(rel, kind);
    const owner = this.owners.get(targetRel);
    if (owner) this.owners.set(rel, owner);
    const mode = this.finalModes.get(targetRel);
    if (mode !== undefined) this.finalModes.set(rel, mode);
  }

  async node(parts: string[], meta: EntryMeta, kind: NodeKind, major: number, minor: number): Promise<void> {
    if (kind !== 'fifo' && this.rootless) {
      await this.ensureParents(parts);
      this.warnings.push(`skipped device node "${relPath(parts)}": device nodes cannot be created rootless`);
      return;
    }
    const rel = await this.prepareSlot(parts);
    const mode = NODE_TYPE[kind] | (meta.mode & 0o7777);
    this.pendingNodes.set(rel, { op: 'mknod', path: this.abs(rel), mode, major, minor });
    this.present.set(rel, 'node');
    this.record(rel, meta, 'node');
  }

  /** `.wh.<name>` and `.wh..wh..opq` entries. A whiteout of something this same layer contains is void
   *  (OCI: whiteouts apply to lower layers only), and a later entry with the whiteout's name cancels it. */
  async whiteout(parts: string[]): Promise<void> {
    const base = parts[parts.length - 1]!;
    const parsed = parseWhiteoutName(base);
    await this.ensureParents(parts);
    const dirRel = relPath(parts.slice(0, -1));
    if (parsed?.kind === 'opaque') this.opaque.add(dirRel);
    if (parsed?.kind !== 'file') return;
    const targetRel = relPath([...parts.slice(0, -1), parsed.target]);
    if (await lstatOrUndefined(this.abs(targetRel))) return;
    this.pendingNodes.set(targetRel, whiteoutDeviceOp(this.abs(dirRel), parsed.target));
  }

  /** Restores directory mtimes (deepest first, after their content) and returns the ops for the namespace. */
  async finish(): Promise<FsOp[]> {
    const byDepth = [...this.dirTimes].sort((a, b) => depth(b[0]) - depth(a[0]));
    for (const [rel, t] of byDepth) await utimes(this.abs(rel), t, t);
    const ops: FsOp[] = [...this.pendingNodes.values()];
    for (const rel of this.opaque) ops.push(opaqueDirOp(this.abs(rel), this.rootless));
    for (const [rel, o] of this.owners) ops.push({ op: 'lchown', path: this.abs(rel), uid: o.uid, gid: o.gid });
    for (const [rel, mode] of this.finalModes) ops.push({ op: 'chmod', path: this.abs(rel), mode });
    return ops;
  }

  private record(rel: string, meta: EntryMeta, kind: Present): void {
    if (meta.uid !== 0 || meta.gid !== 0) this.owners.set(rel, { uid: meta.uid, gid: meta.gid });
    else this.owners.delete(rel);
    const special = (meta.mode & 0o7000) !== 0;
    if (kind === 'dir' || kind === 'node' || (kind === 'file' && special)) this.finalModes.set(rel, meta.mode & 0o7777);
    else this.finalModes.delete(rel);
  }

  /** Makes the parent directories of `parts` real directories inside the root; refuses to pass through
   *  anything else (a symlink planted by an earlier entry pointing at / must never be written through). */
  private async ensureParents(parts: string[]): Promise<void> {
    for (let i = 1; i < parts.length; i++) {
      const rel = relPath(parts.slice(0, i));
      if (this.dirs.has(rel)) continue;
      const st = await lstatOrUndefined(this.abs(rel));
      if (!st) {
        await mkdir(this.abs(rel), { mode: WORKING_DIR_MODE });
        this.finalModes.set(rel, IMPLICIT_DIR_MODE);
      } else if (!st.isDirectory()) {
        const what = st.isSymbolicLink() ? 'a symlink' : 'not a directory';
        throw new InvalidArgumentError(`refusing layer entry "${relPath(parts)}": "${rel}" is ${what}`);
      }
      this.dirs.add(rel);
    }
  }

  /** Parents made safe, and whatever this layer put at the path before (an earlier entry wins no more). */
  private async prepareSlot(parts: string[]): Promise<string> {
    if (parts.length === 0) throw new InvalidArgumentError('refusing layer entry "/": the root is a directory');
    await this.ensureParents(parts);
    const rel = relPath(parts);
    this.pendingNodes.delete(rel);
    if (await lstatOrUndefined(this.abs(rel))) await this.removeExisting(rel);
    return rel;
  }

  private async removeExisting(rel: string): Promise<void> {
    await rm(this.abs(rel), { recursive: true, force: true });
    for (const map of [this.present, this.pendingNodes, this.owners, this.finalModes, this.dirTimes]) {
      for (const key of [...map.keys()]) if (isAtOrBelow(key, rel)) map.delete(key);
    }
    for (const set of [this.dirs, this.opaque]) {
      for (const key of [...set]) if (isAtOrBelow(key, rel)) set.delete(key);
    }
  }
}

let umask: number | undefined;

/** The process umask, read without changing it; when it cannot be read, every bit counts as masked. */
function processUmask(): number {
  if (umask === undefined) {
    let status = '';
    try { status = readFileSync('/proc/self/status', 'utf8'); } catch { /* no procfs: assume the worst */ }
    const m = /^Umask:\s*([0-7]+)$/m.exec(status);
    umask = m ? parseInt(m[1]!, 8) : 0o777;
  }
  return umask;
}

function depth(rel: string): number {
  return rel === '' ? 0 : rel.split('/').length;
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (err) {
    if (isSystemError(err, 'ENOENT')) return undefined;
    throw err;
  }
}
