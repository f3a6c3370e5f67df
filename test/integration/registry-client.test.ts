// The distribution client against a real registry (Debian's docker-registry on a loopback port): push and pull
// blobs and manifests, digest checks, retries through a failing proxy, and htpasswd basic auth.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PermissionDeniedError } from '../../src/errors/index.js';
import { BlobStore } from '../../src/image/blob-store.js';
import { DigestMismatchError, sha256Digest } from '../../src/image/digest.js';
import { MediaType, parseManifest } from '../../src/image/manifest.js';
import { mountBlob, putManifest, uploadBlob } from '../../src/image/registry/blob-upload.js';
import { RegistryClient } from '../../src/image/registry/registry-client.js';

const REGISTRY_BIN = '/usr/bin/docker-registry';
const hasRegistry = existsSync(REGISTRY_BIN);
const hasHtpasswd = existsSync('/usr/bin/htpasswd');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private minimal registry starter; the shared lab in test/helpers/registry.ts will replace it. */
async function startRegistry(dir: string, htpasswd?: string): Promise<{ host: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const auth = htpasswd ? `auth:\n  htpasswd:\n    realm: test\n    path: ${htpasswd}\n` : '';
  const config = `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`;
  await writeFile(join(dir, 'config.yml'), config);
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const req = http.get(`http://127.0.0.1:${port}/v2/`, (res) => {
        res.resume();
        resolve(true);
      });
      req.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`docker-registry did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

type ProxyMode = 'fail-first' | 'corrupt-manifests';

/** A loopback proxy in front of the registry that misbehaves on purpose. */
async function startProxy(target: string, mode: ProxyMode): Promise<{ host: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (mode === 'fail-first' && requests.length === 1) {
      res.writeHead(503).end('try later');
      return;
    }
    const upstream = http.request(`http://${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: target } }, (up) => {
      const corrupt = mode === 'corrupt-manifests' && req.method === 'GET' && req.url?.includes('/manifests/');
      if (!corrupt) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.concat([Buffer.concat(chunks), Buffer.from(' ')]);
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(body.length) }).end(body);
      });
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { host: `127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A one-layer image: the layer and config blobs and a schema2 manifest. */
function makeImage(text: string) {
  const layer = Buffer.from(`layer bytes ${text}`);
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: MediaType.DockerManifest,
    config: { mediaType: MediaType.DockerConfig, digest: sha256Digest(config), size: config.length },
    layers: [{ mediaType: MediaType.DockerLayerGzip, digest: sha256Digest(layer), size: layer.length }],
  }));
  return { layer, config, manifest };
}

async function pushImage(client: RegistryClient, repo: string, tag: string, image: ReturnType<typeof makeImage>) {
  await uploadBlob(client, repo, sha256Digest(image.layer), image.layer.length, image.layer);
  await uploadBlob(client, repo, sha256Digest(image.config), image.config.length, image.config);
  return putManifest(client, repo, tag, MediaType.DockerManifest, image.manifest);
}

const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 };

describe.skipIf(!hasRegistry)('registry client against docker-registry (needs docker-registry)', () => {
  let dir: string;
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let client: RegistryClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsmoby-registry-'));
    registry = await startRegistry(dir);
    client = new RegistryClient({ registry: registry.host, insecure: true, retry: fast, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes blobs and a manifest, then pulls them back verified', async () => {
    const image = makeImage('one');
    const digest = await pushImage(client, 'test/app', 'v1', image);
    expect(digest).toBe(sha256Digest(image.manifest));

    const byTag = await client.getManifest('test/app', 'v1');
    expect(byTag).toEqual({ mediaType: MediaType.DockerManifest, digest, bytes: image.manifest });
    const byDigest = await client.getManifest('test/app', digest);
    expect(byDigest.digest).toBe(digest);
    expect(await client.headManifest('test/app', 'v1')).toMatchObject({ digest, size: image.manifest.length });

    const parsed = parseManifest(byTag.bytes, byTag.mediaType);
    const layerDigest = parsed.kind === 'manifest' ? parsed.layers[0]!.digest : '';
    const store = new BlobStore(join(dir, 'store'));
    const { stream, size } = await client.getBlob('test/app', layerDigest);
    expect(size).toBe(image.layer.length);
    await store.put(stream, layerDigest, size);
    expect(await store.read(layerDigest)).toEqual(image.layer);
    expect(await client.headBlob('test/app', layerDigest)).toBe(image.layer.length);
  });

  it('skips blobs the registry has, mounts across repositories, and uploads in chunks', async () => {
    const image = makeImage('two');
    await pushImage(client, 'test/src', 'v1', image);
    expect(await uploadBlob(client, 'test/src', sha256Digest(image.layer), image.layer.length, image.layer)).toBe('exists');
    expect(await mountBlob(client, 'test/dst', sha256Digest(image.layer), 'test/src')).toBe(true);
    expect(await client.headBlob('test/dst', sha256Digest(image.layer))).toBe(image.layer.length);

    const big = Buffer.alloc(100_000, 7);
    expect(await uploadBlob(client, 'test/chunked', sha256Digest(big), big.length, big, { chunkSize: 30_000 })).toBe('uploaded');
    const { stream } = await client.getBlob('test/chunked', sha256Digest(big));
    expect(Buffer.concat(await stream.toArray())).toEqual(big);
  });

  it('reports missing manifests and blobs as not found', async () => {
    await expect(client.getManifest('test/app', 'nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.getManifest('test/app', 'nope')).rejects.toThrow(/manifest 127\.0\.0\.1:\d+\/test\/app:nope: not found/);
    await expect(client.getBlob('test/app', `sha256:${'0'.repeat(64)}`)).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.headBlob('test/app', `sha256:${'0'.repeat(64)}`)).toBeUndefined();
  });

  it('detects content that does not match its digest', async () => {
    const image = makeImage('three');
    const digest = await pushImage(client, 'test/corrupt', 'v1', image);
    const proxy = await startProxy(registry.host, 'corrupt-manifests');
    const through = new RegistryClient({ registry: proxy.host, insecure: true, retry: fast });
    try {
      await expect(through.getManifest('test/corrupt', 'v1')).rejects.toBeInstanceOf(DigestMismatchError);
      await expect(through.getManifest('test/corrupt', digest)).rejects.toThrow(`expected ${digest}`);
    } finally {
      through.close();
      await proxy.close();
    }
    const { stream } = await client.getBlob('test/corrupt', sha256Digest(image.layer));
    const store = new BlobStore(join(dir, 'store2'));
    await expect(store.put(stream, sha256Digest(image.config))).rejects.toBeInstanceOf(DigestMismatchError);
    expect(await store.has(sha256Digest(image.config))).toBe(false);
  });

  it('retries a transient 503 and succeeds', async () => {
    const image = makeImage('four');
    await pushImage(client, 'test/retry', 'v1', image);
    const proxy = await startProxy(registry.host, 'fail-first');
    const through = new RegistryClient({ registry: proxy.host, insecure: true, retry: fast });
    try {
      expect((await through.getManifest('test/retry', 'v1')).bytes).toEqual(image.manifest);
      expect(proxy.requests[0]).toBe(proxy.requests[1]);
    } finally {
      through.close();
      await proxy.close();
    }
  });
});

describe.skipIf(!hasRegistry || !hasHtpasswd)('registry client with htpasswd basic auth (needs docker-registry, htpasswd)', () => {
  let dir: string;
  let registry: Awaited<ReturnType<typeof startRegistry>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsmoby-registry-auth-'));
    await writeFile(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', 'user', 'pass']));
    registry = await startRegistry(dir, join(dir, 'htpasswd'));
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const clientWith = (password?: string) => new RegistryClient({
    registry: registry.host, insecure: true, retry: fast,
    credentials: password === undefined ? undefined : { username: 'user', password },
  });

  it('validates credentials for login', async () => {
    const good = clientWith('pass');
    const bad = clientWith('wrong');
    try {
      await expect(good.checkLogin()).resolves.toBeUndefined();
      await expect(bad.checkLogin()).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(bad.checkLogin()).rejects.toThrow(`unable to log in to ${registry.host}: invalid username/password`);
    } finally {
      good.close();
      bad.close();
    }
  });

  it('pushes and pulls with credentials and refuses anonymous access', async () => {
    const authed = clientWith('pass');
    const anonymous = clientWith();
    try {
      const image = makeImage('auth');
      const digest = await pushImage(authed, 'private/app', 'v1', image);
      expect((await authed.getManifest('private/app', 'v1')).digest).toBe(digest);
      await expect(anonymous.getManifest('private/app', 'v1')).rejects.toBeInstanceOf(PermissionDeniedError);
    } finally {
      authed.close();
      anonymous.close();
    }
  });
});
