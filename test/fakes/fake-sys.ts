// A recording Sys for unit tests: every call is kept in `calls`; behaviour is scripted per method, and
// `failCall(n, code)` makes the nth call (1-based, across all methods) reject with a system error.
import { openSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { SystemError } from '../../src/errors/index.js';
import type { ExitStatus, FsOp, FsOpResult, RunResult, SpawnedProcess, SpawnOptions, Sys } from '../../src/sys/sys.js';

export type FakeSysCall =
  | { method: 'ensureNamespace' }
  | { method: 'spawn'; opts: SpawnOptions }
  | { method: 'run'; opts: Omit<SpawnOptions, 'stdio'> & { input?: string | Uint8Array } }
  | { method: 'fsOps'; ops: FsOp[]; opts: { join?: number; keepGoing?: boolean } }
  | { method: 'connectSeqpacket'; path: string }
  | { method: 'shutdownSocket'; fd: number; how: 'read' | 'write' | 'both' }
  | { method: 'pipe' };

export function systemError(code: string, syscall: string): SystemError {
  return Object.assign(new Error(`${code}: fake failure, ${syscall}`), { code, syscall, errno: -1 });
}

/** A finished process with empty pipes where the spec asked for them. */
export function fakeProcess(pid: number, status: ExitStatus = { exitCode: 0, signal: null }, opts?: SpawnOptions): SpawnedProcess {
  const pipes = (opts?.stdio ?? []).map((s) => (s === 'pipe' || (typeof s === 'object' && 'pipe' in s) ? new PassThrough() : undefined));
  return { pid, pipes, wait: async () => status };
}

export class FakeSys implements Sys {
  readonly calls: FakeSysCall[] = [];
  namespacePid: number | undefined = undefined;
  onSpawn: (opts: SpawnOptions) => SpawnedProcess = (opts) => fakeProcess(4242, undefined, opts);
  onRun: (opts: Omit<SpawnOptions, 'stdio'>) => RunResult = () => ({ exitCode: 0, signal: null, stdout: '', stderr: '' });
  onFsOp: (op: FsOp) => FsOpResult = () => ({ ok: true });
  /** The fd connectSeqpacket resolves to (e.g. one end of a socketpair made by the test). */
  onConnectSeqpacket: (path: string) => number = () => {
    throw systemError('ENOENT', 'connect');
  };
  onShutdownSocket: (fd: number, how: 'read' | 'write' | 'both') => void = () => undefined;
  private readonly failures = new Map<number, { code: string }>();

  /** The nth call from now on counting from the first (1-based) rejects with `code`. */
  failCall(n: number, code: string): this {
    this.failures.set(n, { code });
    return this;
  }

  private record(call: FakeSysCall, syscall: string): void {
    this.calls.push(call);
    const failure = this.failures.get(this.calls.length);
    if (failure) throw systemError(failure.code, syscall);
  }

  async ensureNamespace(): Promise<number | undefined> {
    this.record({ method: 'ensureNamespace' }, 'setns');
    return this.namespacePid;
  }

  async spawn(opts: SpawnOptions): Promise<SpawnedProcess> {
    this.record({ method: 'spawn', opts }, 'execve');
    return this.onSpawn(opts);
  }

  async run(opts: Omit<SpawnOptions, 'stdio'> & { input?: string | Uint8Array }): Promise<RunResult> {
    this.record({ method: 'run', opts }, 'execve');
    return this.onRun(opts);
  }

  async fsOps(ops: FsOp[], opts: { join?: number; keepGoing?: boolean } = {}): Promise<FsOpResult[]> {
    this.record({ method: 'fsOps', ops, opts }, 'fsops');
    const results: FsOpResult[] = [];
    for (const op of ops) {
      const result = this.onFsOp(op);
      results.push(result);
      if (!result.ok && !opts.keepGoing) break;
    }
    return results;
  }

  async connectSeqpacket(path: string): Promise<number> {
    this.record({ method: 'connectSeqpacket', path }, 'connect');
    return this.onConnectSeqpacket(path);
  }

  shutdownSocket(fd: number, how: 'read' | 'write' | 'both'): void {
    this.record({ method: 'shutdownSocket', fd, how }, 'shutdown');
    this.onShutdownSocket(fd, how);
  }

  /** Two real fds (of /dev/null) standing in for a pipe, so callers may close them. */
  pipe(): [number, number] {
    this.record({ method: 'pipe' }, 'pipe2');
    return [openSync('/dev/null', 'r'), openSync('/dev/null', 'w')];
  }
}
