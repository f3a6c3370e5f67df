// `wait`: block until a container meets a condition (by default: not running any more) and report its exit
// code. Reads like ps (no lock); reaps the container once it has exited so that the record catches up.
import type { ContainerWaitReport, WaitCondition } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';

function meets(status: string, conditions: readonly WaitCondition[]): boolean {
  return conditions.some((c) => {
    if (c === 'stopped' || c === 'exited' || c === 'not-running') return status === 'exited' || status === 'stopped';
    return c === status;
  });
}

export async function waitFor(
  deps: ContainerDeps,
  input: string,
  conditions: readonly WaitCondition[],
  signal?: AbortSignal,
): Promise<ContainerWaitReport> {
  let record: ContainerRecord | undefined = await deps.store.resolve(input);
  const id = record.config.id;
  const wanted = conditions.length > 0 ? conditions : (['stopped'] as const);
  let lastExitCode = 0;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    // Removed meanwhile (--rm): it did stop, with the code it had when last seen.
    if (record === undefined) return { input, id, exitCode: lastExitCode };
    const state = observedState(record, deps.store.paths(id).exitFile, deps.processes);
    lastExitCode = state.exitCode ?? lastExitCode;
    if (meets(state.status, wanted)) return { input, id, exitCode: state.exitCode ?? 0 };
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, delay));
    record = await deps.store.read(id);
  }
}
