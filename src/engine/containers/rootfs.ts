// The container's root filesystem: the image's account files read straight from the layer directories
// (rootless, the merged overlay exists only inside the mount namespace), and the overlay mount itself,
// performed through fs ops in the namespace (or by a FUSE overlay program run there).
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../../errors/index.js';
import { overlayMount } from '../../storage/overlay.js';
import type { AccountFiles } from './resolve-user.js';
import type { ContainerDeps } from './container-deps.js';
import type { ContainerPaths } from './container-paths.js';

/** One file as the merged rootfs would show it: the topmost layer that has it wins; a whiteout hides it. */
export async function readFromLayers(diffDirsTopFirst: readonly string[], relPath: string): Promise<string | undefined> {
  for (const dir of diffDirsTopFirst) {
    const path = join(dir, relPath);
    try {
      const info = await lstat(path);
      // An overlay whiteout (char device 0/0) deletes the file for every layer below.
      if (info.isCharacterDevice()) return undefined;
      if (!info.isFile()) continue;
      return await readFile(path, 'utf8');
    } catch {
      continue;
    }
  }
  return undefined;
}

export async function accountFiles(diffDirsTopFirst: readonly string[]): Promise<AccountFiles> {
  const [passwd, group] = await Promise.all([
    readFromLayers(diffDirsTopFirst, 'etc/passwd'),
    readFromLayers(diffDirsTopFirst, 'etc/group'),
  ]);
  return { ...(passwd !== undefined ? { passwd } : {}), ...(group !== undefined ? { group } : {}) };
}

/** The kernel refusing overlay itself (no overlay in this user namespace, or no userxattr support), as
 *  opposed to a bad path or a busy target: the cases a FUSE overlay program can stand in for. */
const OVERLAY_REFUSED = new Set(['EPERM', 'EINVAL', 'ENODEV', 'EOPNOTSUPP']);

/** Mounts the merged rootfs: with the configured mount program when there is one, else with the kernel's
 *  overlay, falling back to fuse-overlayfs (when installed) where the kernel refuses it. */
export async function mountRootfs(deps: ContainerDeps, layers: readonly string[], paths: ContainerPaths): Promise<void> {
  const mount = await overlayMount({
    lowerDirs: [...layers].reverse().map((c) => deps.layerDiffPath(c)),
    upperDir: paths.upper,
    workDir: paths.work,
    target: paths.merged,
    rootless: deps.rootless,
    layersDir: deps.layersDir,
  });
  let program = await deps.mountProgram();
  if (program === undefined) {
    const [result] = await deps.fsOps([mount.mount]);
    if (!result || result.ok) return;
    const err = new InternalError(`cannot mount the container rootfs: ${result.syscall} ${result.path ?? ''}: ${result.code}`);
    if (!OVERLAY_REFUSED.has(result.code)) throw err;
    program = deps.fuseOverlayFallback();
    if (program === undefined) {
      throw new InternalError(`${err.message} (the kernel refused overlay; install fuse-overlayfs to use it instead)`);
    }
  }
  const result = await deps.runInNamespace(mount.programArgv(program));
  if (result.exitCode !== 0) {
    const why = result.stderr.trim().split('\n').filter((l) => !/unknown argument ignored/.test(l)).join('; ');
    throw new InternalError(`cannot mount the container rootfs with ${program}: ${why || `exit status ${result.exitCode}`}`);
  }
}

/** Lazy unmount; a rootfs that is not mounted (any more) is fine. */
export async function unmountRootfs(deps: ContainerDeps, paths: ContainerPaths): Promise<void> {
  const [result] = await deps.fsOps([{ op: 'umount', target: paths.merged, detach: true }]);
  if (result && !result.ok && result.code !== 'EINVAL' && result.code !== 'ENOENT') {
    throw new InternalError(`cannot unmount ${paths.merged}: ${result.code}`);
  }
}
