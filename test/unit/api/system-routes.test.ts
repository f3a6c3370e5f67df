import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEvent } from '../../fakes/fake-engine.js';
import { startHarness } from './api-harness.js';
import type { Harness } from './api-harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

describe('system routes', () => {
  it('/version negotiates: ApiVersion 1.44, MinAPIVersion 1.24, linux, an Engine component', async () => {
    const v = (await h.send('GET', '/version')).json() as Record<string, unknown>;
    expect(v).toMatchObject({ ApiVersion: '1.44', MinAPIVersion: '1.24', Os: 'linux', Version: '0.1.0' });
    expect(v.Components).toEqual([expect.objectContaining({ Name: 'Engine', Version: '0.1.0' })]);
  });

  it('/info carries what docker and compose read, rootless in SecurityOptions', async () => {
    h.engine.images.add('alpine');
    const info = (await h.send('GET', '/v1.41/info')).json() as Record<string, unknown>;
    expect(info).toMatchObject({
      ID: 'fake-store-id', Containers: 3, ContainersRunning: 1, ContainersStopped: 2, Images: 1, Driver: 'overlay',
      OSType: 'linux', NCPU: 2, Name: 'fakehost', ServerVersion: '0.1.0', CgroupVersion: '1',
    });
    expect(info.SecurityOptions).toContain('name=rootless');
    expect(info.SecurityOptions).toContain('name=seccomp,profile=builtin');
  });

  it('/system/df and the plugin probe of `docker inspect`', async () => {
    h.engine.images.add('alpine');
    expect((await h.send('GET', '/system/df')).json()).toMatchObject({ LayersSize: 7_000_000, Images: [expect.objectContaining({ RepoTags: ['alpine:latest'] })], BuildCache: [] });
    const plugin = await h.send('GET', '/v1.50/plugins/web/json');
    expect([plugin.status, plugin.json()]).toEqual([404, { message: 'plugin "web" not found' }]);
  });

  it('/events replays a since..until window with filters (compose\'s list form) and ends', async () => {
    const t0 = new Date('2024-05-01T10:00:00Z');
    h.engine.system.past.push(
      fakeEvent('start', 'c1', t0, { name: 'web', image: 'alpine', 'com.docker.compose.project': 'p' }),
      fakeEvent('die', 'c2', new Date(t0.getTime() + 1000), { name: 'db' }),
      fakeEvent('destroy', 'c1', new Date(t0.getTime() + 9_000_000), { name: 'web' }),
    );
    const filters = encodeURIComponent(JSON.stringify({ label: ['com.docker.compose.project=p'] }));
    const reply = await h.send('GET', `/v1.41/events?since=${t0.getTime() / 1000}&until=${t0.getTime() / 1000 + 60}&filters=${filters}`);
    expect(reply.text.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ status: 'start', id: 'c1', from: 'alpine', Type: 'container', Action: 'start', Actor: expect.objectContaining({ ID: 'c1' }) }),
    ]);
    expect(h.engine.system.eventCalls[0]).toMatchObject({ filters: ['label=com.docker.compose.project=p'], since: t0 });
  });

  it('/events streams live events as they happen and lets the engine go when the client leaves', async () => {
    const controller = new AbortController();
    const got: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const req = request({ socketPath: h.socket, path: '/events', signal: controller.signal }, (res) => {
        expect(res.statusCode).toBe(200);
        h.engine.system.emit(fakeEvent('create', 'c9', new Date()));
        res.on('data', (c: Buffer) => {
          got.push(c.toString());
          controller.abort();
          resolve();
        });
      });
      req.on('error', (e) => { if (!controller.signal.aborted) reject(e); });
      req.end();
    });
    await ended;
    expect(JSON.parse(got.join(''))).toMatchObject({ Action: 'create', id: 'c9' });
    await expect.poll(() => h.engine.system.liveListeners, { timeout: 5000 }).toBe(0);
  });
});
