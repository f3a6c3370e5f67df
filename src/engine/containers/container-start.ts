// `start`: mount the rootfs, write the generated /etc files, let conmon run `runtime create`, attach the
// network to the new container's namespace, then `runtime start`; record `running`. Any failure undoes
// what was done and leaves the container `created` with the error, as Docker shows a failed start.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { ConflictError, TsmobyError } from '../../errors/index.js';
import { emitContainerEvent } from './container-events.js';
import { atomicWriteJson } from '../../util/atomic-write.js';
import type { ContainerDeps, NetworkSetup } from './container-deps.js';
import type { ContainerPaths } from './container-paths.js';
import type { ContainerRecord, NetworkRuntime, ProcessRef } from './container-record.js';
import { mountRootfs, unmountRootfs } from './rootfs.js';

export interface StartHooks {
  /** Runs after `runtime create` and before `runtime start`: `run` connects to the attach socket here. */
  beforeStart?: () => Promise<void>;
  /** True when a foreground `run` waits and cleans up itself, so conmon needs no exit command. */
  foreground?: boolean;
}

function processRef(deps: ContainerDeps, pid: number): ProcessRef | undefined {
  const startTime = deps.processes.startTime(pid);
  return startTime === undefined ? undefined : { pid, startTime };
}

async function conmonRef(deps: ContainerDeps, paths: ContainerPaths): Promise<ProcessRef | undefined> {
  const pid = Number((await readFile(paths.conmonPidFile, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? processRef(deps, pid) : undefined;
}

export function needsExitCommand(record: ContainerRecord, foreground: boolean): boolean {
  return !foreground || record.config.restartPolicy.name !== 'no';
}

/** The caller holds the container's lock. Returns the record as written (`running`). */
export async function startLocked(deps: ContainerDeps, record: ContainerRecord, hooks: StartHooks = {}): Promise<ContainerRecord> {
  const { config } = record;
  if (record.state.status === 'running') return record;
  if (record.state.status === 'removing') throw new ConflictError(`container ${config.name} is being removed`);
  const paths = deps.store.paths(config.id);
  await Promise.all([rm(paths.exitFile, { force: true }), rm(paths.conmonPidFile, { force: true }), rm(paths.pidFile, { force: true })]);
  const undo: Array<() => Promise<void>> = [];
  try {
    // The overlay mount (a forked child) and the network's preparation (host files, /etc files) are
    // independent: both run at once, and whichever succeeded is undone when the other failed.
    const [mounted, prepared] = await Promise.allSettled([
      mountRootfs(deps, record.layers, paths).then(() => { undo.push(() => unmountRootfs(deps, paths)); }),
      deps.network.prepare(record).then(async (setup) => {
        undo.push(() => setup.abort());
        if (config.network.mode !== 'host') await writeEtcFiles(setup.etc, paths);
        if (setup.joinNetns !== undefined) await joinNetworkNamespace(paths.spec, setup.joinNetns);
        return setup;
      }),
    ]);
    if (mounted.status === 'rejected') throw mounted.reason;
    if (prepared.status === 'rejected') throw prepared.reason;
    const setup = prepared.value;
    const exitCommand = needsExitCommand(record, hooks.foreground === true)
      ? [...deps.selfCommand, 'container', 'cleanup', config.id]
      : undefined;
    // Before the process can print anything: `logs --since StartedAt` holds the whole run.
    const startedAt = deps.now().toISOString();
    const { pid, startReturned } = await deps.runtime.create({ record, paths, inheritFds: setup.conmonFds, ...(exitCommand ? { exitCommand } : {}) });
    undo.push(() => deps.runtime.delete(config.id));
    let network: NetworkRuntime | undefined;
    try {
      const attached = await setup.attach(pid);
      network = attached;
      undo.push(() => deps.network.detach(record, attached));
      await hooks.beforeStart?.();
      await deps.runtime.start(config.id);
    } finally {
      // conmon deletes the runtime state when the container exits, but not before this says that
      // `runtime start` returned: a process that ends at once must not lose its state under the start.
      startReturned?.();
    }
    const conmon = await conmonRef(deps, paths);
    const process = processRef(deps, pid);
    const next: ContainerRecord = {
      ...record,
      state: {
        ...record.state, status: 'running', mounted: true, stoppedByUser: false,
        startedAt, exitCode: 0,
        ...(process ? { process } : {}), ...(conmon ? { conmon } : {}), ...(network ? { network } : {}),
      },
    };
    delete next.state.finishedAt;
    delete next.state.error;
    await deps.store.write(next);
    await emitContainerEvent(deps.events, next, 'start');
    return next;
  } catch (err) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    const exitCode = err instanceof TsmobyError && err.kind === 'command-not-found' ? 127 : err instanceof TsmobyError && err.kind === 'cannot-invoke' ? 126 : 125;
    await deps.store.write({
      ...record,
      state: { ...record.state, status: record.state.status === 'created' ? 'created' : 'exited', mounted: false, error: (err as Error).message, exitCode },
    });
    throw err;
  }
}

async function writeEtcFiles(files: NetworkSetup['etc'], paths: ContainerPaths): Promise<void> {
  await mkdir(paths.userdata, { recursive: true, mode: 0o755 });
  await Promise.all([
    writeFile(paths.hosts, files.hosts, { mode: 0o644 }),
    writeFile(paths.resolvConf, files.resolvConf, { mode: 0o644 }),
    writeFile(paths.hostname, files.hostname, { mode: 0o644 }),
  ]);
}

/** --network container:<id>: the other container's namespace is known only now, so the spec is patched. */
async function joinNetworkNamespace(specPath: string, netnsPath: string): Promise<void> {
  const spec = JSON.parse(await readFile(specPath, 'utf8')) as { linux?: { namespaces?: Array<{ type: string; path?: string }> } };
  const namespaces = spec.linux?.namespaces ?? [];
  const net = namespaces.find((n) => n.type === 'network');
  if (net) net.path = netnsPath;
  else namespaces.push({ type: 'network', path: netnsPath });
  await atomicWriteJson(specPath, spec, 0o600);
}
