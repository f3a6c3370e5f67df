// Starts conmon for a container or an exec session and speaks its start-up protocol (conmon/README.md):
// start pipe -> the first conmon process exits -> the sync pipe says the pid or the runtime's error.
// The caller runs `runtime start` afterwards; a failed create is mapped to 125/126/127 as Docker does.
import type { Readable, Writable } from 'node:stream';
import { CannotInvokeError, CommandNotFoundError, InternalError, type TsmobyError } from '../errors/index.js';
import type { SpawnedProcess, StdioSpec, Sys } from '../sys/sys.js';
import { conmonContainerArgs, conmonExecArgs, type ConmonContainerOptions, type ConmonExecOptions } from './conmon-args.js';
import { runtimeErrorText } from './runc.js';
import { SyncPipeReader } from './sync-pipe.js';

export interface ConmonLauncherOptions {
  sys: Pick<Sys, 'ensureNamespace' | 'spawn'>;
  conmonPath: string;
  /** Environment for conmon and so for the runtime; this process's by default. */
  env?: Record<string, string>;
  /** Bound on conmon's start-up and on the runtime's create/exec. */
  timeoutMs?: number;
}

export interface StartedContainer {
  /** The container's init pid (host pid namespace). */
  pid: number;
  /** Closes the start pipe: tells a `--delete-on-exit` conmon that `runtime start` returned (or will not
   *  run), so its exit path may delete the container. Idempotent; also happens when this process ends. */
  startReturned(): void;
}

export interface ExecSession {
  pid: number;
  /** Resolves to the exec'd process's exit code (128 + signal when killed). */
  exitCode: Promise<number>;
}

export interface ExecLaunchHooks {
  /** With `attach`: called once the session's attach socket listens, before the process starts. */
  onAttachReady?: () => Promise<void>;
}

/** The error a user sees when the runtime could not start the process: 127 / 126 / 125, as Docker maps it. */
export function startFailureError(message: string): TsmobyError {
  const text = runtimeErrorText(message) || message.trim() || 'the OCI runtime failed without a message';
  if (/executable file not found|no such file or directory/i.test(text)) return new CommandNotFoundError(text);
  if (/permission denied/i.test(text)) return new CannotInvokeError(text);
  return new InternalError(text);
}

function collect(stream: Readable | undefined): Promise<string> {
  return new Promise((resolve) => {
    if (stream === undefined) return resolve('');
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (text += c));
    stream.on('error', () => resolve(text));
    stream.on('close', () => resolve(text));
  });
}

function bounded<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InternalError(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Launched {
  child: SpawnedProcess;
  sync: SyncPipeReader;
  start: Writable;
  attachPipe: SyncPipeReader | undefined;
}

export class ConmonLauncher {
  private readonly timeoutMs: number;

  constructor(private readonly options: ConmonLauncherOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** conmon runs `runtime create`; resolves to the container pid once it exists (not yet started). */
  async createContainer(opts: ConmonContainerOptions): Promise<StartedContainer> {
    const holdStart = opts.deleteOnExit === true;
    const launched = await this.launch(conmonContainerArgs(opts), holdStart, false, opts.inheritFds ?? []);
    const startReturned = () => launched.start.destroy();
    try {
      const message = await launched.sync.next(this.timeoutMs);
      return { pid: this.pidFrom(message), startReturned };
    } catch (err) {
      startReturned();
      throw err;
    } finally {
      launched.sync.close();
    }
  }

  /** conmon runs `runtime exec --detach`; resolves once the process runs, with a promise of its exit code. */
  async exec(opts: ConmonExecOptions, hooks: ExecLaunchHooks = {}): Promise<ExecSession> {
    const launched = await this.launch(conmonExecArgs(opts), opts.attach === true, opts.attach === true);
    try {
      if (launched.attachPipe !== undefined) {
        const ready = await launched.attachPipe.next(this.timeoutMs);
        launched.attachPipe.close();
        if (ready === undefined || ready.data < 0) throw startFailureError(ready?.message ?? 'conmon did not open the attach socket');
        await hooks.onAttachReady?.();
        launched.start.end('1');
      }
      const pid = this.pidFrom(await launched.sync.next(this.timeoutMs));
      if (opts.detached === true) launched.sync.unref();
      const exitCode = launched.sync.next().then((m) => {
        launched.sync.close();
        if (m === undefined) throw new InternalError('conmon ended without reporting the exec exit code');
        return m.data;
      });
      exitCode.catch(() => undefined); // observed by the caller; never an unhandled rejection
      return { pid, exitCode };
    } catch (err) {
      launched.sync.close();
      launched.start.destroy();
      throw err;
    }
  }

  private pidFrom(message: { data: number; message?: string } | undefined): number {
    if (message === undefined) throw new InternalError('conmon exited without reporting the container pid');
    if (message.data <= 0) throw startFailureError(message.message ?? '');
    return message.data;
  }

  /** `holdStart`: write the go but keep the start pipe open (exec attach, --delete-on-exit). */
  private async launch(args: string[], holdStart: boolean, execAttach = false, inheritFds: number[] = []): Promise<Launched> {
    const join = await this.options.sys.ensureNamespace();
    const stdio: StdioSpec[] = ['ignore', 'ignore', 'pipe', { pipe: 'parent-reads' }, { pipe: 'parent-writes' }];
    if (execAttach) stdio.push({ pipe: 'parent-reads' });
    for (const fd of inheritFds) stdio.push({ fd });
    const env: Record<string, string> = {
      ...(this.options.env ?? (process.env as Record<string, string>)),
      _OCI_SYNCPIPE: '3',
      _OCI_STARTPIPE: '4',
      ...(execAttach ? { _OCI_ATTACHPIPE: '5' } : {}),
    };
    const child = await this.options.sys.spawn({
      argv: [this.options.conmonPath, ...args], env, stdio, detached: true, ...(join !== undefined ? { join } : {}),
    });
    const stderr = collect(child.pipes[2] as Readable | undefined);
    const sync = new SyncPipeReader(child.pipes[3] as Readable, 'sync pipe');
    const start = child.pipes[4] as Writable;
    const attachPipe = execAttach ? new SyncPipeReader(child.pipes[5] as Readable, 'attach pipe') : undefined;
    start.on('error', () => undefined); // conmon may be gone already; its exit status says why
    if (holdStart) start.write('0');
    else start.end('0');
    const status = await bounded(child.wait(), this.timeoutMs, 'conmon to start');
    if (status.exitCode !== 0) {
      sync.close();
      attachPipe?.close();
      start.destroy();
      const text = (await bounded(stderr, this.timeoutMs, "conmon's error output")).trim();
      throw new InternalError(`conmon failed (exit status ${status.exitCode}): ${text || 'no message'}`);
    }
    return { child, sync, start, attachPipe };
  }
}
