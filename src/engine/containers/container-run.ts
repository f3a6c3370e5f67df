// `run` = create + start (+ attach + wait + the foreground's own cleanup). Detached, conmon's exit command
// does the cleanup later; in the foreground this process does it and returns the container's exit code.
import { assertHostPortsFree, HostPortInUseError } from '../../network/free-port.js';
import type { ContainerRunOptions, ContainerRunReport } from '../engine.js';
import type { ContainerSettings } from './container-config.js';
import { createContainer } from './container-create.js';
import type { ContainerDeps } from './container-deps.js';
import { readExitFile } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { cleanupLocked } from './container-cleanup.js';
import { removeLocked } from './container-remove.js';
import { startLocked } from './container-start.js';
import { waitForExit } from './container-stop.js';
import { attachStreams, type AttachOutcome } from './container-attach.js';

async function removeAfterFailedStart(deps: ContainerDeps, id: string): Promise<void> {
  await deps.store.withLock(id, async () => {
    const record = await deps.store.read(id);
    if (record) await removeLocked(deps, record, { force: true, volumes: true });
  }).catch(() => undefined);
}

export async function runContainer(
  deps: ContainerDeps,
  image: string,
  settings: ContainerSettings,
  options: ContainerRunOptions = {},
): Promise<ContainerRunReport> {
  // A busy host port fails the run before anything exists, as it would fail the start anyway.
  await assertHostPortsFree(settings.portMappings);
  const created = await createContainer(deps, image, settings, options);
  const id = created.id;
  const streams = options.attach;
  let attached: Promise<AttachOutcome> | undefined;
  let started: ContainerRecord;
  try {
    started = await deps.store.withLock(id, async () => {
      const record = (await deps.store.read(id))!;
      return startLocked(deps, record, {
        foreground: streams !== undefined,
        ...(streams ? { beforeStart: () => connect(record) } : {}),
      });
    });
  } catch (err) {
    // A port taken between the check above and the start is the same refusal: nothing of this run is left.
    if (settings.autoRemove || err instanceof HostPortInUseError) await removeAfterFailedStart(deps, id);
    throw err;
  }
  if (!streams) return { id, warnings: created.warnings };

  function connect(record: ContainerRecord): Promise<void> {
    const paths = deps.store.paths(id);
    const signal = streams!.signal ?? options.signal;
    return new Promise((resolve, reject) => {
      attached = attachStreams(deps, { paths, socketId: id, ctlDir: paths.bundle, tty: record.config.tty, record }, {
        ...streams!, ...(signal ? { signal } : {}),
      }, { onConnected: resolve });
      attached.catch(reject);
    });
  }

  const outcome = (await attached?.catch(() => undefined)) ?? {};
  // Detached by the client (detach keys): the container runs on; whoever reads it next reconciles it.
  if (streams.signal?.aborted) return { id, warnings: created.warnings };
  await waitForExit(deps, started, Number.MAX_SAFE_INTEGER, options.signal);
  const exit = readExitFile(deps.store.paths(id).exitFile);
  await deps.store.withLock(id, async () => {
    const record = await deps.store.read(id);
    if (record) await cleanupLocked(deps, record, (r) => removeLocked(deps, r, { volumes: true }));
  });
  const exitCode = outcome.forcedSignal !== undefined ? 128 + outcome.forcedSignal : exit?.exitCode ?? (await exitCodeOf(deps, id));
  return { id, exitCode, warnings: created.warnings };
}

async function exitCodeOf(deps: ContainerDeps, id: string): Promise<number> {
  return (await deps.store.read(id))?.state.exitCode ?? 0;
}
