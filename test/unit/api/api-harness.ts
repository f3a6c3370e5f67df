// Starts the API on a temporary unix socket over a FakeEngine and sends requests to it (whole body buffered).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../../../src/api/index.js';
import type { ApiServer, ApiServerOptions } from '../../../src/api/index.js';
import { FakeEngine } from '../../fakes/fake-engine.js';

export interface Harness {
  engine: FakeEngine;
  server: ApiServer;
  socket: string;
  dir: string;
  engineCreations: () => number;
  send(method: string, path: string, options?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply>;
  stop(): Promise<void>;
}

export interface Reply { status: number; headers: IncomingHttpHeaders; body: Buffer; text: string; json(): unknown }

export function sendTo(socketPath: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString(), json: () => JSON.parse(body.toString()) });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timed out: ${method} ${path}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function startHarness(options: Partial<ApiServerOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tsmoby-api-'));
  const socket = join(dir, 'run', 'tsmoby.sock');
  const engine = new FakeEngine();
  let creations = 0;
  const server = await startApiServer(async () => { creations++; return engine; }, {
    listen: `unix://${socket}`, idleSeconds: 0, serverVersion: '0.1.0', env: {}, ...options,
  });
  return {
    engine, server, socket, dir, engineCreations: () => creations,
    send: (method, path, o) => sendTo(socket, method, path, o),
    stop: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
