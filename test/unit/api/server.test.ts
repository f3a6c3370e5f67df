import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { activationFd, clearActivationEnv, parseListenAddress } from '../../../src/api/listen-address.js';
import { IdleTracker } from '../../../src/api/idle-tracker.js';
import { startHarness } from './api-harness.js';
import type { Harness } from './api-harness.js';

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

describe('listen addresses and socket activation', () => {
  it('parses unix and tcp addresses and refuses others', () => {
    expect(parseListenAddress('unix:///run/user/1/tsmoby/tsmoby.sock')).toEqual({ kind: 'unix', path: '/run/user/1/tsmoby/tsmoby.sock' });
    expect(parseListenAddress('/tmp/x.sock')).toEqual({ kind: 'unix', path: '/tmp/x.sock' });
    expect(parseListenAddress('tcp:127.0.0.1:2375')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseListenAddress('tcp://[::1]:2375')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
    expect(() => parseListenAddress('unix://relative.sock')).toThrow('must be absolute');
    expect(() => parseListenAddress('http://x')).toThrow('expected unix:///path or tcp:HOST:PORT');
  });

  it('uses fd 3 only when LISTEN_PID is this process, and clears the variables either way', () => {
    expect(activationFd({ LISTEN_FDS: '1', LISTEN_PID: '42' }, 42)).toBe(3);
    expect(activationFd({ LISTEN_FDS: '1', LISTEN_PID: '41' }, 42)).toBeUndefined();
    expect(activationFd({ LISTEN_FDS: '0', LISTEN_PID: '42' }, 42)).toBeUndefined();
    const env: NodeJS.ProcessEnv = { LISTEN_FDS: '1', LISTEN_PID: '42', LISTEN_FDNAMES: 'tsmoby.socket', HOME: '/h' };
    clearActivationEnv(env);
    expect(env).toEqual({ HOME: '/h' });
  });
});

describe('server', () => {
  it('creates the socket 0600 in a 0700 directory and answers /_ping without creating the engine', async () => {
    h = await startHarness();
    expect(statSync(h.socket).mode & 0o777).toBe(0o600);
    const reply = await h.send('HEAD', '/_ping');
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({ 'api-version': '1.44', ostype: 'linux', 'docker-experimental': 'false' });
    expect(reply.headers['cache-control']).toContain('no-cache');
    expect((await h.send('GET', '/v1.41/_ping')).text).toBe('OK');
    // The engine was made once, at start, to prepare the socket directory; pings did not make another.
    expect(h.engineCreations()).toBe(1);
  });

  it('answers the debug heap figures only when asked to at start, after a full collection', async () => {
    h = await startHarness();
    expect((await h.send('GET', '/_tsmoby/heap')).status).toBe(404);
    await h.stop();
    h = await startHarness({ debugHeap: true });
    const reply = await h.send('GET', '/_tsmoby/heap');
    expect(reply.status).toBe(200);
    const figures = reply.json() as Record<string, number>;
    expect(Object.keys(figures).sort()).toEqual(['external', 'heapTotal', 'heapUsed', 'rss']);
    expect(figures.heapUsed).toBeGreaterThan(0);
    expect(figures.heapUsed).toBeLessThanOrEqual(figures.heapTotal!);
  });

  it('answers unknown routes and too-old versions with JSON errors', async () => {
    h = await startHarness();
    const missing = await h.send('GET', '/v1.44/nothing/here');
    expect([missing.status, missing.json()]).toEqual([404, { message: 'page not found' }]);
    const old = await h.send('GET', '/v1.12/version');
    expect(old.status).toBe(400);
    expect(old.json()).toEqual({ message: expect.stringContaining('Minimum supported API version is 1.24') });
    const unsupported = await h.send('GET', '/images/search?term=alpine');
    expect([unsupported.status, unsupported.json()]).toEqual([501, { message: 'image search is not supported by tsmoby: search the registry directly' }]);
  });

  it('sends READY=1 through the notify hook only under NOTIFY_SOCKET', async () => {
    const states: string[] = [];
    h = await startHarness({ env: { NOTIFY_SOCKET: '/run/systemd/notify' }, notify: async (s) => { states.push(s); } });
    expect(states).toEqual(['READY=1']);
    await h.stop();
    h = await startHarness({ env: {}, notify: async (s) => { states.push(s); } });
    expect(states).toEqual(['READY=1']);
  });

  it('closes itself after the idle period, and not while a stream is open', async () => {
    h = await startHarness({ idleSeconds: 0.2 });
    const controller = new AbortController();
    const { request } = await import('node:http');
    const open = new Promise<void>((resolve) => {
      const req = request({ socketPath: h!.socket, path: '/events', signal: controller.signal }, () => resolve());
      req.on('error', () => {});
      req.end();
    });
    await open;
    const started = Date.now();
    let closed = false;
    void h.server.closed.then(() => { closed = true; });
    await new Promise((r) => setTimeout(r, 500));
    expect(closed).toBe(false);
    controller.abort();
    await h.server.closed;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('idle tracker', () => {
  it('fires once after the period with nothing in flight; 0 never fires', async () => {
    let fired = 0;
    const t = new IdleTracker(30, () => { fired++; });
    t.start();
    const release = t.begin();
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(0);
    release();
    release();
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toBe(1);
    const never = new IdleTracker(0, () => { fired++; });
    never.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(1);
  });
});
