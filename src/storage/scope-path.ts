// A path inside a container's rootfs resolved the way the container would see it: symlinks are followed, but
// an absolute link target or a `..` never climbs above the rootfs (Docker's FollowSymlinkInScope).
import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_LINKS = 255;

/** Components of a path, `.` and empty ones dropped. */
function parts(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/**
 * Resolves `path` (as the container sees it) to a host path under `root`. Every symlink on the way is
 * followed within `root`; the last component only when `followFinal`. Missing components are kept as they
 * are, so the result names where a new file would go.
 */
export async function resolveInScope(root: string, path: string, options: { followFinal?: boolean } = {}): Promise<string> {
  const resolved: string[] = [];
  let pending = parts(path);
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, name);
    const isFinal = pending.length === 0;
    const info = await lstat(candidate).catch(() => undefined);
    if (!info?.isSymbolicLink() || (isFinal && !options.followFinal)) {
      resolved.push(name);
      continue;
    }
    if (++links > MAX_LINKS) throw Object.assign(new Error(`too many levels of symbolic links: ${path}`), { code: 'ELOOP' });
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending = [...parts(target), ...pending];
  }
  return join(root, ...resolved);
}

/** Whether `path` (as typed) asks for a directory's contents or insists on a directory: `dir/.` or `dir/`. */
export function pathShape(path: string): { trailingSlash: boolean; contentsOnly: boolean } {
  return { trailingSlash: path.endsWith('/'), contentsOnly: path === '.' || path.endsWith('/.') };
}
