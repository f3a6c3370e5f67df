// Fixture images built from busybox-static, once per process, and pushed into a test registry over its
// HTTP API: alpine (Docker schema2), layered (OCI, whiteouts, owners, links), multiarch (OCI index and
// Docker manifest list), zstd and uncompressed layers, and big (about 100 MB for the pull benchmark).
import { createCipheriv } from 'node:crypto';
import { alpineEntries, alpineFacts, layeredEntries } from './fixture-contents.js';
import { assembleImage, assembleIndex } from './image-assembly.js';
import type { BuiltImage, BuiltIndex, ContainerConfig, MediaFamily, Platform } from './image-assembly.js';
import { buildLayer, hasZstd } from './layer-tar.js';
import type { BuiltLayer, Compression } from './layer-tar.js';
import { putManifest, uploadBlob } from './registry-upload.js';
import type { TestRegistry } from './registry.js';

export { alpineFacts, layeredFacts } from './fixture-contents.js';
export type { FileFact } from './fixture-contents.js';
export { hasZstd } from './layer-tar.js';
export type { BuiltImage, BuiltIndex } from './image-assembly.js';

export type FixtureName =
  | 'alpine' | 'layered' | 'multiarch' | 'multiarch-docker' | 'zstd' | 'uncompressed' | 'big';

export const fixtureNames: readonly FixtureName[] =
  ['alpine', 'layered', 'multiarch', 'multiarch-docker', 'zstd', 'uncompressed', 'big'];

export interface PushedLayer {
  digest: string;
  diffId: string;
  size: number;
  mediaType: string;
}

export interface PushedImage {
  platform: Platform;
  manifestDigest: string;
  mediaType: string;
  configDigest: string;
  layers: PushedLayer[];
}

export interface PushedFixture extends PushedImage {
  repo: string;
  tag: string;
  /** host/repo:tag */
  reference: string;
  /** For an index or manifest list, its child images (the top-level config and layers are linux/amd64's). */
  platforms?: PushedImage[];
}

export const bigFixture = { layerCount: 5, layerBytes: 20 * 1024 * 1024 } as const;

const alpineConfig: ContainerConfig = { Env: [...alpineFacts.env], Cmd: [...alpineFacts.cmd] };

const cache = new Map<FixtureName, Promise<BuiltImage | BuiltIndex>>();
const sharedLayers = new Map<string, Promise<BuiltLayer>>();

function alpineLayer(compression: Compression): Promise<BuiltLayer> {
  const key = `alpine-${compression}`;
  let layer = sharedLayers.get(key);
  if (layer === undefined) {
    layer = buildLayer(alpineEntries(), compression);
    sharedLayers.set(key, layer);
  }
  return layer;
}

async function buildAlpine(family: MediaFamily, compression: Compression): Promise<BuiltImage> {
  return assembleImage({
    family, layers: [await alpineLayer(compression)], config: alpineConfig,
    history: [{ created_by: 'ADD busybox rootfs /' }, { created_by: 'CMD ["/bin/sh"]', empty_layer: true }],
  });
}

async function buildLayered(): Promise<BuiltImage> {
  const [added, changed] = layeredEntries();
  const layers = [await alpineLayer('gzip'), await buildLayer(added ?? []), await buildLayer(changed ?? [])];
  return assembleImage({
    family: 'oci',
    layers,
    config: {
      Env: [...alpineFacts.env, 'LAYERED=yes'], Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo layered $LAYERED'],
      WorkingDir: '/data', User: '1000:1000', Labels: { 'org.example.fixture': 'layered', 'org.example.layers': '3' },
      ExposedPorts: { '8080/tcp': {} }, Volumes: { '/vol': {} }, StopSignal: 'SIGTERM',
    },
    history: [
      { created_by: 'ADD busybox rootfs /' },
      { created_by: 'ENV LAYERED=yes', empty_layer: true },
      { created_by: 'ADD data /data' },
      { created_by: 'LABEL org.example.fixture=layered', empty_layer: true },
      { created_by: 'RUN change /data', comment: 'whiteouts, links, owners' },
    ],
  });
}

async function buildMultiarch(family: MediaFamily): Promise<BuiltIndex> {
  const archFile = (arch: string): Promise<BuiltLayer> =>
    buildLayer([{ type: 'dir', path: 'etc' }, { type: 'file', path: 'etc/arch', content: `${arch}\n` }]);
  const amd64 = assembleImage({
    family, layers: [await alpineLayer('gzip'), await archFile('amd64')], config: alpineConfig,
  });
  const arm64 = assembleImage({
    family, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, layers: [await archFile('arm64')],
    config: { ...alpineConfig, Cmd: ['/bin/cat', '/etc/arch'] },
  });
  return assembleIndex(family, [amd64, arm64]);
}

/** Deterministic, incompressible data: AES-CTR over zeros with a fixed key, one IV per layer. */
function pseudoRandom(bytes: number, seed: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(seed, 0);
  const cipher = createCipheriv('aes-128-ctr', Buffer.from('tsmoby-big-fixtr'), iv);
  return Buffer.concat([cipher.update(Buffer.alloc(bytes)), cipher.final()]);
}

async function buildBig(): Promise<BuiltImage> {
  const layers = [await alpineLayer('gzip')];
  for (let i = 1; i <= bigFixture.layerCount; i++) {
    const entries = [{ type: 'dir', path: 'data' } as const,
      { type: 'file', path: `data/big-${i}.bin`, content: pseudoRandom(bigFixture.layerBytes, i) } as const];
    layers.push(await buildLayer(entries, 'gzip', 1));
  }
  return assembleImage({ family: 'oci', layers, config: alpineConfig });
}

function build(name: FixtureName): Promise<BuiltImage | BuiltIndex> {
  switch (name) {
    case 'alpine': return buildAlpine('docker', 'gzip');
    case 'layered': return buildLayered();
    case 'multiarch': return buildMultiarch('oci');
    case 'multiarch-docker': return buildMultiarch('docker');
    case 'zstd':
      if (!hasZstd) return Promise.reject(new Error('the zstd fixture needs the zstd binary (apt-get install zstd)'));
      return buildAlpine('oci', 'zstd');
    case 'uncompressed': return buildAlpine('oci', 'none');
    case 'big': return buildBig();
  }
}

/** The fixture's bytes, built once per process. */
export function buildFixture(name: FixtureName): Promise<BuiltImage | BuiltIndex> {
  let built = cache.get(name);
  if (built === undefined) {
    built = build(name);
    cache.set(name, built);
    built.catch(() => cache.delete(name));
  }
  return built;
}

async function pushImage(registry: TestRegistry, repo: string, image: BuiltImage, reference: string): Promise<PushedImage> {
  await uploadBlob(registry, repo, image.configDigest, image.config);
  await Promise.all(image.layers.map((layer) => uploadBlob(registry, repo, layer.digest, layer.blob)));
  await putManifest(registry, repo, reference, image.manifestMediaType, image.manifest);
  return {
    platform: image.platform, manifestDigest: image.manifestDigest, mediaType: image.manifestMediaType,
    configDigest: image.configDigest,
    layers: image.layers.map(({ digest, diffId, size, mediaType }) => ({ digest, diffId, size, mediaType })),
  };
}

/** Pushes a fixture as <repo>:<tag> (repo defaults to library/<name>, as docker.io names official images). */
export async function pushFixture(
  registry: TestRegistry, name: FixtureName, repo = `library/${name}`, tag = 'latest',
): Promise<PushedFixture> {
  const built = await buildFixture(name);
  const where = { repo, tag, reference: `${registry.host}/${repo}:${tag}` };
  if ('manifest' in built) return { ...where, ...(await pushImage(registry, repo, built, tag)) };
  const platforms: PushedImage[] = [];
  for (const image of built.images) platforms.push(await pushImage(registry, repo, image, image.manifestDigest));
  await putManifest(registry, repo, tag, built.mediaType, built.index);
  const amd64 = platforms.find((image) => image.platform.architecture === 'amd64') ?? platforms[0];
  if (amd64 === undefined) throw new Error(`fixture ${name} has no images`);
  return { ...where, ...amd64, manifestDigest: built.digest, mediaType: built.mediaType, platforms };
}
