// An attached client, for run, attach, start -a and exec: the streams through conmon's attach socket, the
// client's terminal size through the ctl FIFO (at connect and on every change), and the signals it proxies.
import { ConflictError } from '../../errors/index.js';
import { signalDisposition, terminatesByDefault } from '../../runtime/signal-disposition.js';
import { parseSignal } from '../../runtime/signals.js';
import type { AttachControls, AttachStreams, ContainerAttachReport, TerminalSize } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState, readExitFile } from './container-liveness.js';
import type { ContainerPaths } from './container-paths.js';
import type { ContainerRecord } from './container-record.js';
import { startLocked } from './container-start.js';
import { waitForExit } from './container-stop.js';

const SIGKILL = 9;

export interface AttachTarget {
  paths: ContainerPaths;
  /** The container id, or the exec session id: names the attach socket. */
  socketId: string;
  /** Where the ctl FIFO is: the bundle, or the exec session's directory. */
  ctlDir: string;
  tty: boolean;
  record: ContainerRecord;
}

export interface AttachOutcome {
  /** A proxied signal the container's init would have dropped, so it was ended with SIGKILL instead. */
  forcedSignal?: number;
}

/**
 * A signal the client forwards. The container's init is the init of a pid namespace: a signal it has no
 * handler for never reaches it. The user who pressed Ctrl-C meant the default action, so a signal that
 * terminates by default and that init neither catches nor ignores ends the container with SIGKILL, and
 * the outcome reports the signal the user sent (exit 128 + signal, as a shell shows it).
 */
async function forwardSignal(deps: ContainerDeps, id: string, name: string): Promise<number | undefined> {
  const signal = parseSignal(name);
  const record = await deps.store.read(id);
  if (!record || observedState(record, deps.store.paths(id).exitFile, deps.processes).status !== 'running') return undefined;
  await deps.runtime.kill(id, signal).catch(() => undefined);
  const pid = record.state.process?.pid;
  if (pid === undefined || !terminatesByDefault(signal) || signalDisposition(pid, signal) !== 'default') return undefined;
  await deps.runtime.kill(id, SIGKILL).catch(() => undefined);
  return signal;
}

export async function attachStreams(
  deps: ContainerDeps,
  target: AttachTarget,
  streams: AttachStreams & AttachControls,
  options: { onConnected?: () => void; initialSize?: TerminalSize } = {},
): Promise<AttachOutcome> {
  const outcome: AttachOutcome = {};
  const unsubscribe: Array<() => void> = [];
  const resize = (size: TerminalSize) => deps.runtime.resize(target.ctlDir, size).catch(() => undefined);
  const onConnected = () => {
    const size = target.tty ? streams.terminalSize?.current() ?? options.initialSize : undefined;
    if (target.tty && streams.terminalSize) unsubscribe.push(streams.terminalSize.onChange((s) => void resize(s)));
    if (streams.signals) {
      unsubscribe.push(streams.signals.onSignal((name) => {
        void forwardSignal(deps, target.record.config.id, name).then((forced) => {
          if (forced !== undefined) outcome.forcedSignal ??= forced;
        }, () => undefined);
      }));
    }
    // The process starts once onConnected ran: its first `stty size` must already see the client's size.
    void (size ? resize(size) : Promise.resolve()).then(() => options.onConnected?.());
  };
  try {
    await deps.runtime.attach(target.paths, target.socketId, streams, {
      onConnected, ...(streams.signal ? { signal: streams.signal } : {}),
    });
  } finally {
    for (const off of unsubscribe) off();
  }
  return outcome;
}

/** After an attachment ended without a detach: the container's exit code, once conmon wrote it. */
async function exitReport(deps: ContainerDeps, record: ContainerRecord, outcome: AttachOutcome, detached: boolean): Promise<ContainerAttachReport> {
  if (detached) return { detached: true };
  await waitForExit(deps, record, 30_000);
  const exit = readExitFile(deps.store.paths(record.config.id).exitFile);
  const exitCode = outcome.forcedSignal !== undefined ? 128 + outcome.forcedSignal : exit?.exitCode ?? (await deps.store.read(record.config.id))?.state.exitCode;
  return { detached: false, ...(exitCode !== undefined ? { exitCode } : {}) };
}

function targetOf(deps: ContainerDeps, record: ContainerRecord): AttachTarget {
  const paths = deps.store.paths(record.config.id);
  return { paths, socketId: record.config.id, ctlDir: paths.bundle, tty: record.config.tty, record };
}

async function attachContainer(deps: ContainerDeps, name: string, streams: AttachStreams & AttachControls): Promise<ContainerAttachReport> {
  const record = await deps.store.resolve(name);
  if (observedState(record, deps.store.paths(record.config.id).exitFile, deps.processes).status !== 'running') {
    throw new ConflictError(`you can only attach to running containers: container ${record.config.name} is not running`);
  }
  return attachRecord(deps, record, streams);
}

/** Attaches to a container that runs now; `onConnected` fires once no output can be missed any more. */
export async function attachRecord(
  deps: ContainerDeps, record: ContainerRecord, streams: AttachStreams & AttachControls, onConnected?: () => void,
): Promise<ContainerAttachReport> {
  const outcome = await attachStreams(deps, targetOf(deps, record), streams, onConnected ? { onConnected } : {});
  return exitReport(deps, record, outcome, streams.signal?.aborted === true);
}

/** `start -a`: conmon's exit command cleans up (the client may detach), so this is not a foreground start. */
export async function startAttached(deps: ContainerDeps, name: string, streams: AttachStreams & AttachControls): Promise<ContainerAttachReport> {
  const resolved = await deps.store.resolve(name);
  const id = resolved.config.id;
  let attached: Promise<AttachOutcome> | undefined;
  const started = await deps.store.withLock(id, async () => {
    const record = (await deps.store.read(id)) ?? resolved;
    if (record.state.status === 'running') return undefined;
    return startLocked(deps, record, {
      beforeStart: () => new Promise<void>((resolve, reject) => {
        attached = attachStreams(deps, targetOf(deps, record), streams, { onConnected: resolve });
        attached.catch(reject);
      }),
    });
  });
  if (started === undefined) return attachContainer(deps, id, streams);
  const outcome = (await attached?.catch(() => ({}))) ?? {};
  return exitReport(deps, started, outcome, streams.signal?.aborted === true);
}
