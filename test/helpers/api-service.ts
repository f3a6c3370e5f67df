// `tsmoby system service unix://SOCK` in the background for a test, in the same identity and store as the
// Tsmoby it serves (rootless: the test user's socket in its runtime dir), ready once the socket accepts; and
// the docker CLI pointed at it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tsmoby } from './tsmoby.js';
import { tsmobyBin } from './tsmoby.js';
import { startAs } from './user.js';
import { execa } from 'execa';

export interface ApiService {
  socket: string;
  /** `-H` value for the docker CLI, DOCKER_HOST for docker-compose. */
  host: string;
  stop(): Promise<void>;
}

function accepts(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socket);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Starts the service (on `socket`, or one of its own) and waits at most `timeoutMs` until it accepts. */
export async function startService(t: Tsmoby, options: { socket?: string; timeoutMs?: number } = {}): Promise<ApiService> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const ownDir = options.socket === undefined && !t.user ? mkdtempSync(join(tmpdir(), 'tsmoby-api-')) : undefined;
  const socket = options.socket ?? join(ownDir ?? t.user!.runtimeDir, 'api.sock');
  const child = startAs(t.user, [process.execPath, tsmobyBin, ...t.globals, 'system', 'service', '--time', '0', `unix://${socket}`], t.env);
  let exited = false;
  void child.then(() => { exited = true; });
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(socket))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      const r = await child;
      throw new Error(`system service did not listen on ${socket} within ${timeoutMs} ms (exit ${r.exitCode}): ${String(r.stderr)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    socket, host: `unix://${socket}`,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export interface CliResult { code: number; stdout: string; stderr: string }

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
