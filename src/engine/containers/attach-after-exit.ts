// Attachments that arrive after the start: clients that start first and attach after (docker-compose run
// through dockerpty) would lose what the process printed before they connected, or all of a short run's
// output. An attachment just after the process ended (before the exit was processed: Docker ends such an
// attachment at once) gets the run replayed from the log; an output-only attachment within moments of the
// start follows the log from the start instead of conmon's socket, which only carries what comes after.
import type { Writable } from 'node:stream';
import { NotFoundError } from '../../errors/index.js';
import type { AttachStreams, ContainerAttachReport } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { readExitFile } from './container-liveness.js';
import { containerLogs } from './container-query.js';
import type { ContainerRecord } from './container-record.js';
import { waitForExit } from './container-stop.js';

const EXIT_SHOWS_WITHIN_MS = 5_000;

/** How soon after the start an attachment counts as part of the start sequence (start, then attach). */
export const ATTACH_AFTER_START_MS = 3_000;

/** Output only (stdin goes through conmon's socket), to a run that started moments ago. */
export function attachesJustAfterStart(record: ContainerRecord, streams: AttachStreams, now: Date): boolean {
  if (streams.stdin !== undefined || record.state.status !== 'running' || record.state.startedAt === undefined) return false;
  return now.getTime() - new Date(record.state.startedAt).getTime() < ATTACH_AFTER_START_MS;
}

/** The process ended but nobody has processed the exit yet: the window in which Docker's daemon ends an attach. */
export function exitNotProcessed(stored: ContainerRecord, observed: ContainerRecord): boolean {
  return stored.state.status === 'running' && observed.state.status !== 'running';
}

/**
 * The attach socket was gone although the container looked running: it ended between the look and the
 * connect (conmon closes the socket before it writes the exit file). True once the exit shows, within a bound.
 */
export async function endedMeanwhile(deps: ContainerDeps, record: ContainerRecord, err: unknown): Promise<boolean> {
  return err instanceof NotFoundError && (await waitForExit(deps, record, EXIT_SHOWS_WITHIN_MS));
}

function writeAll(stream: Writable, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

/**
 * Writes what the run printed (the log since its start) to the attached streams, following it while the run
 * lasts when `follow`, and reports its exit code. Without a separate stderr (a TTY), everything goes to
 * stdout, as the terminal had it.
 */
export async function replayRun(
  deps: ContainerDeps, record: ContainerRecord, streams: AttachStreams, options: { follow?: boolean; signal?: AbortSignal } = {},
): Promise<ContainerAttachReport> {
  const id = record.config.id;
  const since = record.state.startedAt ? Date.parse(record.state.startedAt) : undefined;
  for await (const line of containerLogs(deps, id, {
    ...(since !== undefined ? { since } : {}), ...(options.follow ? { follow: true } : {}), ...(options.signal ? { signal: options.signal } : {}),
  })) {
    const target = line.stream === 'stderr' ? streams.stderr ?? (record.config.tty ? streams.stdout : undefined) : streams.stdout;
    if (target) await writeAll(target, Buffer.from(line.text));
  }
  if (options.signal?.aborted) return { detached: true };
  const exitCode = readExitFile(deps.store.exitFile(id))?.exitCode ?? (await deps.store.read(id))?.state.exitCode;
  return { detached: false, ...(exitCode !== undefined ? { exitCode } : {}) };
}
