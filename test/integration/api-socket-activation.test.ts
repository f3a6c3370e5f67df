// `tsmoby system service` under systemd-socket-activate (the socket unit's stand-in): the first connection starts
// the bundled CLI on fd 3, it answers /_ping, exits when idle, and the next connection starts it again.
// systemd-socket-activate execs the service in place, so a shell loop re-arms the socket after each exit.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTo } from '../unit/api/api-harness.js';
import { tsmobyBin } from '../helpers/tsmoby.js';

const ACTIVATE = '/usr/bin/systemd-socket-activate';
let dir: string;
let loop: ChildProcess | undefined;

/** Between runs the loop re-arms the socket: a refused connection means "not listening yet", so retry (bounded). */
async function sendWhenListening(sock: string, method: string, path: string): ReturnType<typeof sendTo> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await sendTo(sock, method, path);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (Date.now() > deadline || (code !== 'ECONNREFUSED' && code !== 'ENOENT')) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const exits = () => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((l) => l.startsWith('exit')) : []);

describe.skipIf(!existsSync(ACTIVATE))('system service under socket activation (needs systemd-socket-activate)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsmoby-activate-'));
    const sock = join(dir, 'api.sock');
    const script = `for i in 1 2 3; do ${ACTIVATE} -l "$1" "$2" "$3" system service --time 1 2>>"$4/stderr"; echo "exit $?" >> "$4/log"; done`;
    loop = spawn('sh', ['-c', script, 'sh', sock, process.execPath, tsmobyBin, dir], { stdio: 'ignore', detached: true });
  });

  afterAll(() => {
    if (loop?.pid) try { process.kill(-loop.pid, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the first request, exits when idle, and starts again on the next', async () => {
    const sock = join(dir, 'api.sock');
    const first = await sendWhenListening(sock, 'GET', '/_ping');
    expect([first.status, first.text, first.headers['api-version']]).toEqual([200, 'OK', '1.44']);
    const version = await sendTo(sock, 'GET', '/v1.41/version');
    expect(version.json()).toMatchObject({ ApiVersion: '1.44', Os: 'linux' });
    await expect.poll(() => exits(), { timeout: 10_000, interval: 100 }).toEqual(['exit 0']);
    const second = await sendWhenListening(sock, 'HEAD', '/_ping');
    expect(second.status).toBe(200);
    await expect.poll(() => exits(), { timeout: 10_000, interval: 100 }).toEqual(['exit 0', 'exit 0']);
    expect(existsSync(join(dir, 'stderr')) ? readFileSync(join(dir, 'stderr'), 'utf8') : '').not.toMatch(/Error/);
  });
});
