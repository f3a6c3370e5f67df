// Assembles image configs, manifests and indexes (Docker schema2 or OCI) around built layers, as the exact
// bytes a registry stores, so that every digest a test sees can be recomputed from them.
import { sha256 } from './layer-tar.js';
import type { BuiltLayer, Compression } from './layer-tar.js';

export type MediaFamily = 'docker' | 'oci';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ContainerConfig {
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  StopSignal?: string;
}

export interface HistoryEntry {
  created_by: string;
  empty_layer?: boolean;
  comment?: string;
}

export interface BuiltImage {
  family: MediaFamily;
  platform: Platform;
  manifest: Buffer;
  manifestMediaType: string;
  manifestDigest: string;
  config: Buffer;
  configDigest: string;
  layers: (BuiltLayer & { mediaType: string })[];
}

export interface BuiltIndex {
  index: Buffer;
  mediaType: string;
  digest: string;
  images: BuiltImage[];
}

export const mediaTypes = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
  },
} as const;

export function layerMediaType(family: MediaFamily, compression: Compression): string {
  if (family === 'docker') {
    if (compression === 'zstd') throw new Error('Docker schema2 has no zstd layer media type');
    return `application/vnd.docker.image.rootfs.diff.tar${compression === 'gzip' ? '.gzip' : ''}`;
  }
  return `application/vnd.oci.image.layer.v1.tar${compression === 'none' ? '' : `+${compression}`}`;
}

const created = '2024-01-01T00:00:00Z';

export function assembleImage(spec: {
  family: MediaFamily;
  platform?: Platform;
  layers: BuiltLayer[];
  config: ContainerConfig;
  history?: HistoryEntry[];
}): BuiltImage {
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const history = spec.history ?? spec.layers.map((_, i) => ({ created_by: `layer ${i + 1}` }));
  const config = Buffer.from(JSON.stringify({
    created,
    architecture: platform.architecture,
    ...(platform.variant !== undefined ? { variant: platform.variant } : {}),
    os: platform.os,
    config: spec.config,
    rootfs: { type: 'layers', diff_ids: spec.layers.map((layer) => layer.diffId) },
    history: history.map((entry) => ({ created, ...entry })),
  }));
  const types = mediaTypes[spec.family];
  const layers = spec.layers.map((layer) => ({ ...layer, mediaType: layerMediaType(spec.family, layer.compression) }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, digest: sha256(config), size: config.length },
    layers: layers.map((layer) => ({ mediaType: layer.mediaType, digest: layer.digest, size: layer.size })),
  }, null, 3));
  return {
    family: spec.family, platform, manifest, manifestMediaType: types.manifest, manifestDigest: sha256(manifest),
    config, configDigest: sha256(config), layers,
  };
}

export function assembleIndex(family: MediaFamily, images: BuiltImage[]): BuiltIndex {
  const mediaType = mediaTypes[family].index;
  const index = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType,
    manifests: images.map((image) => ({
      mediaType: image.manifestMediaType, digest: image.manifestDigest, size: image.manifest.length,
      platform: image.platform,
    })),
  }, null, 3));
  return { index, mediaType, digest: sha256(index), images };
}
