import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './api-harness.js';
import type { Harness } from './api-harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const L1 = `sha256:${'1'.repeat(64)}`;

describe('POST /images/create', () => {
  it('streams progress ending with the Status line and passes X-Registry-Auth and platform to the engine', async () => {
    h.engine.images.remotes.set('docker.io/library/alpine:3.19', { layers: [{ digest: L1, size: 100 }], digest: 'sha256:d1' });
    const auth = Buffer.from(JSON.stringify({ username: 'me', password: 'pw', serveraddress: 'docker.io' })).toString('base64url');
    const reply = await h.send('POST', '/v1.44/images/create?fromImage=alpine&tag=3.19&platform=linux%2Farm64', { headers: { 'X-Registry-Auth': auth } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    const messages = lines(reply.text);
    expect(messages[0]).toEqual({ status: 'Pulling from library/alpine', id: '3.19' });
    expect(messages.slice(-2)).toEqual([{ status: 'Digest: sha256:d1' }, { status: 'Status: Downloaded newer image for alpine:3.19' }]);
    expect(h.engine.images.calls.find((c) => c.method === 'pull')?.args).toEqual(['alpine:3.19', expect.objectContaining({ credentials: { username: 'me', password: 'pw' }, platform: 'linux/arm64' })]);
  });

  it('answers a failure before any output with its status, and one after with an in-band error', async () => {
    const missing = await h.send('POST', '/images/create?fromImage=nope&tag=latest');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ message: expect.stringContaining('pull access denied for nope:latest') });
    h.engine.images.remotes.set('docker.io/library/flaky:latest', { layers: [{ digest: L1, size: 1 }], digest: 'sha256:x', failAfterLayers: 'connection reset by peer' });
    const flaky = await h.send('POST', '/images/create?fromImage=flaky&tag=latest');
    expect(flaky.status).toBe(200);
    expect(lines(flaky.text).at(-1)).toEqual({ errorDetail: { message: 'connection reset by peer' }, error: 'connection reset by peer' });
  });

  it('needs fromImage', async () => {
    expect((await h.send('POST', '/images/create')).json()).toEqual({ message: 'fromImage is required' });
  });
});

describe('image routes', () => {
  it('lists images in Docker\'s shape with familiar names, passing filters in both forms', async () => {
    h.engine.images.add('alpine', { labels: { a: 'b' } });
    h.engine.images.add('localhost:5000/team/app');
    const all = (await h.send('GET', '/v1.44/images/json')).json() as Array<Record<string, unknown>>;
    expect(all.map((i) => i.RepoTags)).toEqual([['alpine:latest'], ['localhost:5000/team/app:latest']]);
    expect(all[0]).toMatchObject({ Id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), ParentId: '', Created: 1714557600, Size: 7_000_000, Labels: { a: 'b' }, Containers: 0 });
    const mapForm = encodeURIComponent('{"reference":{"alpine":true}}');
    expect((await h.send('GET', `/images/json?filters=${mapForm}`)).json()).toHaveLength(1);
    const listForm = encodeURIComponent('{"reference":["alpine"]}');
    expect((await h.send('GET', `/images/json?filters=${listForm}`)).json()).toHaveLength(1);
    expect(h.engine.images.calls.filter((c) => c.method === 'list').at(-1)?.args).toEqual([{ all: false, filters: ['reference=alpine'] }]);
  });

  it('says <none>:<none> for untagged images to clients before 1.44', async () => {
    h.engine.images.add('x', { names: [] });
    expect(((await h.send('GET', '/v1.41/images/json')).json() as Array<Record<string, unknown>>)[0]?.RepoTags).toEqual(['<none>:<none>']);
    expect(((await h.send('GET', '/v1.44/images/json')).json() as Array<Record<string, unknown>>)[0]?.RepoTags).toEqual([]);
  });

  it('inspects by a name with slashes and 404s an unknown one (compose then pulls)', async () => {
    h.engine.images.add('localhost:5000/team/app');
    const doc = (await h.send('GET', '/images/localhost:5000/team/app:latest/json')).json() as Record<string, unknown>;
    expect(doc).toMatchObject({ RepoTags: ['localhost:5000/team/app:latest'], Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } });
    const missing = await h.send('GET', '/v1.41/images/docker.io/library/redis:7/json');
    expect([missing.status, missing.json()]).toEqual([404, { message: 'no such image: docker.io/library/redis:7' }]);
  });

  it('tags (201), removes ([Untagged, Deleted]) and reports conflicts as 409', async () => {
    const image = h.engine.images.add('alpine');
    expect((await h.send('POST', '/images/alpine/tag?repo=localhost:5000/mine&tag=v1')).status).toBe(201);
    expect(image.names).toContain('localhost:5000/mine:v1');
    expect((await h.send('POST', '/images/alpine/tag?repo=Bad')).status).toBe(400);
    expect((await h.send('DELETE', '/images/localhost:5000/mine:v1')).json()).toEqual([{ Untagged: 'localhost:5000/mine:v1' }]);
    expect((await h.send('DELETE', '/images/alpine?force=1')).json()).toEqual([{ Untagged: 'alpine:latest' }, { Deleted: `sha256:${image.id}` }]);
    h.engine.images.add('busy', { labels: { 'fake.in-use': '1' } });
    expect((await h.send('DELETE', '/images/busy')).status).toBe(409);
    expect((await h.send('DELETE', '/images/gone')).status).toBe(404);
  });

  it('pushes with progress ending in the digest line', async () => {
    h.engine.images.add('localhost:5000/app');
    const reply = await h.send('POST', '/images/localhost:5000/app/push?tag=latest');
    const messages = lines(reply.text);
    expect(messages[0]).toEqual({ status: 'The push refers to repository [localhost:5000/app]' });
    expect(messages.at(-1)).toMatchObject({ aux: { Tag: 'latest', Size: 528 } });
  });

  it('saves to a tar stream and loads one back', async () => {
    h.engine.images.add('alpine');
    const saved = await h.send('GET', '/images/get?names=alpine');
    expect(saved.headers['content-type']).toBe('application/x-tar');
    expect(saved.text).toBe('FAKE-TAR:docker.io/library/alpine:latest\n');
    expect((await h.send('GET', '/images/alpine/get')).status).toBe(200);
    expect((await h.send('GET', '/images/get?names=nope')).status).toBe(404);
    h.engine.images.store.clear();
    const loaded = await h.send('POST', '/images/load?quiet=1', { body: saved.body });
    expect(lines(loaded.text)).toEqual([{ stream: 'Loaded image: alpine:latest\n' }]);
    expect((await h.send('POST', '/images/load', { body: 'junk' })).status).toBe(400);
  });

  it('prunes dangling images, or all unused ones with dangling=false', async () => {
    h.engine.images.add('alpine');
    const none = await h.send('POST', `/images/prune?filters=${encodeURIComponent('{"dangling":["true"]}')}`);
    expect(none.json()).toEqual({ ImagesDeleted: [], SpaceReclaimed: 0 });
    const all = await h.send('POST', `/images/prune?filters=${encodeURIComponent('{"dangling":{"false":true}}')}`);
    expect((all.json() as { ImagesDeleted: unknown[] }).ImagesDeleted).toHaveLength(1);
    expect(h.engine.images.calls.filter((c) => c.method === 'prune').map((c) => c.args[0])).toEqual([{ all: false, filters: [] }, { all: true, filters: [] }]);
  });

  it('answers history, and 501 for search', async () => {
    h.engine.images.add('alpine');
    expect((await h.send('GET', '/images/alpine/history')).json()).toEqual([
      expect.objectContaining({ CreatedBy: '/bin/sh -c #(nop) CMD ["/bin/sh"]', Tags: ['alpine:latest'], Created: 1714557600 }),
    ]);
    const search = await h.send('GET', '/images/search?term=alpine');
    expect([search.status, search.json()]).toEqual([501, { message: 'image search is not supported by tsmoby: search the registry directly' }]);
  });
});
