// `tsmoby system service unix://SOCK` in the background for a test, in the same identity and store as the
// Tsmoby it serves (rootless: the test user's socket in its runtime dir), ready once the socket accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tsmoby } from './tsmoby.js';
import { tsmobyBin } from './tsmoby.js';
import { startAs } from './user.js';

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

/** Starts the service and waits (at most `timeoutMs`) until its socket accepts a connection. */
export async function startService(t: Tsmoby, timeoutMs = 20_000): Promise<ApiService> {
  const dir = t.user ? t.user.runtimeDir : mkdtempSync(join(tmpdir(), 'tsmoby-api-'));
  const socket = join(dir, 'api.sock');
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
      if (!t.user) rmSync(dir, { recursive: true, force: true });
    },
  };
}
