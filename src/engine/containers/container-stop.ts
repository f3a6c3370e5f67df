// `stop` (the stop signal, SIGKILL after the timeout) and `kill` (-s). Both mark the container as stopped by
// the user so that its restart policy leaves it down (kill as Docker decides it), and stop reaps it before returning.
import { watch, type FSWatcher } from 'node:fs';
import { ConflictError } from '../../errors/index.js';
import { parseSignal } from '../../runtime/signals.js';
import { stopSignalFor } from '../spec-builder.js';
import { DEFAULT_STOP_TIMEOUT } from './container-config.js';
import { emitContainerEvent } from './container-events.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState, readExitFile } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { reapLocked } from './container-cleanup.js';

const SIGKILL = 9;

/** Sleeps that end early when something changes in the exits directory (inotify), so that the exit file
 *  is seen as soon as conmon renames it into place; without a watch they are plain timed polls. */
function exitDirSleeper(dir: string): { sleep(ms: number): Promise<void>; close(): void } {
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => wake?.());
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined; // no exits dir yet or no inotify: polling alone still ends every wait
  }
  return {
    sleep: (ms) => new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    }),
    close: () => watcher?.close(),
  };
}

/** Resolves true once the exit file appears or the container is otherwise gone; false at the deadline. */
export async function waitForExit(deps: ContainerDeps, record: ContainerRecord, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const paths = deps.store.paths(record.config.id);
  const deadline = Date.now() + timeoutMs;
  const sleeper = exitDirSleeper(paths.exitsDir);
  try {
    // The poll remains for a monitor that dies without an exit file (its pid is checked each round).
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      if (readExitFile(paths.exitFile) || observedState(record, paths.exitFile, deps.processes).status !== 'running') return true;
      if (Date.now() >= deadline || signal?.aborted) return false;
      await sleeper.sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
    }
  } finally {
    sleeper.close();
  }
}

async function markStoppedByUser(deps: ContainerDeps, record: ContainerRecord): Promise<ContainerRecord> {
  const next = { ...record, state: { ...record.state, stoppedByUser: true } };
  await deps.store.write(next);
  return next;
}

/** Caller holds the lock. A container that is not running is left as it is (Docker: no error). */
export async function stopLocked(deps: ContainerDeps, record: ContainerRecord, timeoutSeconds?: number): Promise<ContainerRecord> {
  const paths = deps.store.paths(record.config.id);
  if (observedState(record, paths.exitFile, deps.processes).status !== 'running') {
    return (await reapLocked(deps, record)).record;
  }
  const marked = await markStoppedByUser(deps, record);
  const timeout = timeoutSeconds ?? record.config.stopTimeout ?? DEFAULT_STOP_TIMEOUT;
  const stopSignal = stopSignalFor(record.config, record.imageConfig);
  await emitContainerEvent(deps.events, record, 'kill', { signal: String(stopSignal) });
  await deps.runtime.kill(record.config.id, stopSignal).catch(() => undefined);
  if (!(await waitForExit(deps, marked, timeout * 1000))) {
    // Not `--all`: rootless on cgroup v1 the runtime cannot list the container's processes; killing the
    // init ends its pid namespace and so every other process in it.
    await deps.runtime.kill(record.config.id, SIGKILL).catch(() => undefined);
    await waitForExit(deps, marked, 10_000);
  }
  const reaped = (await reapLocked(deps, marked)).record;
  await emitContainerEvent(deps.events, reaped, 'stop');
  return reaped;
}

/** Docker's rule: a kill with SIGKILL or the container's configured stop signal (any signal when none is
 *  configured) ends the restart policy as stop does; another signal only counts as a manual stop, which
 *  unless-stopped alone heeds (always and on-failure restart the container if that signal ends it). */
export function killEndsRestarts(record: ContainerRecord, signal: number): boolean {
  const image = record.imageConfig.StopSignal;
  const configured = record.config.stopSignal ?? (image ? parseSignal(image) : undefined);
  if (signal === SIGKILL || configured === undefined || signal === configured) return true;
  return record.config.restartPolicy.name === 'unless-stopped';
}

export async function killContainer(deps: ContainerDeps, record: ContainerRecord, signalText = 'SIGKILL'): Promise<void> {
  const signal = parseSignal(signalText);
  const paths = deps.store.paths(record.config.id);
  if (observedState(record, paths.exitFile, deps.processes).status !== 'running') {
    throw new ConflictError(`can only kill running containers. ${record.config.id} is in state ${record.state.status === 'running' ? 'exited' : record.state.status}: container state improper`);
  }
  await deps.store.withLock(record.config.id, async () => {
    const current = await deps.store.read(record.config.id);
    if (current && killEndsRestarts(current, signal)) await markStoppedByUser(deps, current);
  });
  await deps.runtime.kill(record.config.id, signal);
  await emitContainerEvent(deps.events, record, 'kill', { signal: String(signal) });
}
