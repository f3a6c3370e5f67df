import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './api-harness.js';
import type { Harness } from './api-harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('build routes', () => {
  it('streams Docker classic builder messages, the aux id and the tags, and passes the query through', async () => {
    h.engine.images.script = ['FROM alpine', 'RUN echo hi'];
    const q = `t=demo&buildargs=${encodeURIComponent('{"A":"1","B":null}')}&labels=${encodeURIComponent('{"x":"y"}')}&nocache=1&target=app&networkmode=none&dockerfile=sub/Dockerfile`;
    const r = await h.send('POST', `/v1.41/build?${q}`, { body: Buffer.alloc(1024) });
    expect(r.status).toBe(200);
    const msgs = lines(r.text).filter((m) => m.stream !== '');
    const id = (msgs.find((m) => m.aux) as { aux: { ID: string } }).aux.ID;
    expect(msgs).toEqual([
      { stream: 'Step 1/2 : FROM alpine' + '\n' }, { stream: 'out 1\n' }, expect.objectContaining({ stream: expect.stringMatching(/^ ---> [0-9a-f]{12}\n$/) }),
      { stream: 'Step 2/2 : RUN echo hi\n' }, { stream: 'out 2\n' }, expect.objectContaining({ stream: expect.stringMatching(/^ ---> [0-9a-f]{12}\n$/) }),
      { aux: { ID: id } }, { stream: `Successfully built ${id.slice(7, 19)}\n` }, { stream: 'Successfully tagged demo:latest\n' },
    ]);
    expect(h.engine.images.calls.find((c) => c.method === 'build')!.args[0]).toMatchObject({
      context: { tarBytes: 1024 }, tags: ['demo'], buildArgs: { A: '1' }, labels: { x: 'y' }, noCache: true, pull: false,
      target: 'app', network: 'none', dockerfile: 'sub/Dockerfile',
    });
  });

  it('reports a failing step in-band as an error message', async () => {
    h.engine.images.script = ['FROM alpine', 'FAIL'];
    const r = await h.send('POST', '/build?t=x', { body: '' });
    const last = lines(r.text).at(-1);
    expect(last).toEqual({ error: 'building at STEP "FAIL": exit status 2', errorDetail: { message: 'building at STEP "FAIL": exit status 2' } });
  });

  it('commits a container with changes and answers 201 with the id', async () => {
    const r = await h.send('POST', '/commit?container=web&repo=saved&tag=v1&comment=hi&changes=CMD%20%5B%22sh%22%5D');
    expect(r.status).toBe(201);
    expect((r.json() as { Id: string }).Id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(h.engine.images.calls.find((c) => c.method === 'commit')!.args).toEqual(['web', { changes: ['CMD ["sh"]'], reference: 'saved:v1', message: 'hi' }]);
  });
});
