// Turns a failed ownership change during extraction into words a user can act on: rootless without
// subordinate ids only the user's own id is mapped, so a file owned by anyone else cannot be created.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { PermissionDeniedError } from '../../errors/tsmoby-error.js';
import { LayerOpsError } from '../../storage/layer-store.js';
import { findSubordinateRange } from '../../sys/id-maps.js';
import type { ImageContext } from './image-context.js';

export function explainLayerFailure(ctx: ImageContext, err: unknown): unknown {
  if (!(err instanceof LayerOpsError) || !ctx.paths.rootless || err.op?.op !== 'lchown' || err.result?.code !== 'EINVAL') return err;
  const user = userInfo().username;
  const inImage = (err.op.path.split('/diff/')[1] ?? err.op.path).replace(/^\/*/, '/');
  if (hasSubordinateIds(user, ctx.paths.uid)) return err;
  return new PermissionDeniedError(
    `cannot extract ${inImage}: it is owned by ${err.op.uid}:${err.op.gid} in the image, but ${user} has no subordinate ids ` +
      `in /etc/subuid and /etc/subgid (add a line such as "${user}:100000:65536" to both)`,
    { cause: err },
  );
}

function hasSubordinateIds(user: string, uid: number): boolean {
  const read = (path: string) => { try { return readFileSync(path, 'utf8'); } catch { return ''; } };
  return findSubordinateRange(read('/etc/subuid'), { name: user, id: uid }) !== undefined
    && findSubordinateRange(read('/etc/subgid'), { name: user, id: uid }) !== undefined;
}
