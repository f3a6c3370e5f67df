// The real docker CLI against the API served in-process over a FakeEngine: proves the documents' shapes the
// CLI parses (version, info, images, pull progress, inspect, tag, rmi, save/load, events, system df).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../unit/api/api-harness.js';
import type { Harness } from '../unit/api/api-harness.js';

const run = promisify(execFile);
const hasDocker = ['/usr/local/bin/docker', '/usr/bin/docker'].some((p) => existsSync(p));
let h: Harness;

async function docker(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('docker', ['-H', `unix://${h.socket}`, ...args], { timeout: 30_000, env: { ...process.env, DOCKER_CONFIG: join(h.dir, 'docker-config') } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe.skipIf(!hasDocker)('docker CLI against tsmoby system service (needs the docker CLI)', () => {
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.stop(); });

  it('docker version shows the server', async () => {
    const r = await docker('version');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Server: tsmoby 0\.1\.0/);
    expect(r.stdout).toMatch(/API version:\s+1\.44 \(minimum version 1\.24\)/);
  });

  it('docker info prints without errors or warnings about the server', async () => {
    const r = await docker('info');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Storage Driver: overlay/);
    expect(r.stdout).toMatch(/Security Options:(\n {2,}.*)*\n {2,}rootless\n/);
  });

  it('docker pull shows the layer and status lines; docker images lists it', async () => {
    h.engine.images.remotes.set('docker.io/library/alpine:latest', { layers: [{ digest: `sha256:${'c'.repeat(64)}`, size: 3_000_000 }], digest: `sha256:${'d'.repeat(64)}` });
    const pull = await docker('pull', 'alpine');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain('latest: Pulling from library/alpine');
    expect(pull.stdout).toContain('cccccccccccc: Pull complete');
    expect(pull.stdout).toContain('Status: Downloaded newer image for alpine:latest');
    expect(pull.stdout).toContain('docker.io/library/alpine:latest');
    const images = await docker('images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}');
    expect(images.stdout.trim()).toBe('alpine:latest 7MB');
  });

  it('a failed pull prints the engine\'s message and exits 1', async () => {
    const r = await docker('pull', 'nosuchimage');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error response from daemon: pull access denied for docker.io/library/nosuchimage:latest');
  });

  it('docker tag, inspect, rmi', async () => {
    expect((await docker('tag', 'alpine', 'localhost:5000/mine:v1')).code).toBe(0);
    const inspect = await docker('image', 'inspect', '--format', '{{json .RepoTags}}', 'localhost:5000/mine:v1');
    expect(JSON.parse(inspect.stdout)).toEqual(['alpine:latest', 'localhost:5000/mine:v1']);
    const rmi = await docker('rmi', 'localhost:5000/mine:v1');
    expect(rmi.stdout.trim()).toBe('Untagged: localhost:5000/mine:v1');
    const missing = await docker('image', 'inspect', 'nothere');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such image: nothere/i);
  });

  it('docker save and docker load', async () => {
    const out = join(h.dir, 'alpine.tar');
    expect((await docker('save', '-o', out, 'alpine')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('FAKE-TAR:docker.io/library/alpine:latest\n');
    h.engine.images.store.clear();
    const load = await docker('load', '-i', out);
    expect(load.stdout.trim()).toBe('Loaded image: alpine:latest');
  });

  it('docker system df and docker events --since/--until', async () => {
    expect((await docker('system', 'df')).stdout).toMatch(/^Images\s+1\s+/m);
    const ev = await docker('events', '--since', '1700000000', '--until', '1700000100', '--format', '{{.Action}}');
    expect(ev.code).toBe(0);
  });
});
