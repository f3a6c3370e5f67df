// What happens after a container's process ended, whoever notices first (the foreground `run`, conmon's
// exit command, stop, rm, or any later command): record the exit, end the network helper, unmount, forget
// the runtime's state; then apply the restart policy or --rm. Idempotent, under the container's lock.
import { emitContainerEvent } from './container-events.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { startLocked } from './container-start.js';
import { unmountRootfs } from './rootfs.js';

/** Docker's rules: on-failure[:N] on a non-zero exit (at most N restarts); always and unless-stopped unless
 *  the user stopped it. */
export function shouldRestart(record: ContainerRecord): boolean {
  const { restartPolicy } = record.config;
  const { state } = record;
  if (state.stoppedByUser) return false;
  switch (restartPolicy.name) {
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return (state.exitCode ?? 0) !== 0 && (restartPolicy.maximumRetryCount === 0 || state.restartCount < restartPolicy.maximumRetryCount);
    default:
      return false;
  }
}

/** Brings a container whose process ended to `exited`; false when it is still running. Caller holds the lock. */
export async function reapLocked(deps: ContainerDeps, record: ContainerRecord): Promise<{ record: ContainerRecord; reaped: boolean }> {
  const paths = deps.store.paths(record.config.id);
  const observed = observedState(record, paths.exitFile, deps.processes);
  if (observed.status === 'running') return { record, reaped: false };
  const needsWork = record.state.status === 'running' || record.state.mounted || record.state.network !== undefined;
  if (!needsWork) return { record, reaped: false };
  if (record.state.network) await deps.network.detach(record, record.state.network).catch(() => undefined);
  await unmountRootfs(deps, paths).catch(() => undefined);
  await deps.runtime.delete(record.config.id).catch(() => undefined);
  const next: ContainerRecord = { ...record, state: { ...observed, status: 'exited', mounted: false } };
  delete next.state.network;
  await deps.store.write(next);
  await emitContainerEvent(deps.events, next, 'die', { exitCode: String(next.state.exitCode ?? 0) });
  return { record: next, reaped: true };
}

export interface CleanupOutcome {
  /** The container was started again by its restart policy. */
  restarted: boolean;
  /** --rm removed it. */
  removed: boolean;
}

/** The whole post-exit path; `remove` is rm's worker (injected to keep the two files apart). */
export async function cleanupLocked(
  deps: ContainerDeps,
  record: ContainerRecord,
  remove: (record: ContainerRecord) => Promise<void>,
): Promise<CleanupOutcome> {
  // --rm without a restart policy: straight to removal, which does what reaping would and writes once.
  if (record.config.autoRemove && record.config.restartPolicy.name === 'no' && record.state.status === 'running'
    && observedState(record, deps.store.paths(record.config.id).exitFile, deps.processes).status !== 'running') {
    await remove(record);
    return { restarted: false, removed: true };
  }
  const { record: reaped, reaped: changed } = await reapLocked(deps, record);
  if (reaped.state.status === 'running') return { restarted: false, removed: false };
  if (changed && shouldRestart(reaped)) {
    const bumped: ContainerRecord = { ...reaped, state: { ...reaped.state, restartCount: reaped.state.restartCount + 1 } };
    await deps.store.write(bumped);
    try {
      await startLocked(deps, bumped);
      return { restarted: true, removed: false };
    } catch {
      // A restart that fails leaves the container exited with the error recorded by start.
    }
  }
  if (reaped.config.autoRemove && reaped.state.status !== 'created') {
    await remove(reaped);
    return { restarted: false, removed: true };
  }
  return { restarted: false, removed: false };
}
