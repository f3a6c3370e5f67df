// The API service does not keep what its requests allocate: ~3,000 requests of the kinds docker clients send
// most, against the bundled CLI's `system service`, and the heap after a full collection (the debug-only
// figures behind TSMOBY_DEBUG_HEAP) stays where it was after the first few hundred.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTo } from '../unit/api/api-harness.js';
import { tsmobyBin } from '../helpers/tsmoby.js';

let dir: string;
let sock: string;
let service: ChildProcess | undefined;

async function waitForSocket(path: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`the service did not create ${path} within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function heapUsedAfterGc(): Promise<number> {
  const reply = await sendTo(sock, 'GET', '/_tsmoby/heap');
  expect(reply.status).toBe(200);
  return (reply.json() as { heapUsed: number }).heapUsed;
}

const ROUNDS: Array<[string, string, number]> = [
  ['GET', '/v1.44/containers/json?all=1', 200],
  ['GET', '/v1.44/images/json', 200],
  ['GET', '/v1.44/volumes', 200],
  ['GET', '/v1.44/networks', 200],
  ['GET', '/v1.44/version', 200],
  ['HEAD', '/_ping', 200],
  ['GET', '/v1.44/containers/no-such-container/json', 404],
  ['GET', '/v1.44/volumes/kept-3', 200],
];

async function round(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const [method, path, status] = ROUNDS[i % ROUNDS.length]!;
    const reply = await sendTo(sock, method, path);
    if (reply.status !== status) throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text}`);
  }
}

describe('API service memory', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsmoby-memory-'));
    sock = join(dir, 'api.sock');
    const argv = [tsmobyBin, '--root', join(dir, 'root'), '--runroot', join(dir, 'run'), 'system', 'service', '--time', '0', `unix://${sock}`];
    service = spawn(process.execPath, argv, { env: { ...process.env, TSMOBY_DEBUG_HEAP: '1' }, stdio: 'ignore' });
    await waitForSocket(sock);
    for (let i = 0; i < 5; i++) {
      const created = await sendTo(sock, 'POST', '/v1.44/volumes/create', {
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Name: `kept-${i}`, Labels: { n: String(i) } }),
      });
      expect(created.status).toBe(201);
    }
  }, 60_000);

  afterAll(() => {
    service?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the heap after collection flat over 3,000 requests', async () => {
    await round(300);
    const warm = await heapUsedAfterGc();
    await round(2700);
    const after = await heapUsedAfterGc();
    // A request that left anything behind would add up: 2,700 requests keeping 400 bytes each are 1 MiB.
    expect(after - warm).toBeLessThan(1024 * 1024);
  }, 30_000);
});
