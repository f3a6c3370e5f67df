// Exec sessions on disk: one directory per session under its container's run directory, holding the
// session record, the process spec, and conmon's files (attach, ctl, pid files, exit directory).
// Sessions are volatile like the containers' run state: a reboot forgets them.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, NotFoundError } from '../../errors/index.js';
import { atomicWriteJson } from '../../util/atomic-write.js';
import type { ExecCreateOptions } from '../engine.js';
import type { ProcessRef } from './container-record.js';
import type { ContainerStore } from './container-store.js';

export interface ExecSessionState {
  status: 'created' | 'running' | 'exited';
  pid?: number;
  conmon?: ProcessRef;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface ExecSessionRecord {
  id: string;
  containerId: string;
  config: ExecCreateOptions;
  created: string;
  state: ExecSessionState;
}

export interface ExecSessionPaths {
  dir: string;
  record: string;
  processSpec: string;
  pidFile: string;
  conmonPidFile: string;
  exitDir: string;
  /** conmon writes the exit code under the container's id, in the session's own exit directory. */
  exitFile: string;
}

export function execSessionPaths(store: ContainerStore, containerId: string, execId: string): ExecSessionPaths {
  const dir = join(store.paths(containerId).run, 'exec', execId);
  return {
    dir,
    record: join(dir, 'session.json'),
    processSpec: join(dir, 'process.json'),
    pidFile: join(dir, 'pidfile'),
    conmonPidFile: join(dir, 'conmon.pid'),
    exitDir: join(dir, 'exits'),
    exitFile: join(dir, 'exits', containerId),
  };
}

export async function writeExecSession(store: ContainerStore, session: ExecSessionRecord): Promise<void> {
  const paths = execSessionPaths(store, session.containerId, session.id);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await atomicWriteJson(paths.record, session, 0o600);
}

async function readSession(path: string): Promise<ExecSessionRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ExecSessionRecord;
  } catch {
    return undefined;
  }
}

/** A session by its full id or a unique prefix, searched across the containers' run directories. */
export async function findExecSession(store: ContainerStore, input: string): Promise<ExecSessionRecord> {
  if (!/^[0-9a-f]{1,64}$/.test(input)) throw new NotFoundError(`no such exec session: ${input}`);
  const matches: ExecSessionRecord[] = [];
  for (const container of await store.list()) {
    const dir = join(store.paths(container.config.id).run, 'exec');
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(input))) {
      const session = await readSession(execSessionPaths(store, container.config.id, name).record);
      if (session) matches.push(session);
    }
  }
  const exact = matches.find((m) => m.id === input);
  if (exact) return exact;
  if (matches.length > 1) throw new InvalidArgumentError(`exec session id prefix ${input} is ambiguous`);
  if (matches.length === 0) throw new NotFoundError(`no such exec session: ${input}`);
  return matches[0]!;
}
