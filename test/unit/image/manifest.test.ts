import { describe, expect, it } from 'vitest';
import { MediaType, layerCompression, parseImageConfig, parseManifest, type ImageIndex, type Platform } from '../../../src/image/manifest.js';
import { choosePlatform, hostPlatform, parsePlatform } from '../../../src/image/platform.js';
import { InvalidArgumentError, NotFoundError } from '../../../src/errors/index.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const desc = (c: string, platform?: Platform) => ({ mediaType: MediaType.OciManifest, digest: d(c), size: 100, platform });

describe('parseManifest', () => {
  it('reads a Docker schema2 manifest', () => {
    const m = parseManifest(JSON.stringify({
      schemaVersion: 2, mediaType: MediaType.DockerManifest,
      config: { mediaType: MediaType.DockerConfig, digest: d('a'), size: 10 },
      layers: [{ mediaType: MediaType.DockerLayerGzip, digest: d('b'), size: 20 }],
    }));
    expect(m.kind).toBe('manifest');
    expect(m.kind === 'manifest' && m.layers[0]!.digest).toBe(d('b'));
  });

  it('tells an OCI index from a manifest by Content-Type or shape when mediaType is absent', () => {
    const index = JSON.stringify({ schemaVersion: 2, manifests: [desc('c', { os: 'linux', architecture: 'amd64' })] });
    expect(parseManifest(index).mediaType).toBe(MediaType.OciIndex);
    expect(parseManifest(index, `${MediaType.DockerManifestList}; charset=utf-8`).mediaType).toBe(MediaType.DockerManifestList);
    const manifest = JSON.stringify({ schemaVersion: 2, config: { mediaType: MediaType.OciConfig, digest: d('a'), size: 1 }, layers: [] });
    expect(parseManifest(manifest).mediaType).toBe(MediaType.OciManifest);
  });

  it('refuses schema 1, bad digests and unknown media types', () => {
    expect(() => parseManifest('{"schemaVersion":1}')).toThrow('schema 1 images are not supported');
    expect(() => parseManifest(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'x', digest: 'sha256:zz', size: 1 }] }))).toThrow('bad digest');
    expect(() => parseManifest(JSON.stringify({ schemaVersion: 2, mediaType: 'text/plain', layers: [] }))).toThrow('unsupported media type "text/plain"');
    expect(() => parseManifest('nope')).toThrow(InvalidArgumentError);
  });

  it('reads an image config and refuses one without diff_ids', () => {
    const cfg = parseImageConfig(JSON.stringify({
      architecture: 'amd64', os: 'linux',
      config: { Env: ['PATH=/bin'], Cmd: ['sh'], User: '1000', WorkingDir: '/w', ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGINT' },
      rootfs: { type: 'layers', diff_ids: [d('e')] },
      history: [{ created_by: 'ADD x', empty_layer: false }],
    }));
    expect(cfg.config?.Cmd).toEqual(['sh']);
    expect(cfg.rootfs.diff_ids).toEqual([d('e')]);
    expect(() => parseImageConfig('{"architecture":"amd64","os":"linux"}')).toThrow('rootfs.diff_ids');
  });

  it('knows layer compressions', () => {
    expect(layerCompression(MediaType.DockerLayerGzip)).toBe('gzip');
    expect(layerCompression(MediaType.OciLayerZstd)).toBe('zstd');
    expect(layerCompression(MediaType.OciLayer)).toBe('none');
    expect(() => layerCompression('application/x-foo')).toThrow('unsupported layer media type');
  });
});

describe('platforms', () => {
  const index: ImageIndex = {
    kind: 'index', schemaVersion: 2, mediaType: MediaType.OciIndex,
    manifests: [
      desc('1', { os: 'linux', architecture: 'amd64' }),
      desc('2', { os: 'linux', architecture: 'arm', variant: 'v6' }),
      desc('3', { os: 'linux', architecture: 'arm', variant: 'v7' }),
      desc('4', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      desc('5', { os: 'unknown', architecture: 'unknown' }),
    ],
  };

  it('maps the host', () => {
    expect(hostPlatform('x64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(hostPlatform('arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(hostPlatform('arm', '7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
  });

  it('parses --platform', () => {
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm/7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('x86_64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(() => parsePlatform('linux//')).toThrow('invalid platform "linux//"');
  });

  it('chooses the matching manifest, treating arm64 and arm64/v8 alike', () => {
    expect(choosePlatform(index, { os: 'linux', architecture: 'amd64' }).digest).toBe(d('1'));
    expect(choosePlatform(index, parsePlatform('linux/arm64')).digest).toBe(d('4'));
    expect(choosePlatform(index, parsePlatform('linux/arm/v7')).digest).toBe(d('3'));
    expect(choosePlatform(index, parsePlatform('linux/arm')).digest).toBe(d('2'));
  });

  it('lists what is available when nothing matches', () => {
    let caught: unknown;
    try {
      choosePlatform(index, parsePlatform('linux/riscv64'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(NotFoundError);
    expect((caught as Error).message).toBe(
      'no image found in manifest list for platform linux/riscv64; available: linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8',
    );
  });
});
