// The domain layer's face: the only thing cli/ and api/ call. Options in, reports out (Podman's
// ContainerEngine / ImageEngine split, kept small). Each area is filled by one file per operation.
import type { Readable, Writable } from 'node:stream';
import type { ContainerSettings } from './containers/container-config.js';

export type { ContainerSettings };

/** How an engine is set up: the global flags of the CLI, the service's settings for the API. */
export interface EngineOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
  conmon?: string;
  registriesConf?: string;
  logLevel?: string;
  /** How conmon's exit command re-enters tsmoby (`container cleanup <id>`): node + the CLI entry script. */
  selfCommand?: string[];
}

export interface Engine {
  images: ImageEngine;
  containers: ContainerEngine;
  volumes: VolumeEngine;
  system: SystemEngine;
}

/** Per-item outcome of a batch verb (stop, kill, rm, ...): Podman reports every item instead of stopping. */
export interface BatchItemReport {
  /** What the user typed. */
  input: string;
  id?: string;
  error?: Error;
}

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

/** Host and store facts for `info` and the API's `GET /info`. */
export interface SystemInfo {
  /** A stable id for this store (Docker shows it as ID). */
  id: string;
  hostname: string;
  serverVersion: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  /** Storage driver name, e.g. "overlay". */
  driver: string;
  operatingSystem: string;
  osType: string;
  kernelVersion: string;
  architecture: string;
  ncpu: number;
  memTotal: number;
  rootless: boolean;
  cgroupVersion: '1' | '2';
  cgroupDriver: string;
  /** Data root (graph root) and runtime state root. */
  storageRoot: string;
  runRoot: string;
  runtimeName: string;
  /** Registries searched for short names (registries.conf unqualified-search-registries). */
  searchRegistries: string[];
  insecureRegistries: string[];
}

/** One event, in the Docker Engine API's shape (GET /events); the CLI's `events` prints the same record. */
export interface EngineEvent {
  Type: 'container' | 'image' | 'volume' | 'network';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  /** Unix seconds and nanoseconds of the same instant. */
  time: number;
  timeNano: number;
}

export interface EventsOptions {
  /** Past events from this instant on are replayed before live ones. */
  since?: Date;
  /** The stream ends at this instant (also for past-only queries); without it the stream follows live events. */
  until?: Date;
  /** container=, image=, label=, type=, event=, volume=, network= (Docker's event filters). */
  filters?: FilterList;
  signal?: AbortSignal;
}

export interface ContainerDiskUsage {
  id: string;
  names: string[];
  image: string;
  imageId: string;
  command: string;
  created: string;
  state: string;
  status: string;
  sizeRw: number;
  sizeRootFs: number;
}

export interface VolumeDiskUsage {
  name: string;
  driver: string;
  mountpoint: string;
  created: string;
  labels: Record<string, string>;
  size: number;
  refCount: number;
}

export interface DiskUsage {
  /** Bytes used by all layers, shared layers counted once. */
  layersSize: number;
  images: ImageSummary[];
  containers: ContainerDiskUsage[];
  volumes: VolumeDiskUsage[];
}

/** A unit file by name (`tsmoby.socket`) and its text. */
export interface SystemdUnitFile {
  name: string;
  text: string;
}

export interface SystemEngine {
  /** Removes every container, image, layer and volume of the store, and ends the rootless pause process. */
  reset(): Promise<void>;
  info(): Promise<SystemInfo>;
  events(options?: EventsOptions): AsyncIterable<EngineEvent>;
  df(): Promise<DiskUsage>;
  /**
   * Makes a unix socket path ready to bind for `system service`: its directory created 0700 (owned by the user),
   * a stale socket file left by a dead service removed. Throws ConflictError when a live service answers there.
   */
  prepareServiceSocket(path: string): Promise<void>;
  /** Writes user units into the user's systemd directory ($XDG_CONFIG_HOME/systemd/user); returns the paths written. */
  installSystemdUnits(units: SystemdUnitFile[]): Promise<string[]>;
  /**
   * sd_notify(3) for `system service` run as a Type=notify unit (e.g. "READY=1"), sent to $NOTIFY_SOCKET;
   * a no-op without it. Node has no unix datagram sockets, so the engine does it (the unit then needs NotifyAccess=all).
   */
  notify(state: string): Promise<void>;
}

// ---- containers -------------------------------------------------------------------------------------------

export type ContainerStatus = 'created' | 'running' | 'stopped' | 'exited' | 'removing';

export interface ContainerCreateOptions {
  name?: string;
  /** Pull progress while create fetches a missing image; absent = silent. */
  onPullProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface ContainerCreateReport {
  id: string;
  name: string;
  warnings: string[];
}

/** Where an attached client's bytes go and come from: the CLI's stdio, or a hijacked API connection. */
export interface AttachStreams {
  stdin?: Readable;
  stdout: Writable;
  /** Absent with a tty (one stream) or when the client muxes both itself. */
  stderr?: Writable;
}

export interface ContainerRunOptions extends ContainerCreateOptions {
  /** Absent = detached: `run -d` prints the id and returns. */
  attach?: AttachStreams;
}

export interface ContainerRunReport {
  id: string;
  /** The container's exit code; absent when detached. */
  exitCode?: number;
  warnings: string[];
}

export interface ContainerStopOptions {
  /** Seconds between the stop signal and SIGKILL; absent = the container's --stop-timeout (10). */
  timeout?: number;
  all?: boolean;
  ignoreMissing?: boolean;
}

export interface ContainerRemoveOptions {
  force?: boolean;
  /** Also remove the container's anonymous volumes. */
  volumes?: boolean;
  all?: boolean;
  ignoreMissing?: boolean;
  /** Seconds to wait before SIGKILL when force-stopping. */
  timeout?: number;
}

export type WaitCondition = 'stopped' | 'exited' | 'running' | 'created' | 'removing' | 'not-running' | 'next-exit';

export interface ContainerWaitReport {
  input: string;
  id?: string;
  exitCode?: number;
  error?: Error;
}

export interface ContainerListOptions {
  all?: boolean;
  filters?: FilterList;
  /** The n most recently created (`-n`, `-l` = 1); implies all. */
  last?: number;
}

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  imageId: string;
  command: string[];
  created: string;
  status: ContainerStatus;
  exitCode: number;
  startedAt?: string;
  finishedAt?: string;
  pid: number;
  ports: string[];
  labels: Record<string, string>;
  mounts: string[];
  autoRemove: boolean;
  restartCount: number;
}

export interface LogOptions {
  follow?: boolean;
  /** Last n lines only. */
  tail?: number;
  /** Unix ms: only lines at or after. */
  since?: number;
  until?: number;
  signal?: AbortSignal;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC 3339 with nanoseconds, as the log file has it. */
  time: string;
  /** The output, ending in '\n' unless the container's last write did not. */
  text: string;
}

export interface ContainerPruneReport {
  deleted: string[];
  spaceReclaimed: number;
  errors: Array<{ id: string; error: Error }>;
}

export interface ContainerEngine {
  /** Resolves the image (pulling per settings.pullPolicy), prepares the container and its record: `created`. */
  create(image: string, settings: ContainerSettings, options?: ContainerCreateOptions): Promise<ContainerCreateReport>;
  start(names: string[], options?: { signal?: AbortSignal }): Promise<BatchItemReport[]>;
  /** create + start (+ attach + wait + foreground cleanup unless detached); exit code = the container's. */
  run(image: string, settings: ContainerSettings, options?: ContainerRunOptions): Promise<ContainerRunReport>;
  /** Connects streams to a running container until it exits or stdin and output end. */
  attach(name: string, streams: AttachStreams, options?: { signal?: AbortSignal }): Promise<void>;
  stop(names: string[], options?: ContainerStopOptions): Promise<BatchItemReport[]>;
  kill(names: string[], options?: { signal?: string; all?: boolean }): Promise<BatchItemReport[]>;
  restart(names: string[], options?: ContainerStopOptions): Promise<BatchItemReport[]>;
  remove(names: string[], options?: ContainerRemoveOptions): Promise<BatchItemReport[]>;
  wait(names: string[], options?: { conditions?: WaitCondition[]; signal?: AbortSignal }): Promise<ContainerWaitReport[]>;
  list(options?: ContainerListOptions): Promise<ContainerSummary[]>;
  /** Docker-shaped container inspect; NotFoundError when nothing matches. */
  inspect(name: string): Promise<ContainerInspect>;
  logs(name: string, options?: LogOptions): AsyncIterable<LogLine>;
  rename(name: string, newName: string): Promise<void>;
  prune(options?: { filters?: FilterList }): Promise<ContainerPruneReport>;
  exists(name: string): Promise<boolean>;
  /** What runs after a container exited: unmount, network teardown, --rm, restart policy. Idempotent. */
  cleanup(name: string): Promise<void>;
  /** Ids of containers that use an image (the image engine refuses to remove those). */
  usingImage(imageId: string): Promise<string[]>;
}

/** `docker container inspect` / `GET /containers/{id}/json`, the fields tsmoby knows. */
export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: {
    Status: string; Running: boolean; Paused: boolean; Restarting: boolean; OOMKilled: boolean; Dead: boolean;
    Pid: number; ExitCode: number; Error: string; StartedAt: string; FinishedAt: string;
  };
  Image: string;
  ImageName: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Config: Record<string, unknown>;
  HostConfig: Record<string, unknown>;
  Mounts: Array<Record<string, unknown>>;
  NetworkSettings: Record<string, unknown>;
  GraphDriver: { Name: string; Data: Record<string, string> };
}

// ---- volumes ----------------------------------------------------------------------------------------------

export interface VolumeCreateOptions {
  labels?: Record<string, string>;
  driver?: string;
  options?: Record<string, string>;
  /** Do not fail when the name already exists (`volume create --ignore`). */
  ignoreExisting?: boolean;
}

/** `volume inspect` (Podman's shape, also the Docker API's `Volume` object). */
export interface VolumeInspect {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: string;
  Options: Record<string, string>;
  Anonymous: boolean;
}

export interface VolumeEngine {
  create(name: string | undefined, options?: VolumeCreateOptions): Promise<VolumeInspect>;
  list(options?: { filters?: FilterList }): Promise<VolumeInspect[]>;
  inspect(name: string): Promise<VolumeInspect>;
  exists(name: string): Promise<boolean>;
  /** A volume used by a container is refused unless `force` (which removes those containers first). */
  remove(names: string[], options?: { force?: boolean; all?: boolean }): Promise<BatchItemReport[]>;
  prune(options?: { filters?: FilterList }): Promise<PruneReport>;
}
