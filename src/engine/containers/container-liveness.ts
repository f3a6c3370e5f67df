// How a container is doing right now, learned without runc and without locks (ps, inspect, wait): the
// record, conmon's exit file and the start time of conmon's pid. A record that says `running` whose conmon
// is gone (killed, or the runroot vanished with a reboot) reads as exited.
import { isAlive as sameProcess, readExitFileAt } from '../../runtime/exit-status.js';
import type { ProcessTable } from '../../sys/process-table.js';
import type { ContainerRecord, ContainerState, ProcessRef } from './container-record.js';

/** When the monitor vanished without writing an exit code (Docker reports such containers as 255). */
export const LOST_EXIT_CODE = 255;

export interface ExitFile {
  exitCode: number;
  /** When conmon wrote it (its mtime). */
  time: string;
}

export function readExitFile(path: string): ExitFile | undefined {
  const exit = readExitFileAt(path);
  return exit === undefined ? undefined : { exitCode: exit.exitCode, time: exit.finishedAt.toISOString() };
}

export function isAlive(ref: ProcessRef | undefined, processes: ProcessTable): boolean {
  return ref !== undefined && sameProcess(ref, processes);
}

/** The state as a reader should show it; the record itself is corrected later by cleanup under the lock. */
export function observedState(record: ContainerRecord, exitFilePath: string, processes: ProcessTable): ContainerState {
  const state = record.state;
  if (state.status !== 'running') return state;
  const exit = readExitFile(exitFilePath);
  if (exit) return exitedState(state, exit.exitCode, exit.time);
  if (isAlive(state.conmon, processes)) return state;
  // conmon gone without an exit file: the container process may outlive it only if conmon was SIGKILLed.
  if (isAlive(state.process, processes)) return state;
  return exitedState(state, state.exitCode ?? LOST_EXIT_CODE, state.finishedAt ?? new Date().toISOString());
}

function exitedState(state: ContainerState, exitCode: number, finishedAt: string): ContainerState {
  const { process: _p, conmon: _c, network: _n, ...rest } = state;
  return { ...rest, status: 'exited', exitCode, finishedAt };
}
