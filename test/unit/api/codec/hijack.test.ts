// A hijacking route behind the real server, driven by a raw node:net client that half-closes as the docker CLI does.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTIPLEXED_STREAM } from '../../../../src/api/codec/hijack.js';
import { StdcopyDecoder, stdcopyFrames, STDOUT, STDERR } from '../../../../src/api/codec/stdcopy.js';
import { Router } from '../../../../src/api/router.js';
import { serveApi } from '../../../../src/api/server.js';
import type { ApiServer } from '../../../../src/api/server.js';
import { NotFoundError } from '../../../../src/errors/index.js';
import { FakeEngine } from '../../../fakes/fake-engine.js';

let dir: string;
let server: ApiServer;
let socket: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsmoby-hijack-'));
  socket = join(dir, 'api.sock');
  const router = new Router().add('POST', '/containers/{id}/attach', async (ctx) => {
    if (ctx.params.id === 'missing') throw new NotFoundError('no such container: missing');
    const conn = ctx.hijack(MULTIPLEXED_STREAM);
    const input: Buffer[] = [];
    conn.input.on('data', (c: Buffer) => input.push(c));
    await new Promise<void>((resolve) => conn.input.once('end', resolve));
    // Output keeps flowing after the client's half-close, in several writes spread over event-loop turns.
    conn.output.write(stdcopyFrames(STDOUT, Buffer.from(`stdin was: ${Buffer.concat(input).toString()}\n`)));
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      conn.output.write(stdcopyFrames(i === 2 ? STDERR : STDOUT, Buffer.from(`line ${i}\n`)));
    }
    conn.end();
  });
  server = await serveApi(router, async () => new FakeEngine(), { listen: socket, idleSeconds: 0, serverVersion: 't', env: {} });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function rawExchange(request: string, body: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    const chunks: Buffer[] = [];
    client.on('data', (c: Buffer) => chunks.push(c));
    client.on('error', reject);
    client.on('close', () => resolve(Buffer.concat(chunks)));
    client.setTimeout(10_000, () => client.destroy(new Error('timed out')));
    client.write(request + body);
    client.end();
  });
}

const attach = (id: string) =>
  `POST /v1.44/containers/${id}/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: api\r\nContent-Type: text/plain\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`;

describe('hijacked connections', () => {
  it('answers 101 UPGRADED, reads stdin up to the half-close, and keeps writing frames after it', async () => {
    const reply = await rawExchange(attach('web'), 'hello');
    const split = reply.indexOf('\r\n\r\n');
    const head = reply.subarray(0, split).toString();
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 101 UPGRADED', `Content-Type: ${MULTIPLEXED_STREAM}`, 'Connection: Upgrade', 'Upgrade: tcp',
    ]);
    const decoder = new StdcopyDecoder();
    const frames = decoder.push(reply.subarray(split + 4));
    expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
      [1, 'stdin was: hello\n'], [1, 'line 0\n'], [1, 'line 1\n'], [2, 'line 2\n'],
    ]);
    expect(decoder.leftover).toBe(0);
  });

  it('answers an error before the hijack as an ordinary JSON response', async () => {
    const reply = (await rawExchange(attach('missing'), '')).toString();
    expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    expect(reply.slice(reply.indexOf('\r\n\r\n') + 4)).toBe('{"message":"no such container: missing"}');
  });
});
