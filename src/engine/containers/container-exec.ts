// Exec sessions, split as the Docker API splits them: create records the session under its container,
// start writes the process spec and has conmon run `runtime exec` (attached or detached), inspect reports
// the session as it is now (a detached session's end is learned from conmon's exit file).
import { readFile, rm } from 'node:fs/promises';
import { ConflictError, InvalidArgumentError, TsmobyError, exitCodeByKind } from '../../errors/index.js';
import type { OciSpec } from '../../runtime/oci-spec.js';
import { atomicWriteJson } from '../../util/atomic-write.js';
import { newId } from '../../util/short-id.js';
import type { ExecCreateOptions, ExecCreateReport, ExecInspect, ExecStartOptions, ExecStartReport, TerminalSize } from '../engine.js';
import { attachStreams } from './container-attach.js';
import type { ContainerDeps } from './container-deps.js';
import { isAlive, observedState, readExitFile } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';
import { execProcess } from './exec-process.js';
import { execSessionPaths, findExecSession, writeExecSession, type ExecSessionRecord } from './exec-session.js';
import { resolveUser } from './resolve-user.js';
import { accountFiles } from './rootfs.js';

function requireRunning(deps: ContainerDeps, record: ContainerRecord): void {
  const state = observedState(record, deps.store.paths(record.config.id).exitFile, deps.processes);
  if (state.status !== 'running') throw new ConflictError(`container ${record.config.name} is not running`);
}

export async function execCreate(deps: ContainerDeps, name: string, options: ExecCreateOptions): Promise<ExecCreateReport> {
  if (options.command.length === 0) throw new InvalidArgumentError('exec requires at least one argument: the command to run');
  const record = await deps.store.resolve(name);
  requireRunning(deps, record);
  const session: ExecSessionRecord = {
    id: newId(), containerId: record.config.id, config: options, created: deps.now().toISOString(), state: { status: 'created' },
  };
  await writeExecSession(deps.store, session);
  await deps.events.emit('container', `exec_create: ${options.command.join(' ')}`, record.config.id, {
    name: record.config.name, image: record.config.image.name, execID: session.id,
  });
  return { id: session.id };
}

/** -u resolved against the container's files as they are now: its upper layer over the image's layers. */
async function execUser(deps: ContainerDeps, record: ContainerRecord, user: string | undefined) {
  if (user === undefined || user === '') return undefined;
  const dirs = [deps.store.paths(record.config.id).upper, ...[...record.layers].reverse().map((c) => deps.layerDiffPath(c))];
  return resolveUser(user, await accountFiles(dirs));
}

export async function execStart(deps: ContainerDeps, execId: string, options: ExecStartOptions = {}): Promise<ExecStartReport> {
  const session = await findExecSession(deps.store, execId);
  if (session.state.status !== 'created') throw new ConflictError(`exec session ${session.id} has already been started`);
  const record = (await deps.store.read(session.containerId)) ?? (await deps.store.resolve(session.containerId));
  requireRunning(deps, record);
  const paths = execSessionPaths(deps.store, record.config.id, session.id);
  const spec = JSON.parse(await readFile(deps.store.paths(record.config.id).spec, 'utf8')) as OciSpec;
  const process = execProcess(spec.process, record, session.config, await execUser(deps, record, session.config.user));
  await atomicWriteJson(paths.processSpec, process, 0o600);
  await rm(paths.exitFile, { force: true });
  const streams = options.attach;
  const tty = session.config.tty === true;
  let attached: Promise<unknown> | undefined;
  const connect = () => new Promise<void>((resolve, reject) => {
    attached = attachStreams(deps, {
      paths: deps.store.paths(record.config.id), socketId: session.id, ctlDir: paths.dir, tty, record,
    }, streams!, { onConnected: resolve, ...(options.terminalSize ? { initialSize: options.terminalSize } : {}) });
    attached.catch(reject);
  });
  const started = await deps.runtime.exec({
    containerId: record.config.id, sessionId: session.id, sessionDir: paths.dir, processSpecPath: paths.processSpec,
    pidFile: paths.pidFile, conmonPidFile: paths.conmonPidFile, exitDir: paths.exitDir,
    attachSocketDir: deps.store.paths(record.config.id).attachSocketDir, terminal: tty,
    stdin: streams?.stdin !== undefined && session.config.stdin === true, attach: streams !== undefined,
  }, streams ? { onAttachReady: connect } : {}).catch(async (err: unknown) => {
    // As Docker: the session reports the command's failure as its exit code (126, 127) to whoever inspects it.
    const exitCode = err instanceof TsmobyError && (err.kind === 'command-not-found' || err.kind === 'cannot-invoke') ? exitCodeByKind[err.kind] : 126;
    await writeExecSession(deps.store, { ...session, state: { status: 'exited', exitCode, finishedAt: deps.now().toISOString() } });
    throw err;
  });
  const conmonPid = Number((await readFile(paths.conmonPidFile, 'utf8').catch(() => '')).trim());
  const conmonStart = conmonPid > 0 ? deps.processes.startTime(conmonPid) : undefined;
  const running: ExecSessionRecord = {
    ...session,
    state: {
      status: 'running', pid: started.pid, startedAt: deps.now().toISOString(),
      ...(conmonStart !== undefined ? { conmon: { pid: conmonPid, startTime: conmonStart } } : {}),
    },
  };
  await writeExecSession(deps.store, running);
  const attrs = { name: record.config.name, image: record.config.image.name, execID: session.id };
  await deps.events.emit('container', `exec_start: ${session.config.command.join(' ')}`, record.config.id, attrs);
  if (!streams) {
    started.exitCode.catch(() => undefined);
    return { id: session.id, pid: started.pid };
  }
  await attached?.catch(() => undefined);
  const exitCode = await started.exitCode;
  await writeExecSession(deps.store, { ...running, state: { ...running.state, status: 'exited', exitCode, finishedAt: deps.now().toISOString() } });
  await deps.events.emit('container', 'exec_died', record.config.id, { ...attrs, exitCode: String(exitCode) });
  return { id: session.id, pid: started.pid, exitCode };
}

export async function execInspect(deps: ContainerDeps, execId: string): Promise<ExecInspect> {
  const session = await findExecSession(deps.store, execId);
  const state = { ...session.state };
  if (state.status === 'running') {
    const exit = readExitFile(execSessionPaths(deps.store, session.containerId, session.id).exitFile);
    if (exit) Object.assign(state, { status: 'exited', exitCode: exit.exitCode });
    else if (!isAlive(state.conmon, deps.processes)) Object.assign(state, { status: 'exited', exitCode: state.exitCode ?? -1 });
  }
  const [entrypoint = '', ...args] = session.config.command;
  return {
    ID: session.id,
    ContainerID: session.containerId,
    Running: state.status === 'running',
    ExitCode: state.status === 'exited' ? state.exitCode ?? null : null,
    Pid: state.pid ?? 0,
    OpenStdin: session.config.stdin === true,
    OpenStdout: true,
    OpenStderr: true,
    CanRemove: false,
    DetachKeys: session.config.detachKeys ?? '',
    ProcessConfig: {
      entrypoint, arguments: args, privileged: session.config.privileged === true, tty: session.config.tty === true,
      user: session.config.user ?? '',
    },
  };
}

export async function execResize(deps: ContainerDeps, execId: string, size: TerminalSize): Promise<void> {
  const session = await findExecSession(deps.store, execId);
  await deps.runtime.resize(execSessionPaths(deps.store, session.containerId, session.id).dir, size);
}
