// Runs commands as the unprivileged test user (tsmoby-test), each user session with its own HOME,
// XDG_RUNTIME_DIR (0700), XDG_CONFIG_HOME and XDG_DATA_HOME; or as root with the same result shape.
// When the suite is not root, the current user is the test user and commands run without switching.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { writeMirrorRegistriesConf } from './registries-conf.js';
import type { TestRegistry } from './registry.js';

export const testUserName = process.env.TSMOBY_TEST_USER ?? 'tsmoby-test';
export const checkoutRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  /** false when the suite already runs as this user. */
  switches: boolean;
  baseDir: string;
  home: string;
  runtimeDir: string;
  configHome: string;
  dataHome: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string | Buffer;
  timeoutMs?: number;
  cwd?: string;
}

export interface RunResult {
  /** The exit code, or 128 + signal number when a signal ended the command. */
  exitCode: number;
  /** Raw output, final newline included. */
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const basePath = `${dirname(process.execPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
const signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

function idOf(name: string, flag: '-u' | '-g'): number | undefined {
  try {
    return Number(execFileSync('id', [flag, name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
  } catch {
    return undefined;
  }
}

/** As root: create the user and give it subordinate ids after the highest range already handed out. */
function ensureUserExists(name: string): void {
  if (idOf(name, '-u') !== undefined) return;
  execFileSync('useradd', ['-m', '-s', '/bin/sh', name], { stdio: 'pipe' });
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes(':'));
    if (lines.some((line) => line.startsWith(`${name}:`))) continue;
    const next = lines.reduce((max, line) => {
      const [, start, count] = line.split(':');
      return Math.max(max, Number(start) + Number(count));
    }, 200_000);
    appendFileSync(file, `${name}:${next}:65536\n`);
  }
}

async function run(file: string, args: string[], env: Record<string, string>, options: RunOptions, cwd: string): Promise<RunResult> {
  const result = await execa(file, args, {
    env: { ...env, ...options.env }, extendEnv: false, reject: false, stripFinalNewline: false,
    timeout: options.timeoutMs ?? 60_000, forceKillAfterDelay: 2_000, cwd,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  const signalCode = result.signal !== undefined ? 128 + (signals[result.signal] ?? 0) : -1;
  return {
    exitCode: result.exitCode ?? signalCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''),
    timedOut: result.timedOut,
  };
}

function userEnv(user: TestUser): Record<string, string> {
  return {
    HOME: user.home, USER: user.name, LOGNAME: user.name, PATH: basePath, XDG_RUNTIME_DIR: user.runtimeDir,
    XDG_CONFIG_HOME: user.configHome, XDG_DATA_HOME: user.dataHome, LANG: 'C.UTF-8',
  };
}

/** Runs argv as the test user; nothing is passed through from this process's environment. */
export function runAs(user: TestUser, argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('runAs needs a command');
  const env = userEnv(user);
  if (!user.switches) return run(command, args, env, options, options.cwd ?? user.home);
  // setpriv execs in place (unlike runuser, which waits in a parent and delays signals), so a timeout's
  // SIGTERM reaches the command itself.
  const ids = ['--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups'];
  return run('setpriv', [...ids, '--', ...argv], env, options, options.cwd ?? user.home);
}

/** Runs argv as this process's user (root, in root-mode tests) with a minimal environment. */
export function asRoot(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('asRoot needs a command');
  const env = { HOME: process.env.HOME ?? '/root', PATH: basePath, LANG: 'C.UTF-8' };
  return run(command, args, env, options, options.cwd ?? checkoutRoot);
}

/** Starts argv in the background as the test user (or, without a user, as this process's user with `env`);
 *  the caller ends it with kill() and awaits it. Output is kept for the caller's error messages. */
export function startAs(user: TestUser | undefined, argv: string[], env: Record<string, string> = {}): ResultPromise {
  const base = user ? userEnv(user) : { HOME: process.env.HOME ?? '/root', PATH: basePath, LANG: 'C.UTF-8' };
  const ids = user?.switches ? ['setpriv', '--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups', '--'] : [];
  const [command, ...args] = [...ids, ...argv];
  if (command === undefined) throw new Error('startAs needs a command');
  return execa(command, args, {
    env: { ...base, ...env }, extendEnv: false, reject: false, stdin: 'ignore', cwd: user?.home ?? checkoutRoot,
    forceKillAfterDelay: 2_000,
  });
}

let checkoutReachable = false;

/** Throws, naming the blocking directory, unless the user can read every target (and traverse its parents). */
export async function assertReachable(user: TestUser, targets: string[]): Promise<void> {
  for (const target of targets) {
    if ((await runAs(user, ['test', '-r', target])).exitCode === 0) continue;
    const blocked: string[] = [];
    for (let dir = dirname(target); ; dir = dirname(dir)) {
      if ((await runAs(user, ['test', '-x', dir])).exitCode !== 0) blocked.push(dir);
      if (dir === '/') break;
    }
    const where = blocked.at(-1);
    throw new Error(`test user ${user.name} cannot read ${target}` +
      (where !== undefined ? `: directory ${where} is not traversable (chmod o+x ${where})` : ''));
  }
}

/** A fresh per-test set of directories owned by the test user (created when root and missing). */
export async function prepareTestUser(name = testUserName): Promise<TestUser> {
  const root = process.getuid?.() === 0;
  const userName = root ? name : userInfo().username;
  if (root) ensureUserExists(userName);
  const uid = idOf(userName, '-u') ?? -1;
  const gid = idOf(userName, '-g') ?? -1;
  const baseDir = mkdtempSync(join(tmpdir(), 'tsmoby-user-'));
  const user: TestUser = {
    name: userName, uid, gid, switches: root, baseDir,
    home: join(baseDir, 'home'), runtimeDir: join(baseDir, 'run'),
    configHome: join(baseDir, 'home', '.config'), dataHome: join(baseDir, 'home', '.local', 'share'),
  };
  for (const dir of [baseDir, user.home, user.runtimeDir, join(user.home, '.config'), join(user.home, '.local'), user.dataHome]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (root) chownSync(dir, uid, gid);
  }
  // The user runs bin/tsmoby from this checkout with this node.
  if (root && !checkoutReachable) {
    await assertReachable(user, [join(checkoutRoot, 'bin', 'tsmoby'), join(checkoutRoot, 'node_modules'), process.execPath]);
    checkoutReachable = true;
  }
  return user;
}

/** registries.conf (docker.io mirrored by the test registry) in the user's XDG_CONFIG_HOME/containers/. */
export function writeUserRegistriesConf(user: TestUser, registry: TestRegistry): string {
  return writeMirrorRegistriesConf(user.configHome, registry, { owner: { uid: user.uid, gid: user.gid } });
}

/** Removes the user's per-test directories (root can remove files the user's namespace owned). */
export function removeTestUser(user: TestUser): void {
  rmSync(user.baseDir, { recursive: true, force: true, maxRetries: 3 });
}
