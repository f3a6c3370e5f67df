// A thin wrapper over the OCI runtime binary (runc or a compatible one) for the verbs tsmoby runs itself:
// start, kill, delete, state, ps. `create` is conmon's job. Always `--root <runroot>/runc`; rootless, the
// runtime runs joined to the pause namespace, where it is root.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError, NotFoundError } from '../errors/index.js';
import type { RunResult, Sys } from '../sys/sys.js';
import { pidsInPidNamespace } from './pid-namespace.js';
import { parseSignal } from './signals.js';

export interface OciRuntimeOptions {
  sys: Pick<Sys, 'ensureNamespace' | 'run'>;
  /** The runtime executable (`--runtime`); a bare name is looked up on PATH. */
  runtimePath: string;
  /** tsmoby's runroot; the runtime's state lives in `<runroot>/runc`. */
  runroot: string;
}

/** What `runc state` prints (the OCI state plus runc's extras). */
export interface OciRuntimeState {
  ociVersion: string;
  id: string;
  status: 'creating' | 'created' | 'running' | 'paused' | 'stopped';
  pid: number;
  bundle: string;
  rootfs?: string;
  created?: string;
  owner?: string;
  annotations?: Record<string, string>;
}

/** The runtime's `--root` directory for a runroot. */
export function runtimeRootDir(runroot: string): string {
  return join(runroot, 'runc');
}

/** runc logs `time=... level=error msg="..."`; the user wants the msg, unquoted. */
export function runtimeErrorText(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  const messages = lines.map((line) => {
    const m = /\bmsg="((?:[^"\\]|\\.)*)"/.exec(line);
    return m ? m[1]!.replace(/\\(.)/g, '$1') : line.trim();
  });
  return messages.join('; ');
}

export function isDoesNotExist(stderr: string): boolean {
  return /container (\S+ )?does not exist|container not found/i.test(stderr);
}

export class OciRuntime {
  readonly rootDir: string;

  constructor(private readonly options: OciRuntimeOptions) {
    this.rootDir = runtimeRootDir(options.runroot);
  }

  /** Global arguments that go before every subcommand (also handed to conmon as --runtime-arg). */
  globalArgs(): string[] {
    return ['--root', this.rootDir];
  }

  async start(id: string): Promise<void> {
    await this.invoke(id, ['start', id]);
  }

  /** Sends a signal (name or number) to the container's init, or with `all` to every process in it. */
  async kill(id: string, signal: string | number = 'SIGTERM', opts: { all?: boolean } = {}): Promise<void> {
    const num = typeof signal === 'number' ? signal : parseSignal(signal);
    await this.invoke(id, ['kill', ...(opts.all ? ['--all'] : []), id, String(num)]);
  }

  async delete(id: string, opts: { force?: boolean } = {}): Promise<void> {
    await this.invoke(id, ['delete', ...(opts.force ? ['--force'] : []), id]);
  }

  /** Whether the runtime still keeps state for the container (its state directory under --root): a
   *  stat instead of a process, so that cleanup after conmon's own `delete` spawns nothing. */
  knows(id: string): boolean {
    return existsSync(join(this.rootDir, id));
  }

  /** The runtime's view of the container; undefined when it does not know it. */
  async state(id: string): Promise<OciRuntimeState | undefined> {
    let result: RunResult;
    try {
      result = await this.invoke(id, ['state', id]);
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
    try {
      return JSON.parse(result.stdout) as OciRuntimeState;
    } catch (err) {
      throw new InternalError(`cannot parse the output of ${this.options.runtimePath} state ${id}`, { cause: err });
    }
  }

  /** The host pids of the container's processes (for `top`). Without cgroup access (rootless on cgroup
   *  v1) `runc ps` fails; then the pids sharing the init's pid namespace are the answer. */
  async ps(id: string): Promise<number[]> {
    let result: RunResult;
    try {
      result = await this.invoke(id, ['ps', '--format', 'json', id]);
    } catch (err) {
      if (err instanceof NotFoundError) throw err;
      const state = await this.state(id);
      if (state === undefined || state.pid <= 0) throw err;
      return pidsInPidNamespace(state.pid);
    }
    const parsed = JSON.parse(result.stdout.trim() || '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((p): p is number => typeof p === 'number');
  }

  private async invoke(id: string, args: string[]): Promise<RunResult> {
    const join = await this.options.sys.ensureNamespace();
    const argv = [this.options.runtimePath, ...this.globalArgs(), ...args];
    let result: RunResult;
    try {
      result = await this.options.sys.run({ argv, ...(join !== undefined ? { join } : {}) });
    } catch (err) {
      throw new InternalError(`cannot run the OCI runtime ${this.options.runtimePath}: ${(err as Error).message}`, { cause: err });
    }
    if (result.exitCode === 0) return result;
    const text = runtimeErrorText(result.stderr) || `exit status ${result.exitCode}`;
    if (isDoesNotExist(result.stderr)) throw new NotFoundError(`no such container in the OCI runtime: ${id}`);
    throw new InternalError(`${this.options.runtimePath} ${args[0]} ${id}: ${text}`);
  }
}
