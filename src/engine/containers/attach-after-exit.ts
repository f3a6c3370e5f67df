// An attachment that arrives just after the container's process ended, before the exit was processed (the
// record still says running): Docker ends such an attachment at once. Clients that start first and attach
// after (docker-compose run through dockerpty) would lose the whole output of a short run, so it is replayed.
import type { Writable } from 'node:stream';
import { NotFoundError } from '../../errors/index.js';
import type { AttachStreams, ContainerAttachReport } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { readExitFile } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { waitForExit } from './container-stop.js';

const EXIT_SHOWS_WITHIN_MS = 5_000;

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
 * Writes what the run that just ended printed (the log since its start) to the attached streams and reports
 * its exit code. Without a separate stderr (a TTY), everything goes to stdout, as the terminal had it.
 */
export async function replayEndedRun(deps: ContainerDeps, record: ContainerRecord, streams: AttachStreams): Promise<ContainerAttachReport> {
  const id = record.config.id;
  const paths = deps.store.paths(id);
  const since = record.state.startedAt ? new Date(record.state.startedAt) : undefined;
  for await (const line of deps.runtime.readLog(paths.log, since ? { since } : {})) {
    const target = line.stream === 'stderr' ? streams.stderr ?? (record.config.tty ? streams.stdout : undefined) : streams.stdout;
    if (target) await writeAll(target, Buffer.from(line.text));
  }
  const exitCode = readExitFile(paths.exitFile)?.exitCode ?? (await deps.store.read(id))?.state.exitCode;
  return { detached: false, ...(exitCode !== undefined ? { exitCode } : {}) };
}
