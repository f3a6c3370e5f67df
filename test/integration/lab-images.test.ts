// Every fixture image can be pushed into a test registry and read back: manifests, configs and layers
// verify against their digests, and the layers hold what the fixture facts promise.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { Header } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpineFacts, bigFixture, hasZstd, layeredFacts, pushFixture } from '../helpers/images.js';
import type { FixtureName, PushedFixture } from '../helpers/images.js';
import { sha256 } from '../helpers/layer-tar.js';
import { startRegistry } from '../helpers/registry.js';
import type { TestRegistry } from '../helpers/registry.js';
import { registryGet } from '../helpers/registry-upload.js';

const hasRegistry = existsSync('/usr/bin/docker-registry');

interface Manifest {
  mediaType: string;
  config: { digest: string; mediaType: string };
  layers: { digest: string; mediaType: string; size: number }[];
  manifests?: { digest: string; platform: { architecture: string } }[];
}

interface ImageConfig {
  rootfs: { diff_ids: string[] };
  config: Record<string, unknown>;
  history: { empty_layer?: boolean }[];
  architecture: string;
}

function decompress(blob: Buffer, mediaType: string): Buffer {
  if (mediaType.endsWith('gzip')) return gunzipSync(blob);
  if (mediaType.endsWith('zstd')) return execFileSync('zstd', ['-d', '-c', '-q'], { input: blob, maxBuffer: 1 << 30 });
  return blob;
}

async function tarHeaders(tar: Buffer): Promise<Map<string, Header & { content: string }>> {
  const entries = new Map<string, Header & { content: string }>();
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.set(header.name, { ...header, content: Buffer.concat(chunks).toString('latin1') });
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  reader.end(tar);
  await done;
  return entries;
}

/** Fetches the image back by digest and checks every digest and diff id; returns the layers' tars. */
async function verifyImage(registry: TestRegistry, repo: string, manifestDigest: string): Promise<{ config: ImageConfig; tars: Buffer[] }> {
  const fetched = await registryGet(registry, repo, 'manifests', manifestDigest);
  expect(sha256(fetched.body)).toBe(manifestDigest);
  const manifest = JSON.parse(fetched.body.toString()) as Manifest;
  const configBlob = (await registryGet(registry, repo, 'blobs', manifest.config.digest)).body;
  expect(sha256(configBlob)).toBe(manifest.config.digest);
  const config = JSON.parse(configBlob.toString()) as ImageConfig;
  const tars: Buffer[] = [];
  for (const [i, layer] of manifest.layers.entries()) {
    const blob = (await registryGet(registry, repo, 'blobs', layer.digest)).body;
    expect(sha256(blob)).toBe(layer.digest);
    expect(blob.length).toBe(layer.size);
    const tar = decompress(blob, layer.mediaType);
    expect(sha256(tar)).toBe(config.rootfs.diff_ids[i]);
    tars.push(tar);
  }
  expect(config.history.filter((entry) => entry.empty_layer !== true)).toHaveLength(manifest.layers.length);
  return { config, tars };
}

describe.skipIf(!hasRegistry)('lab fixture images (needs docker-registry)', () => {
  let registry: TestRegistry;
  beforeAll(async () => { registry = await startRegistry({ variant: 'plain' }); });
  afterAll(async () => { await registry?.stop(); });

  it('alpine: one Docker schema2 layer with busybox, applets, users and modes', async () => {
    const pushed = await pushFixture(registry, 'alpine');
    expect(pushed.reference).toBe(`${registry.host}/library/alpine:latest`);
    expect(pushed.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const byTag = await registryGet(registry, 'library/alpine', 'manifests', 'latest');
    expect(byTag.digest).toBe(pushed.manifestDigest);
    const { config, tars } = await verifyImage(registry, pushed.repo, pushed.manifestDigest);
    expect(config.config).toEqual({ Env: alpineFacts.env, Cmd: ['/bin/sh'] });
    const files = await tarHeaders(tars[0] ?? Buffer.alloc(0));
    expect(files.get('bin/busybox')?.mode).toBe(0o755);
    for (const applet of alpineFacts.applets) expect(files.get(`bin/${applet}`)?.linkname).toBe('busybox');
    expect(files.get('tmp')?.mode).toBe(0o1777);
    expect(files.get('home/app')).toMatchObject({ uid: 1000, gid: 1000, type: 'directory' });
    expect(files.get('etc/passwd')?.content).toContain('app:x:1000:1000:');
    expect(files.get('etc/passwd')?.content).toContain('nobody:x:65534:65534:');
  });

  it('layered: OCI layers with whiteouts, an opaque dir, links, owners and a setuid file', async () => {
    const pushed = await pushFixture(registry, 'layered', 'test/layered', 'v1');
    expect(pushed.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(pushed.layers.map((layer) => layer.mediaType)).toEqual(
      Array(layeredFacts.layerCount).fill('application/vnd.oci.image.layer.v1.tar+gzip'));
    const { config, tars } = await verifyImage(registry, pushed.repo, pushed.manifestDigest);
    expect(config.config).toMatchObject({
      Entrypoint: ['/bin/sh', '-c'], WorkingDir: '/data', User: '1000:1000', ExposedPorts: { '8080/tcp': {} },
      Volumes: { '/vol': {} }, Labels: { 'org.example.fixture': 'layered' },
    });
    expect(config.history.some((entry) => entry.empty_layer === true)).toBe(true);
    const last = await tarHeaders(tars[2] ?? Buffer.alloc(0));
    expect(last.has('data/.wh.deleted.txt')).toBe(true);
    expect(last.has('data/opaque/.wh..wh..opq')).toBe(true);
    expect(last.get('data/hard-link')).toMatchObject({ type: 'link', linkname: 'data/hard-target' });
    expect(last.get('data/abs-link')).toMatchObject({ type: 'symlink', linkname: '/data/keep.txt' });
    expect(last.get('usr/local/bin/setuid-tool')?.mode).toBe(0o4755);
    expect(last.get('data/private')).toMatchObject({ mode: 0o700, uid: 1000, gid: 1000 });
    expect(last.get('data/owned-nobody')).toMatchObject({ uid: 65534, gid: 65534 });
  });

  for (const [name, indexType, childType] of [
    ['multiarch', 'application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json'],
    ['multiarch-docker', 'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json'],
  ] as const) {
    it(`${name}: an index for linux/amd64 and linux/arm64`, async () => {
      const pushed = await pushFixture(registry, name);
      const index = await registryGet(registry, pushed.repo, 'manifests', 'latest');
      expect(index.mediaType).toBe(indexType);
      expect(sha256(index.body)).toBe(pushed.manifestDigest);
      const parsed = JSON.parse(index.body.toString()) as Manifest;
      expect(parsed.manifests?.map((entry) => entry.platform.architecture)).toEqual(['amd64', 'arm64']);
      for (const child of pushed.platforms ?? []) {
        expect(child.mediaType).toBe(childType);
        const { config, tars } = await verifyImage(registry, pushed.repo, child.manifestDigest);
        expect(config.architecture).toBe(child.platform.architecture);
        const files = await tarHeaders(tars.at(-1) ?? Buffer.alloc(0));
        expect(files.get('etc/arch')?.content).toBe(`${child.platform.architecture}\n`);
      }
      expect(pushed.platforms).toHaveLength(2);
    });
  }

  const variants: [FixtureName, string][] = [
    ['uncompressed', 'application/vnd.oci.image.layer.v1.tar'],
    ['zstd', 'application/vnd.oci.image.layer.v1.tar+zstd'],
  ];
  for (const [name, layerType] of variants) {
    it.skipIf(name === 'zstd' && !hasZstd)(`${name}: layers of type ${layerType}${name === 'zstd' ? ' (needs zstd)' : ''}`, async () => {
      const pushed: PushedFixture = await pushFixture(registry, name);
      expect(pushed.layers.map((layer) => layer.mediaType)).toEqual([layerType]);
      const { tars } = await verifyImage(registry, pushed.repo, pushed.manifestDigest);
      expect((await tarHeaders(tars[0] ?? Buffer.alloc(0))).has('bin/busybox')).toBe(true);
    });
  }

  it('big: about 100 MB of incompressible data in several layers', async () => {
    const pushed = await pushFixture(registry, 'big');
    const dataLayers = pushed.layers.slice(1);
    expect(dataLayers).toHaveLength(bigFixture.layerCount);
    for (const layer of dataLayers) expect(layer.size).toBeGreaterThan(bigFixture.layerBytes);
    await verifyImage(registry, pushed.repo, pushed.manifestDigest);
  });
});

describe.skipIf(!hasRegistry)('pushing fixtures through registry auth (needs docker-registry)', () => {
  for (const variant of ['basic', 'token'] as const) {
    it(`pushes and reads back alpine through ${variant} auth`, async () => {
      const registry = await startRegistry({ variant, tls: variant === 'token' });
      try {
        const pushed = await pushFixture(registry, 'alpine');
        await verifyImage(registry, pushed.repo, pushed.manifestDigest);
        if (variant === 'token') {
          expect(registry.tokenServer?.requests.some((r) => r.account === 'testuser' && r.granted)).toBe(true);
        }
      } finally {
        await registry.stop();
      }
    });
  }
});
