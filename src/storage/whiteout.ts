// OCI layer whiteouts <-> overlayfs whiteouts (OCI image-spec layer.md "Whiteouts"; kernel overlayfs.rst).
// OCI: `.wh.<name>` hides <name>; `.wh..wh..opq` hides everything below its directory in lower layers.
// overlay: a character device 0/0 named <name>; the directory xattr `overlay.opaque=y`.
import { join } from 'node:path';
import type { FsOp } from '../sys/sys.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
/** S_IFCHR: overlay whiteouts are character devices with device number 0/0 and no permission bits. */
export const S_IFCHR = 0o020000;

export type WhiteoutName =
  | { kind: 'opaque' }
  | { kind: 'file'; target: string }
  /** Other `.wh..wh.` names (aufs hardlink bookkeeping): meaningless outside aufs, dropped. */
  | { kind: 'aufs-meta' };

/** Classifies the last path component of a tar entry; undefined when it is an ordinary name. */
export function parseWhiteoutName(base: string): WhiteoutName | undefined {
  if (!base.startsWith(WHITEOUT_PREFIX)) return undefined;
  if (base === OPAQUE_MARKER) return { kind: 'opaque' };
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return { kind: 'aufs-meta' };
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === '' || target === '.' || target === '..') return undefined;
  return { kind: 'file', target };
}

/** Rootless native overlay is mounted with `userxattr` and reads `user.overlay.*`; as root, `trusted.overlay.*`. */
export function opaqueXattrName(rootless: boolean): string {
  return rootless ? 'user.overlay.opaque' : 'trusted.overlay.opaque';
}

/** The op that turns <dir>/<name> into an overlay whiteout (needs CAP_MKNOD: run in the namespace). */
export function whiteoutDeviceOp(dir: string, name: string): FsOp {
  return { op: 'mknod', path: join(dir, name), mode: S_IFCHR, major: 0, minor: 0 };
}

/** The op that marks a directory opaque for overlay. */
export function opaqueDirOp(dir: string, rootless: boolean): FsOp {
  return { op: 'lsetxattr', path: dir, name: opaqueXattrName(rootless), value: 'y' };
}

/** Reverse direction (upper dir -> OCI layer): is this inode an overlay whiteout? */
export function isOverlayWhiteout(st: { isCharacterDevice(): boolean; rdev: number }): boolean {
  return st.isCharacterDevice() && st.rdev === 0;
}

/** The OCI tar entry name that stands for an overlay whiteout of `name` in `dir` (both tar-relative). */
export function ociWhiteoutName(dir: string, name: string): string {
  return dir === '' ? `${WHITEOUT_PREFIX}${name}` : `${dir}/${WHITEOUT_PREFIX}${name}`;
}

/** The OCI tar entry name that marks `dir` (tar-relative) opaque. */
export function ociOpaqueName(dir: string): string {
  return dir === '' ? OPAQUE_MARKER : `${dir}/${OPAQUE_MARKER}`;
}
