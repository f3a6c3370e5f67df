// `rm`: refuse a running container unless forced (then kill it), reap it, and delete its directories
// (through fs ops: the upper dir holds files of subordinate ids) and, with -v, its anonymous volumes.
import { rm } from 'node:fs/promises';
import { ConflictError, InternalError } from '../../errors/index.js';
import { emitContainerEvent } from './container-events.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { stopLocked } from './container-stop.js';

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
  const observed = observedState(current, paths.exitFile, deps.processes);
  if (observed.status !== 'running' && current.state.status === 'running') {
    // Ended but never reaped (the foreground --rm path): removal reaps it, so it reports the death too.
    await emitContainerEvent(deps.events, current, 'die', { exitCode: String(observed.exitCode ?? 0) });
  }
  if (observed.status === 'running') {
    if (!flags.force) {
      throw new ConflictError(
        `cannot remove container ${id} as it is running - running or paused containers cannot be removed without force: container state improper`,
      );
    }
    current = await stopLocked(deps, current, flags.timeout ?? 0);
  }
  // An exited container is not reaped first: `removing` is recorded once, and what reaping would do
  // (network helper, runtime state, unmount) happens here, the unmount and the removal in one joined child.
  await deps.store.write({ ...current, state: { ...current.state, status: 'removing' } });
  // Helpers still alive end, user networks are left (their members' hosts files lose this container).
  if (current.state.network) await deps.network.detach(current, current.state.network).catch(() => undefined);
  await deps.runtime.delete(id).catch(() => undefined);
  const results = await deps.fsOps([{ op: 'umount', target: paths.merged, detach: true }, { op: 'removeAll', path: paths.dir }], { keepGoing: true });
  const result = results[1];
  if (!result || !result.ok) throw new InternalError(`cannot remove ${paths.dir}: ${result?.code ?? 'not attempted'} on ${result?.path ?? ''}`);
  await Promise.all([rm(paths.run, { recursive: true, force: true }), rm(paths.exitFile, { force: true })]);
  await emitContainerEvent(deps.events, current, 'destroy');
  if (flags.volumes) {
    for (const name of current.anonymousVolumes) await deps.removeVolume(name).catch(() => undefined);
  }
}
