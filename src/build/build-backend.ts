// What the builder needs from the engine, as one narrow port: base images, running a step's command in a
// container, turning tar streams into stored layers, reading another rootfs, the step cache, and storing the
// result. The engine implements it (build may not import engine/, image/, storage/ or runtime/).
import type { Writable } from 'node:stream';
import type { ChownSpec } from './copy-flags.js';
import type { ImageConfig } from './image-config.js';

/** A stored layer, as an image manifest and config refer to it. */
export interface LayerHandle {
  chainId: string;
  diffId: string;
  /** Digest of the compressed blob. */
  digest: string;
  mediaType: string;
  /** Compressed size. */
  size: number;
}

export interface HistoryItem {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** An image (or a finished stage) as the builder builds on it. */
export interface BaseImage {
  /** Image id (hex); '' for scratch and for stages. */
  id: string;
  config: ImageConfig;
  history: HistoryItem[];
  layers: LayerHandle[];
  architecture: string;
  os: string;
  author?: string;
}

export interface RunRequest {
  layers: readonly LayerHandle[];
  argv: string[];
  env: string[];
  user: string;
  workingDir: string;
  /** 'default' (as `run`), 'none', 'host'. */
  network: string;
  stdout: Writable;
  stderr: Writable;
  signal?: AbortSignal;
}

/** Paths to copy into a new layer; `from` absent means the build context. */
export interface CopyRequest {
  from?: readonly LayerHandle[];
  contextDir?: string;
  dirs: Array<{ path: string; mode: number }>;
  items: Array<{ source: string; target: string; recursive?: boolean; extract?: boolean }>;
  uid: number;
  gid: number;
  chmod?: number;
}

export interface CacheEntry {
  /** When the step first ran: history `created`, so that a cached rebuild gives the same image id. */
  created: string;
  layer?: LayerHandle;
}

export interface CommitRequest {
  config: ImageConfig;
  history: HistoryItem[];
  layers: readonly LayerHandle[];
  architecture: string;
  os: string;
  created: string;
  author?: string;
  names: string[];
}

export interface BuildBackend {
  /** A local image, pulled when missing (always with `pull`). */
  baseImage(ref: string, options: { pull: boolean; signal?: AbortSignal }): Promise<BaseImage>;
  /** Runs the command on the layers; on exit 0 its filesystem changes become a new layer. */
  run(request: RunRequest): Promise<{ exitCode: number; layer?: LayerHandle }>;
  copy(parent: readonly LayerHandle[], request: CopyRequest): Promise<LayerHandle>;
  /** What `path` (absolute) is in the rootfs the layers make; undefined when it does not exist. */
  pathType(layers: readonly LayerHandle[], path: string): Promise<'dir' | 'file' | 'symlink' | 'other' | undefined>;
  /** --chown names resolved against the rootfs's /etc/passwd and /etc/group. */
  resolveOwner(layers: readonly LayerHandle[], chown: ChownSpec): Promise<{ uid: number; gid: number }>;
  cacheGet(key: string): Promise<CacheEntry | undefined>;
  cachePut(key: string, entry: CacheEntry): Promise<void>;
  /** Stores the image and tags it; returns the image id (hex). */
  commit(request: CommitRequest): Promise<string>;
}
