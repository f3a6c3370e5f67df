// `tsmoby system service` for end-to-end API tests: started as the mode's user on a socket of its own, and
// the docker CLI pointed at it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { tsmobyBin, type Tsmoby } from './tsmoby.js';

export interface CliResult { code: number; stdout: string; stderr: string }

/** The service as the mode's user; resolves once the socket exists. */
export async function startService(t: Tsmoby, socket: string): Promise<{ child: ResultPromise }> {
  const tail = [process.execPath, tsmobyBin, ...t.globals, 'system', 'service', '--time', '0', `unix://${socket}`];
  const u = t.user;
  const child = u
    ? execa('setpriv', ['--reuid', String(u.uid), '--regid', String(u.gid), '--init-groups', '--', ...tail], {
      env: { HOME: u.home, XDG_RUNTIME_DIR: u.runtimeDir, XDG_CONFIG_HOME: u.configHome, XDG_DATA_HOME: u.dataHome, PATH: `${process.env.PATH}` },
      extendEnv: false, reject: false, cwd: u.home,
    })
    : execa(tail[0]!, tail.slice(1), { env: { ...t.env, PATH: `${process.env.PATH}` }, extendEnv: false, reject: false });
  for (let i = 0; i < 300 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) {
    child.kill();
    throw new Error(`the service did not create ${socket}: ${String((await child).stderr)}`);
  }
  // Wrapped: a ResultPromise is a thenable, and returning it from an async function would wait for its exit.
  return { child };
}

/** A socket path and a docker CLI config directory for the mode, under its own directories. */
export function servicePaths(t: Tsmoby, name: string): { socket: string; home: string } {
  const home = t.user ? join(t.user.baseDir, `${name}-cli`) : join(t.globals[1]!, '..', `${name}-cli`);
  mkdirSync(home, { recursive: true });
  const dir = t.user ? join(t.user.runtimeDir, name) : join(t.globals[3]!, '..', name);
  return { socket: join(dir, 'docker.sock'), home };
}

/** The docker CLI against the socket; stdin from `input` or none. */
export async function dockerCli(socket: string, home: string, args: string[], options: { timeout?: number; input?: string } = {}): Promise<CliResult> {
  const r = await execa('docker', ['-H', `unix://${socket}`, ...args], {
    reject: false, stripFinalNewline: false, timeout: options.timeout ?? 60_000, env: { DOCKER_CONFIG: join(home, 'docker-config') },
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
