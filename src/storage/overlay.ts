// Overlay mount data for a container rootfs, and its page-size limit: mount(2) copies at most one page of
// options, so long lowerdir lists switch to short symlinks in <layers>/l/ (as containers/storage does).
import { lstat, mkdir, readlink, rename, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FsOp } from '../sys/sys.js';
import { InvalidArgumentError, isSystemError } from '../errors/index.js';

/** One page minus the terminating NUL. */
export const MOUNT_DATA_LIMIT = 4095;
const SHORT_LEN = 16;

export interface OverlaySpec {
  /** Layer diff dirs, TOP layer first (overlayfs order). */
  lowerDirs: string[];
  upperDir: string;
  workDir: string;
  /** The merged rootfs. */
  target: string;
  /** Rootless native overlay reads user.overlay.* xattrs (the `userxattr` option, kernel >= 5.11). */
  rootless: boolean;
  /** storeLayout().layers: where short links live when the data would not fit one page. */
  layersDir: string;
}

export interface OverlayMount {
  mount: FsOp;
  /** The same overlay through a FUSE mount program (fuse-overlayfs), which takes the options as `-o`. */
  programArgv(program: string): string[];
  umount: FsOp;
  /** Short links this mount relies on (already created). */
  shortLinks: string[];
}

export function shortLinkPath(layersDir: string, chainHex: string): string {
  return join(layersDir, 'l', chainHex.slice(0, SHORT_LEN));
}

/** Builds the mount/umount ops; creates short links first if the full paths exceed the page limit. */
export async function overlayMount(spec: OverlaySpec): Promise<OverlayMount> {
  if (spec.lowerDirs.length === 0) throw new InvalidArgumentError('an overlay needs at least one lower layer');
  for (const p of [...spec.lowerDirs, spec.upperDir, spec.workDir]) checkOptionPath(p);
  let lowers = spec.lowerDirs;
  let shortLinks: string[] = [];
  let data = mountData(lowers, spec);
  if (data.length > MOUNT_DATA_LIMIT) {
    shortLinks = await Promise.all(lowers.map((dir) => ensureShortLink(spec.layersDir, dir)));
    lowers = shortLinks;
    data = mountData(lowers, spec);
  }
  if (data.length > MOUNT_DATA_LIMIT) {
    throw new InvalidArgumentError(
      `too many layers for an overlay mount: ${spec.lowerDirs.length} layers need ${data.length} bytes of ` +
        `mount options, the kernel accepts ${MOUNT_DATA_LIMIT}`,
    );
  }
  const fuseData = mountData(lowers, { ...spec, rootless: false });
  return {
    mount: { op: 'mount', source: 'overlay', target: spec.target, fstype: 'overlay', data },
    programArgv: (program) => [program, '-o', fuseData, spec.target],
    umount: { op: 'umount', target: spec.target },
    shortLinks,
  };
}

export function mountData(lowers: string[], spec: Pick<OverlaySpec, 'upperDir' | 'workDir' | 'rootless'>): string {
  const parts = [`lowerdir=${lowers.join(':')}`, `upperdir=${spec.upperDir}`, `workdir=${spec.workDir}`];
  if (spec.rootless) parts.push('userxattr');
  return parts.join(',');
}

/** overlayfs splits options at ',' and lowerdirs at ':'; refuse rather than escape (escaping is kernel-version
 *  dependent), so a store under such a path fails clearly. */
function checkOptionPath(p: string): void {
  if (/[,:\\]/.test(p)) throw new InvalidArgumentError(`overlay cannot use a path containing ',', ':' or '\\': "${p}"`);
}

/** <layers>/l/<first 16 hex of the chain id> -> ../<chain hex>/diff; idempotent and safe when raced. */
async function ensureShortLink(layersDir: string, diffDir: string): Promise<string> {
  const hex = relative(layersDir, diffDir).split('/')[0] ?? '';
  if (!/^[a-f0-9]{64}$/.test(hex)) throw new InvalidArgumentError(`not a layer directory of this store: ${diffDir}`);
  const link = shortLinkPath(layersDir, hex);
  const want = join('..', hex, 'diff');
  try {
    if ((await lstat(link)).isSymbolicLink() && (await readlink(link)) === want) return link;
  } catch (err) {
    if (!isSystemError(err, 'ENOENT')) throw err;
  }
  await mkdir(join(layersDir, 'l'), { recursive: true, mode: 0o700 });
  const tmp = `${link}.${randomBytes(4).toString('hex')}`;
  await symlink(want, tmp);
  await rename(tmp, link);
  return link;
}
