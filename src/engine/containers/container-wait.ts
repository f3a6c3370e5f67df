// `wait`: block until a container meets a condition (by default: not running any more) and report its exit
// code. Reads like ps (no lock). Docker's API conditions: `not-running` (created counts), `next-exit` (the
// exit after the wait began: `docker run` registers it before start) and `removed` (--rm), whose exit code
// comes from the `die` event once the record is gone.
import type { ContainerWaitReport, WaitCondition } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord, ContainerState } from './container-record.js';

interface Baseline {
  wasRunning: boolean;
  startedAt: string | undefined;
}

function exited(status: string): boolean {
  return status === 'exited' || status === 'stopped';
}

function meets(state: ContainerState, conditions: readonly WaitCondition[], base: Baseline): boolean {
  return conditions.some((c) => {
    if (c === 'stopped' || c === 'exited') return exited(state.status);
    if (c === 'not-running') return state.status !== 'running';
    if (c === 'next-exit') return exited(state.status) && (base.wasRunning || state.startedAt !== base.startedAt);
    if (c === 'removed') return false;
    return c === state.status;
  });
}

export async function waitFor(
  deps: ContainerDeps,
  input: string,
  conditions: readonly WaitCondition[],
  signal?: AbortSignal,
  onWaiting?: () => void,
): Promise<ContainerWaitReport> {
  let record: ContainerRecord | undefined = await deps.store.resolve(input);
  const id = record.config.id;
  const wanted = conditions.length > 0 ? conditions : (['stopped'] as const);
  const first = observedState(record, deps.store.paths(id).exitFile, deps.processes);
  const base: Baseline = { wasRunning: first.status === 'running', startedAt: first.startedAt };
  onWaiting?.();
  let lastExitCode = 0;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    // Removed meanwhile (--rm): it did stop, with the code its `die` recorded.
    if (record === undefined) return { input, id, exitCode: (await deps.events.lastExitCode(id)) ?? lastExitCode };
    const state = observedState(record, deps.store.paths(id).exitFile, deps.processes);
    lastExitCode = state.exitCode ?? lastExitCode;
    if (meets(state, wanted, base)) return { input, id, exitCode: state.exitCode ?? 0 };
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, delay));
    record = await deps.store.read(id);
  }
}
