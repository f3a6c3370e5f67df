// `rm`: refuse a running container unless forced (then kill it), reap it, and delete its directories
// (through fs ops: the upper dir holds files of subordinate ids) and, with -v, its anonymous volumes.
import { rm } from 'node:fs/promises';
import { ConflictError, InternalError } from '../../errors/index.js';
import { emitContainerEvent } from './container-events.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { reapLocked } from './container-cleanup.js';
import { stopLocked } from './container-stop.js';
import { unmountRootfs } from './rootfs.js';

export interface RemoveFlags {
  force?: boolean;
  volumes?: boolean;
  timeout?: number;
}

/** Caller holds the container's lock. */
export async function removeLocked(deps: ContainerDeps, record: ContainerRecord, flags: RemoveFlags = {}): Promise<void> {
  const id = record.config.id;
  const paths = deps.store.paths(id);
  let current = record;
  if (observedState(current, paths.exitFile, deps.processes).status === 'running') {
    if (!flags.force) {
      throw new ConflictError(
        `cannot remove container ${id} as it is running - running or paused containers cannot be removed without force: container state improper`,
      );
    }
    current = await stopLocked(deps, current, flags.timeout ?? 0);
  } else {
    current = (await reapLocked(deps, current)).record;
  }
  await deps.store.write({ ...current, state: { ...current.state, status: 'removing' } });
  await deps.runtime.delete(id).catch(() => undefined);
  await unmountRootfs(deps, paths).catch(() => undefined);
  const [result] = await deps.fsOps([{ op: 'removeAll', path: paths.dir }]);
  if (result && !result.ok) throw new InternalError(`cannot remove ${paths.dir}: ${result.code} on ${result.path ?? ''}`);
  await Promise.all([rm(paths.run, { recursive: true, force: true }), rm(paths.exitFile, { force: true })]);
  await emitContainerEvent(deps.events, current, 'destroy');
  if (flags.volumes) {
    for (const name of current.anonymousVolumes) await deps.removeVolume(name).catch(() => undefined);
  }
}
