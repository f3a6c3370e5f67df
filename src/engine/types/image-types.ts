// Image operations as the engine offers them: options in, reports out.
import type { Readable, Writable } from 'node:stream';
import type { BuildEvent, BuildResult } from '../../build/build-events.js';

export type { BuildEvent };

/** Progress of a pull or push, one event at a time; the CLI draws it, the API encodes it as JSON lines. */
export type ProgressEvent =
  | { type: 'resolving'; ref: string }
  | { type: 'layer'; digest: string; status: LayerStatus; current?: number; total?: number }
  | { type: 'config'; digest: string }
  | { type: 'message'; text: string }
  | { type: 'done'; imageId?: string; ref?: string; digest?: string; /** manifest size in bytes (push) */ size?: number };

export type LayerStatus = 'waiting' | 'downloading' | 'verifying' | 'extracting' | 'done' | 'exists' | 'uploading' | 'pushed';

export interface PullOptions {
  platform?: string;
  /** registry host -> credentials for this pull only (API X-Registry-Auth, `--creds`). */
  credentials?: { username: string; password: string };
  tlsVerify?: boolean;
  /** --cert-dir: a directory with the registry's *.crt (and client *.cert/*.key), instead of certs.d. */
  certDir?: string;
  signal?: AbortSignal;
}

export interface ImageSummary {
  id: string;
  /** Fully qualified names, e.g. docker.io/library/alpine:latest. */
  names: string[];
  digest?: string;
  /** repo@digest for every repository the image was pulled from or pushed to. */
  repoDigests: string[];
  created: string;
  size: number;
  labels: Record<string, string>;
  dangling: boolean;
  containers: number;
}

/** Filters as `key=value` strings, the way both `--filter` and the API's filters JSON reduce to them. */
export type FilterList = readonly string[];

export interface ImageListOptions {
  all?: boolean;
  filters?: FilterList;
}

export interface HistoryEntry {
  id: string;
  created: string;
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
}

export interface RemoveReport {
  untagged: string[];
  deleted: string[];
  errors: Array<{ name: string; error: Error }>;
}

export interface PruneReport {
  deleted: string[];
  spaceReclaimed: number;
}

export type ArchiveFormat = 'docker-archive' | 'oci-archive';

/** A file the engine opens itself, or a stream a front door hands over (stdio, an HTTP body). */
export type ArchiveTarget<S> = { path: string } | { stream: S };

export interface ImageEngine {
  pull(ref: string, options?: PullOptions): AsyncIterable<ProgressEvent>;
  list(options?: ImageListOptions): Promise<ImageSummary[]>;
  /** Docker-shaped image inspect documents; a name that does not resolve throws NotFoundError. */
  inspect(name: string): Promise<ImageInspect>;
  exists(name: string): Promise<boolean>;
  tag(source: string, target: string): Promise<void>;
  untag(name: string, targets: string[]): Promise<void>;
  remove(names: string[], options?: { force?: boolean; all?: boolean }): Promise<RemoveReport>;
  push(name: string, destination?: string, options?: PullOptions): AsyncIterable<ProgressEvent>;
  login(registry: string, credentials: { username: string; password: string }, options?: { tlsVerify?: boolean; certDir?: string }): Promise<void>;
  logout(registry: string | undefined, options?: { all?: boolean }): Promise<void>;
  save(names: string[], destination: ArchiveTarget<Writable>, options?: { format?: ArchiveFormat }): Promise<void>;
  load(source: ArchiveTarget<Readable>): Promise<{ images: string[] }>;
  history(name: string): Promise<HistoryEntry[]>;
  prune(options?: { all?: boolean; filters?: FilterList }): Promise<PruneReport>;
  /** Builds a Dockerfile; events (steps, RUN output, cache hits) go to options.onEvent as they happen. */
  build(options: ImageBuildOptions): Promise<ImageBuildReport>;
  /** Makes an image of a container's changes on top of its image. */
  commit(container: string, options?: ImageCommitOptions): Promise<{ imageId: string }>;
}

export interface ImageBuildOptions {
  /** A directory, or a tar of one (`-` on the CLI, the API's request body). */
  context: { dir: string } | { tar: Readable };
  /** Path of the Dockerfile, relative to the context unless absolute; default `Dockerfile`. */
  dockerfile?: string;
  tags?: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  pull?: boolean;
  /** RUN's network: 'default' (as `run`), 'none', 'host'. */
  network?: string;
  /** Write `sha256:<id>` to this file when the build succeeds. */
  iidfile?: string;
  onEvent?: (event: BuildEvent) => void;
  signal?: AbortSignal;
}

/** The image id (hex) and the names it was tagged with. */
export type ImageBuildReport = BuildResult;

export interface ImageCommitOptions {
  /** Name to tag the new image with. */
  reference?: string;
  /** Dockerfile instructions applied to the config: CMD, ENTRYPOINT, ENV, LABEL, EXPOSE, USER, WORKDIR, VOLUME, STOPSIGNAL, ONBUILD. */
  changes?: string[];
  message?: string;
  author?: string;
  /** Pause is not needed rootless: accepted for compatibility. */
  pause?: boolean;
}

/** Image inspect, shaped as `podman image inspect` / the Docker API `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string;
  Digest?: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Config: Record<string, unknown>;
  Architecture: string;
  Os: string;
  Variant?: string;
  Size: number;
  VirtualSize: number;
  Author: string;
  Labels: Record<string, string> | null;
  RootFS: { Type: string; Layers: string[] };
  History: unknown[];
  ManifestType?: string;
  NamesHistory?: string[];
  GraphDriver: { Name: string; Data: Record<string, string> };
  Metadata: { LastTagTime: string };
}
