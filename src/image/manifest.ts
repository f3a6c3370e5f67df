// Manifest and image-config documents (Docker schema2 + manifest list, OCI manifest + index): media types,
// parsing with shape checks, and choosing one platform's manifest from an index.
import { InvalidArgumentError } from '../errors/index.js';
import { isValidDigest } from './reference.js';

export const MediaType = {
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  DockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayer: 'application/vnd.oci.image.layer.v1.tar',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
} as const;

/** What a pull asks for, in preference order. */
export const MANIFEST_ACCEPT = [MediaType.OciIndex, MediaType.DockerManifestList, MediaType.OciManifest, MediaType.DockerManifest];

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface ImageManifest {
  kind: 'manifest';
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  kind: 'index';
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export type ManifestDocument = ImageManifest | ImageIndex;

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ContainerConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  [other: string]: unknown;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: ContainerConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: HistoryEntry[];
  [other: string]: unknown;
}

function bad(what: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`invalid ${what}: ${why}`);
}

function parseJsonObject(bytes: Uint8Array | string, what: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new InvalidArgumentError(`invalid ${what}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(what, 'not a JSON object');
  return doc as Record<string, unknown>;
}

function checkDescriptor(d: unknown, what: string): Descriptor {
  const desc = d as Descriptor;
  if (typeof desc !== 'object' || desc === null) throw bad(what, 'descriptor is not an object');
  if (typeof desc.digest !== 'string' || !isValidDigest(desc.digest)) throw bad(what, `bad digest "${String(desc.digest)}"`);
  if (typeof desc.size !== 'number' || !Number.isSafeInteger(desc.size) || desc.size < 0) {
    throw bad(what, `bad size for ${desc.digest}`);
  }
  if (typeof desc.mediaType !== 'string') throw bad(what, `missing mediaType for ${desc.digest}`);
  return desc;
}

/**
 * Parses a manifest or index. The media type comes from the document, else from the HTTP Content-Type, else
 * from its shape (OCI makes the field optional).
 */
export function parseManifest(bytes: Uint8Array | string, contentType?: string): ManifestDocument {
  const doc = parseJsonObject(bytes, 'manifest');
  if (doc.schemaVersion !== 2) throw bad('manifest', `unsupported schemaVersion ${String(doc.schemaVersion)} (schema 1 images are not supported)`);
  const declared = typeof doc.mediaType === 'string' ? doc.mediaType : contentType?.split(';')[0]?.trim();
  const isIndex = Array.isArray(doc.manifests);
  const mediaType = declared && declared !== 'application/json' ? declared : isIndex ? MediaType.OciIndex : MediaType.OciManifest;
  const annotations = doc.annotations as Record<string, string> | undefined;
  if (mediaType === MediaType.OciIndex || mediaType === MediaType.DockerManifestList) {
    if (!isIndex) throw bad('manifest list', 'missing "manifests"');
    const manifests = (doc.manifests as unknown[]).map((m) => checkDescriptor(m, 'manifest list'));
    return { kind: 'index', schemaVersion: 2, mediaType, manifests, annotations };
  }
  if (mediaType === MediaType.OciManifest || mediaType === MediaType.DockerManifest) {
    if (!Array.isArray(doc.layers)) throw bad('manifest', 'missing "layers"');
    const config = checkDescriptor(doc.config, 'manifest config');
    const layers = (doc.layers as unknown[]).map((l) => checkDescriptor(l, 'manifest layer'));
    return { kind: 'manifest', schemaVersion: 2, mediaType, config, layers, annotations };
  }
  throw bad('manifest', `unsupported media type "${mediaType}"`);
}

export function parseImageConfig(bytes: Uint8Array | string): ImageConfig {
  const doc = parseJsonObject(bytes, 'image config') as Partial<ImageConfig>;
  const rootfs = doc.rootfs;
  if (!rootfs || !Array.isArray(rootfs.diff_ids) || !rootfs.diff_ids.every((d) => typeof d === 'string' && isValidDigest(d))) {
    throw bad('image config', 'missing or malformed rootfs.diff_ids');
  }
  if (typeof doc.architecture !== 'string' || typeof doc.os !== 'string') throw bad('image config', 'missing os or architecture');
  if (doc.history !== undefined && !Array.isArray(doc.history)) throw bad('image config', '"history" must be an array');
  return doc as ImageConfig;
}

/** Whether a layer descriptor is one we can download and apply (foreign layers are skipped by Docker too). */
export function layerCompression(mediaType: string): 'gzip' | 'zstd' | 'none' {
  if (mediaType === MediaType.OciLayerZstd) return 'zstd';
  if (mediaType === MediaType.OciLayer || mediaType.endsWith('.tar')) return 'none';
  if (mediaType.endsWith('gzip')) return 'gzip';
  throw new InvalidArgumentError(`unsupported layer media type "${mediaType}"`);
}
