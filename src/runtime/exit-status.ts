// How a container ended, learned without calling the runtime: conmon's exit file (`<exit-dir>/<cid>`, the code,
// no newline, renamed into place) and the liveness of the conmon and container pids checked with their start
// times, so a reused pid never passes for the container.
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { procProcessTable, type ProcessTable } from '../sys/process-table.js';

/** A pid together with its start time (from /proc/<pid>/stat), as recorded when it was started. */
export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

export interface ExitRecord {
  exitCode: number;
  /** When conmon wrote the file: the container's finish time. */
  finishedAt: Date;
}

export type Liveness =
  | { state: 'running' }
  | { state: 'exited'; exitCode: number; finishedAt: Date }
  /** Neither an exit file nor a live monitor: the host rebooted or the monitor was killed. */
  | { state: 'lost' };

export function exitFilePath(exitDir: string, cid: string): string {
  return join(exitDir, cid);
}

function parseExitCode(text: string): number | undefined {
  const exitCode = Number(text.trim());
  return text.trim() === '' || !Number.isInteger(exitCode) ? undefined : exitCode;
}

/** The exit record, or undefined while there is none (or it is unreadable, e.g. mid-rename). */
export async function readExitFile(exitDir: string, cid: string): Promise<ExitRecord | undefined> {
  const path = exitFilePath(exitDir, cid);
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const exitCode = parseExitCode(text);
    return exitCode === undefined ? undefined : { exitCode, finishedAt: info.mtime };
  } catch {
    return undefined;
  }
}

/** The same, for readers that must not wait (ps and inspect look at many containers in one pass). */
export function readExitFileAt(path: string): ExitRecord | undefined {
  try {
    const exitCode = parseExitCode(readFileSync(path, 'utf8'));
    return exitCode === undefined ? undefined : { exitCode, finishedAt: statSync(path).mtime };
  } catch {
    return undefined;
  }
}

export function identify(pid: number, table: ProcessTable = procProcessTable): ProcessIdentity | undefined {
  const startTime = table.startTime(pid);
  return startTime === undefined ? undefined : { pid, startTime };
}

export function isAlive(identity: ProcessIdentity, table: ProcessTable = procProcessTable): boolean {
  return table.startTime(identity.pid) === identity.startTime;
}

export interface LivenessQuery {
  exitDir: string;
  cid: string;
  conmon?: ProcessIdentity;
  container?: ProcessIdentity;
  processes?: ProcessTable;
}

/** The exit file wins; else a live container or monitor means running; else the container was lost. */
export async function containerLiveness(q: LivenessQuery): Promise<Liveness> {
  const table = q.processes ?? procProcessTable;
  const exit = await readExitFile(q.exitDir, q.cid);
  if (exit !== undefined) return { state: 'exited', ...exit };
  const alive = [q.container, q.conmon].some((id) => id !== undefined && isAlive(id, table));
  if (alive) return { state: 'running' };
  // The monitor may have written the file between our two looks.
  const late = await readExitFile(q.exitDir, q.cid);
  return late !== undefined ? { state: 'exited', ...late } : { state: 'lost' };
}

export interface WaitExitOptions {
  /** Stop waiting (undefined result) when this monitor dies without writing the file. */
  conmon?: ProcessIdentity;
  processes?: ProcessTable;
  signal?: AbortSignal;
  timeoutMs?: number;
  pollMs?: number;
}

/** Waits for the exit file; undefined when the monitor died without one, the signal aborted or time ran out. */
export async function waitForExitFile(exitDir: string, cid: string, opts: WaitExitOptions = {}): Promise<ExitRecord | undefined> {
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  const table = opts.processes ?? procProcessTable;
  for (;;) {
    const exit = await readExitFile(exitDir, cid);
    if (exit !== undefined) return exit;
    if (opts.conmon !== undefined && !isAlive(opts.conmon, table)) return readExitFile(exitDir, cid);
    if (opts.signal?.aborted || Date.now() >= deadline) return undefined;
    await delay(Math.min(opts.pollMs ?? 50, deadline - Date.now()), opts.signal);
  }
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
