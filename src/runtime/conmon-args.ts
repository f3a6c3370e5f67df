// Where the conmon binary is, and conmon's command line for a container or an exec session (conmon/README.md).
// Pure: no process is started here.
import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError } from '../errors/index.js';
import { execCandidates } from '../sys/exec-path.js';

/** conmon/build/conmon of this package: src/runtime/*.ts and dist/cli/main.cjs both sit
 *  two levels below the package root, as the native addon's loader also assumes. */
export function bundledConmonPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../conmon/build/conmon');
}

/** tsmoby-portfwd, built beside conmon; on PATH otherwise. */
export function findPortForwarder(pathEnv: string | undefined = process.env.PATH): string {
  const bundled = resolve(dirname(bundledConmonPath()), 'tsmoby-portfwd');
  if (isExecutable(bundled)) return bundled;
  return findExecutable('tsmoby-portfwd', pathEnv) ?? bundled;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An executable's absolute path through PATH, or undefined (conmon execs the runtime without a PATH search). */
export function findExecutable(name: string, pathEnv: string | undefined = process.env.PATH): string | undefined {
  return execCandidates(name, pathEnv).map((p) => resolve(p)).find(isExecutable);
}

/** `--conmon` when given, else the package's own build, else `conmon` on PATH. */
export function findConmon(explicit?: string, pathEnv: string | undefined = process.env.PATH): string {
  if (explicit !== undefined) {
    const found = findExecutable(explicit, pathEnv);
    if (found === undefined) throw new NotFoundError(`conmon not found: ${explicit}`);
    return found;
  }
  const bundled = bundledConmonPath();
  if (isExecutable(bundled)) return bundled;
  const onPath = findExecutable('conmon', pathEnv);
  if (onPath === undefined) {
    throw new NotFoundError(`conmon not found: tried ${bundled} (run \`npm run build:conmon\`) and conmon on PATH`);
  }
  return onPath;
}

/** What every conmon invocation shares. */
export interface ConmonCommonOptions {
  cid: string;
  /** Names the attach socket directory under socketDir: the container id, or the exec session id. */
  cuuid: string;
  /** Absolute path of the OCI runtime. */
  runtimePath: string;
  /** Global runtime arguments, e.g. ['--root', '<runroot>/runc']. */
  runtimeArgs: string[];
  /** The bundle (container) or the session directory (exec): `attach`, `ctl`, `winsz` are made there. */
  bundle: string;
  containerPidFile: string;
  /** k8s-file log path; undefined for no log. */
  logPath?: string;
  logSizeMax?: number;
  exitDir: string;
  socketDir: string;
  terminal?: boolean;
  stdin?: boolean;
  leaveStdinOpen?: boolean;
  logLevel?: 'error' | 'warning' | 'info' | 'debug';
}

export interface ConmonContainerOptions extends ConmonCommonOptions {
  name: string;
  conmonPidFile: string;
  /** Run by conmon after the container exited: argv[0] and its arguments. */
  exitCommand?: string[];
  exitDelaySeconds?: number;
  /** Fds of this process conmon inherits and holds until the container exited (the write end of the
   *  network helpers' exit pipe); not on the command line. */
  inheritFds?: number[];
  /** conmon runs `runtime delete --force` itself before it writes the exit file (`--delete-on-exit`). */
  deleteOnExit?: boolean;
}

export interface ConmonExecOptions extends ConmonCommonOptions {
  /** The OCI process JSON for `runtime exec --process`. */
  processSpecPath: string;
  /** Wait for an attach client before the process starts (`--exec-attach`). */
  attach?: boolean;
  /** Nobody in this process waits for the exit code (`exec -d`): it must not keep the process alive. */
  detached?: boolean;
  conmonPidFile?: string;
}

function commonArgs(o: ConmonCommonOptions): string[] {
  const args = [
    '--api-version', '1', '-c', o.cid, '-u', o.cuuid, '-r', o.runtimePath, '-b', o.bundle,
    '-p', o.containerPidFile, '-l', o.logPath === undefined ? 'none' : `k8s-file:${o.logPath}`,
    '--exit-dir', o.exitDir, '--socket-dir-path', o.socketDir, '--log-level', o.logLevel ?? 'error',
  ];
  for (const arg of o.runtimeArgs) args.push('--runtime-arg', arg);
  if (o.terminal) args.push('-t');
  if (o.stdin) args.push('-i');
  if (o.leaveStdinOpen) args.push('--leave-stdin-open');
  if (o.logSizeMax !== undefined && o.logSizeMax > 0) args.push('--log-size-max', String(o.logSizeMax));
  return args;
}

export function conmonContainerArgs(o: ConmonContainerOptions): string[] {
  const args = [...commonArgs(o), '-n', o.name, '-P', o.conmonPidFile];
  if (o.deleteOnExit) args.push('--delete-on-exit');
  const [command, ...commandArgs] = o.exitCommand ?? [];
  if (command !== undefined) {
    args.push('--exit-command', command);
    for (const arg of commandArgs) args.push('--exit-command-arg', arg);
    if (o.exitDelaySeconds !== undefined) args.push('--exit-delay', String(o.exitDelaySeconds));
  }
  return args;
}

export function conmonExecArgs(o: ConmonExecOptions): string[] {
  const args = [...commonArgs(o), '--exec', '--exec-process-spec', o.processSpecPath];
  if (o.attach) args.push('--exec-attach');
  if (o.conmonPidFile !== undefined) args.push('-P', o.conmonPidFile);
  return args;
}
