// The real Sys: spawn, wait and fsOps through the native addon; the rootless namespace through UserNamespace.
// Policy (PATH lookup, stdio, exit status shape, result codes) lives here; the addon stays syscall-shaped.
import { readFileSync, writeFileSync } from 'node:fs';
import { constants as osConstants, userInfo } from 'node:os';
import type { Readable } from 'node:stream';
import { getSystemErrorName } from 'node:util';
import { prepareStdio } from './child-stdio.js';
import { execCandidates } from './exec-path.js';
import { loadNative, pauseExecutablePath, type NativeAddon, type NativeWaitStatus } from './native.js';
import { UserNamespace } from './user-namespace.js';
import type { ExitStatus, FsOp, FsOpResult, RunResult, SpawnedProcess, SpawnOptions, Sys } from './sys.js';

export interface LinuxSysOptions {
  /** Where pause.pid lives. */
  runroot: string;
  rootless: boolean;
  uid: number;
  /** Defaults to this process's gid. */
  gid?: number;
  /** Defaults to the name of `uid` from the password database. */
  userName?: string;
  /** Non-fatal notices for the user (the single-id fallback); stderr by default. */
  warn?: (message: string) => void;
  /** The addon; loaded lazily on first use by default. */
  native?: () => NativeAddon;
}

const signalNames = new Map(Object.entries(osConstants.signals).map(([name, num]) => [num, name]));

export function toExitStatus(status: NativeWaitStatus): ExitStatus {
  if (status.signal !== null) {
    return { exitCode: 128 + status.signal, signal: signalNames.get(status.signal) ?? `SIG${status.signal}` };
  }
  return { exitCode: status.exitCode ?? 0, signal: null };
}

function opPath(op: FsOp): string {
  switch (op.op) {
    case 'mount':
    case 'umount':
      return op.target;
    case 'rename':
      return op.from;
    default:
      return op.path;
  }
}

export class LinuxSys implements Sys {
  private readonly native: () => NativeAddon;
  private readonly rootless: boolean;
  private userNamespace: UserNamespace | undefined;

  constructor(private readonly options: LinuxSysOptions) {
    this.native = options.native ?? loadNative;
    this.rootless = options.rootless;
  }

  async ensureNamespace(): Promise<number | undefined> {
    if (!this.rootless) return undefined;
    this.userNamespace ??= new UserNamespace({
      runroot: this.options.runroot,
      uid: this.options.uid,
      gid: this.options.gid ?? process.getgid?.() ?? this.options.uid,
      userName: this.options.userName ?? userInfo().username,
      spawner: this,
      pauseExecutable: pauseExecutablePath,
      readTextFile: (path) => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return undefined;
        }
      },
      writeTextFile: (path, text) => writeFileSync(path, text),
      warn: this.options.warn ?? ((message) => process.stderr.write(`WARN: ${message}\n`)),
    });
    return this.userNamespace.ensure();
  }

  async spawn(opts: SpawnOptions): Promise<SpawnedProcess> {
    const native = this.native();
    if (opts.argv.length === 0) throw new TypeError('spawn needs argv[0]');
    const env = opts.env ?? (process.env as Record<string, string>);
    const stdio = prepareStdio(opts.stdio ?? ['inherit', 'inherit', 'inherit'], native);
    let pid: number;
    try {
      pid = native.spawn({
        files: execCandidates(opts.argv[0]!, env.PATH),
        argv: opts.argv,
        envp: Object.entries(env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`),
        ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
        ...(opts.join !== undefined ? { join: opts.join } : {}),
        setsid: opts.detached === true,
        fds: stdio.childFds,
      });
    } catch (err) {
      stdio.abort();
      throw err;
    }
    const pipes = stdio.commit();
    let waiting: Promise<ExitStatus> | undefined;
    return {
      pid,
      pipes,
      wait: () => (waiting ??= native.wait(pid).then(toExitStatus)),
    };
  }

  async run(opts: Omit<SpawnOptions, 'stdio'> & { input?: string | Uint8Array }): Promise<RunResult> {
    const { input, ...rest } = opts;
    const child = await this.spawn({ ...rest, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const collect = (stream: Readable | undefined) =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        stream?.on('data', (c: Buffer) => chunks.push(c));
        stream?.on('error', reject);
        stream?.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    const out = collect(child.pipes[1] as Readable);
    const err = collect(child.pipes[2] as Readable);
    const stdin = child.pipes[0];
    if (stdin !== undefined && 'end' in stdin) {
      stdin.on('error', () => undefined); // a child that exits without reading its input is not our failure
      stdin.end(input);
    }
    const [status, stdout, stderr] = await Promise.all([child.wait(), out, err]);
    return { ...status, stdout, stderr };
  }

  async fsOps(ops: FsOp[], opts: { join?: number; keepGoing?: boolean } = {}): Promise<FsOpResult[]> {
    if (ops.length === 0) return [];
    const outcomes = await this.native().fsOps(ops, opts.join, opts.keepGoing === true);
    return outcomes.map((o, i): FsOpResult =>
      o.errno === 0
        ? { ok: true }
        : { ok: false, code: getSystemErrorName(o.errno), errno: o.errno, syscall: o.syscall, path: opPath(ops[i]!) },
    );
  }

  connectSeqpacket(path: string): Promise<number> {
    return this.native().connectSeqpacket(path);
  }

  shutdownSocket(fd: number, how: 'read' | 'write' | 'both'): void {
    this.native().shutdownSocket(fd, how);
  }

  pipe(): [number, number] {
    return this.native().pipe();
  }
}
