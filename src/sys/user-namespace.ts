// The rootless pause process: find it through <runroot>/pause.pid, detect a dead or reused pid, and
// (re)create it under a lock so that two first commands racing end with one namespace. DESIGN §4.
// Without subordinate ids only the user's own id is mapped (to 0), with a warning: images whose files
// belong to other users cannot be used then.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { lock } from 'proper-lockfile';
import { UnavailableError } from '../errors/index.js';
import { atomicWrite } from '../util/atomic-write.js';
import { findSubordinateRange, idMapText, newIdMapArgv, rootlessIdMap, type IdMapEntry } from './id-maps.js';
import { procProcessTable, type ProcessTable } from './process-table.js';
import { readLine } from './line-reader.js';
import type { SpawnedProcess, Sys } from './sys.js';

export interface PauseRecord {
  pid: number;
  startTime: string;
}

export interface UserNamespaceOptions {
  runroot: string;
  uid: number;
  gid: number;
  userName: string;
  spawner: Pick<Sys, 'spawn' | 'run'>;
  pauseExecutable: () => string;
  processes?: ProcessTable;
  /** Reads /etc/subuid and /etc/subgid; undefined when a file is missing. */
  readTextFile: (path: string) => string | undefined;
  /** Writes /proc/<pid>/{setgroups,uid_map,gid_map} in the single-id fallback. */
  writeTextFile: (path: string, text: string) => void;
  warn?: (message: string) => void;
  /** Bound on each step of the pause process's start-up. */
  timeoutMs?: number;
  /** Ends a pause process whose start-up failed; SIGKILL by default. */
  killProcess?: (pid: number) => void;
}

/** pause.pid: the pid on the first line, its start time on the second. */
export function formatPauseRecord(record: PauseRecord): string {
  return `${record.pid}\n${record.startTime}\n`;
}

export function parsePauseRecord(text: string): PauseRecord | undefined {
  const [pidText, startTime] = text.split('\n');
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !startTime) return undefined;
  return { pid, startTime };
}

export class UserNamespace {
  readonly pidFile: string;
  private readonly processes: ProcessTable;

  constructor(private readonly options: UserNamespaceOptions) {
    this.pidFile = join(options.runroot, 'pause.pid');
    this.processes = options.processes ?? procProcessTable;
  }

  /** The live pause pid from the pid file, or undefined when there is none, it died, or its pid was reused. */
  async current(): Promise<number | undefined> {
    let text: string;
    try {
      text = await readFile(this.pidFile, 'utf8');
    } catch {
      return undefined;
    }
    const record = parsePauseRecord(text);
    if (record === undefined) return undefined;
    return this.processes.startTime(record.pid) === record.startTime ? record.pid : undefined;
  }

  /** The pause pid, creating the pause process when there is no live one. */
  async ensure(): Promise<number> {
    const live = await this.current();
    if (live !== undefined) return live;
    await mkdir(this.options.runroot, { recursive: true, mode: 0o700 });
    const release = await lock(this.options.runroot, {
      lockfilePath: join(this.options.runroot, 'pause.lock'),
      realpath: false,
      stale: 15_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 100 },
    });
    try {
      const raced = await this.current();
      if (raced !== undefined) return raced;
      const record = await this.create();
      await atomicWrite(this.pidFile, formatPauseRecord(record), 0o600);
      return record.pid;
    } finally {
      await release();
    }
  }

  private async create(): Promise<PauseRecord> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const child = await this.options.spawner.spawn({
      argv: [this.options.pauseExecutable()],
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    const toPause = child.pipes[0] as Writable;
    const fromPause = child.pipes[1] as Readable;
    try {
      await this.expect(fromPause, 'userns', timeoutMs);
      await this.writeIdMaps(child.pid);
      toPause.write('mapped\n');
      await this.expect(fromPause, 'ready', timeoutMs);
    } catch (err) {
      await this.kill(child, timeoutMs);
      throw new UnavailableError(`cannot create the rootless user namespace: ${(err as Error).message}`, { cause: err });
    } finally {
      toPause.destroy();
      fromPause.destroy();
    }
    const startTime = this.processes.startTime(child.pid);
    if (startTime === undefined) throw new UnavailableError('the rootless pause process exited right after start-up');
    return { pid: child.pid, startTime };
  }

  private async expect(stream: Readable, wanted: string, timeoutMs: number): Promise<void> {
    const line = await readLine(stream, timeoutMs);
    if (line === wanted) return;
    const failure = /^error (\S+) (\d+)$/.exec(line ?? '');
    if (failure) throw new Error(`tsmoby-pause: ${failure[1]} failed with errno ${failure[2]}`);
    throw new Error(`tsmoby-pause: expected "${wanted}", got ${line === undefined ? 'end of output' : `"${line}"`}`);
  }

  private async writeIdMaps(pid: number): Promise<void> {
    const { uid, gid, userName } = this.options;
    const uidRange = findSubordinateRange(this.options.readTextFile('/etc/subuid') ?? '', { name: userName, id: uid });
    const gidRange = findSubordinateRange(this.options.readTextFile('/etc/subgid') ?? '', { name: userName, id: uid });
    if (uidRange === undefined || gidRange === undefined) {
      this.options.warn?.(
        `no subordinate ids for ${userName} in /etc/subuid and /etc/subgid: only your own user is mapped ` +
          '(to root) in the user namespace, and images with files owned by other users will not work',
      );
      // A single mapping of one's own id needs no helper, but gid_map only after setgroups is denied.
      this.options.writeTextFile(`/proc/${pid}/setgroups`, 'deny');
      this.options.writeTextFile(`/proc/${pid}/uid_map`, idMapText(rootlessIdMap(uid, undefined)));
      this.options.writeTextFile(`/proc/${pid}/gid_map`, idMapText(rootlessIdMap(gid, undefined)));
      return;
    }
    await this.runIdMapTool('newuidmap', pid, rootlessIdMap(uid, uidRange));
    await this.runIdMapTool('newgidmap', pid, rootlessIdMap(gid, gidRange));
  }

  private async runIdMapTool(tool: 'newuidmap' | 'newgidmap', pid: number, map: IdMapEntry[]): Promise<void> {
    const argv = newIdMapArgv(tool, pid, map);
    const result = await this.options.spawner.run({ argv });
    if (result.exitCode !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr.trim()}`);
  }

  private async kill(child: SpawnedProcess, timeoutMs: number): Promise<void> {
    try {
      (this.options.killProcess ?? ((pid) => process.kill(pid, 'SIGKILL')))(child.pid);
    } catch {
      return;
    }
    await Promise.race([child.wait(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
