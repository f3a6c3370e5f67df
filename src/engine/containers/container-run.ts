// `run` = create + start (+ attach + wait + the foreground's own cleanup). Detached, conmon's exit command
// does the cleanup later; in the foreground this process does it and returns the container's exit code.
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
  const created = await createContainer(deps, image, settings, options);
  const id = created.id;
  const streams = options.attach;
  let attached: Promise<void> | undefined;
  let started: ContainerRecord;
  try {
    started = await deps.store.withLock(id, async () => {
      const record = (await deps.store.read(id))!;
      return startLocked(deps, record, {
        foreground: streams !== undefined,
        ...(streams ? { beforeStart: () => connect() } : {}),
      });
    });
  } catch (err) {
    if (settings.autoRemove) await removeAfterFailedStart(deps, id);
    throw err;
  }
  if (!streams) return { id, warnings: created.warnings };

  function connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      attached = deps.runtime.attach(deps.store.paths(id), id, streams!, { onConnected: resolve, ...(options.signal ? { signal: options.signal } : {}) });
      attached.catch(reject);
    });
  }

  await attached?.catch(() => undefined);
  await waitForExit(deps, started, Number.MAX_SAFE_INTEGER, options.signal);
  const exit = readExitFile(deps.store.paths(id).exitFile);
  await deps.store.withLock(id, async () => {
    const record = await deps.store.read(id);
    if (record) await cleanupLocked(deps, record, (r) => removeLocked(deps, r, { volumes: true }));
  });
  return { id, exitCode: exit?.exitCode ?? (await exitCodeOf(deps, id)), warnings: created.warnings };
}

async function exitCodeOf(deps: ContainerDeps, id: string): Promise<number> {
  return (await deps.store.read(id))?.state.exitCode ?? 0;
}
