// Container operations as the engine offers them: options in, reports out, for the CLI and the API alike.
import type { ContainerSettings } from '../containers/container-config.js';
import type { NetworkEndpointView } from '../containers/container-network-view.js';
export type { NetworkEndpointView };
import type { Readable, Writable } from 'node:stream';
import type { BatchItemReport } from '../engine.js';
import type { FilterList, ProgressEvent } from './image-types.js';
import type { ContainerStatsSample } from './stats-types.js';
import type {
  AttachControls, ContainerAttachReport, ContainerExecOptions, ContainerTopReport, ExecCreateOptions, ExecCreateReport,
  ExecInspect, ExecStartOptions, ExecStartReport, TerminalSize,
} from './exec-types.js';

export type * from './exec-types.js';
export type * from './stats-types.js';

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

export interface AttachOptions {
  signal?: AbortSignal;
  /** Called once the attachment is in place (connected, or waiting for the start): no output is lost after. */
  onReady?: () => void;
}

export interface ContainerRunOptions extends ContainerCreateOptions {
  /** Absent = detached: `run -d` prints the id and returns. */
  attach?: AttachStreams & AttachControls;
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

export type WaitCondition = 'stopped' | 'exited' | 'running' | 'created' | 'removing' | 'not-running' | 'next-exit' | 'removed';

export interface WaitOptions {
  conditions?: WaitCondition[];
  signal?: AbortSignal;
  /** Called once the wait is in place (the API answers its headers then, before the client starts). */
  onWaiting?: () => void;
}

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
  /** HostConfig.NetworkMode as Docker reports it: "bridge" (the default), "host", "none", "container:<id>", a network's name. */
  networkMode: string;
  /** NetworkSettings.Networks, the same entries inspect shows. */
  networks: Record<string, NetworkEndpointView>;
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

/** A path's stat as Docker's X-Docker-Container-Path-Stat header carries it (mode: Go os.FileMode bits). */
export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  /** RFC 3339. */
  mtime: string;
  /** A symlink's target as an absolute path inside the container; '' for anything else. */
  linkTarget: string;
}

/** One end of `cp`: a path in a container, a host path, or a tar on the caller's stdin/stdout (`-`). */
export type CopyLocation = { container: string; path: string } | { host: string } | { stream: true };

export interface ContainerCopyOptions {
  /** -a: keep the archive's uid/gid inside the container (otherwise the container's root owns the copy). */
  archive?: boolean;
  /** Where `-` reads from and writes to. */
  stdin?: Readable;
  stdout?: Writable;
}

export interface ContainerArchivePutOptions {
  /** Refuse to replace a directory by a non-directory or the reverse. */
  noOverwriteDirNonDir?: boolean;
  /** Keep the archive's uid/gid (Docker's copyUIDGID); otherwise the container's root owns the files. */
  copyUIDGID?: boolean;
}

/** One entry of `diff` / GET /containers/{id}/changes; Kind as Docker numbers it. */
export interface ContainerChange {
  Path: string;
  /** 0 modified, 1 added, 2 deleted. */
  Kind: 0 | 1 | 2;
}

export interface ContainerEngine {
  /** Resolves the image (pulling per settings.pullPolicy), prepares the container and its record: `created`. */
  create(image: string, settings: ContainerSettings, options?: ContainerCreateOptions): Promise<ContainerCreateReport>;
  start(names: string[], options?: { signal?: AbortSignal }): Promise<BatchItemReport[]>;
  /** create + start (+ attach + wait + foreground cleanup unless detached); exit code = the container's. */
  run(image: string, settings: ContainerSettings, options?: ContainerRunOptions): Promise<ContainerRunReport>;
  /** Connects streams to a container until it exits (exit code reported) or the client detaches; one not
   *  running yet is connected when this engine starts it (the API attaches before it starts). */
  attach(name: string, streams: AttachStreams & AttachControls, options?: AttachOptions): Promise<ContainerAttachReport>;
  /** `start -a`: connects first, then starts, so no early output is lost; returns as attach does. */
  startAttached(name: string, streams: AttachStreams & AttachControls): Promise<ContainerAttachReport>;
  /** Resizes the container's pty (`-t`); NotFoundError when its monitor is not running. */
  resize(name: string, size: TerminalSize): Promise<void>;
  /** Records an exec session on a running container (ConflictError "container x is not running" otherwise). */
  execCreate(name: string, options: ExecCreateOptions): Promise<ExecCreateReport>;
  /** Runs the session's process: attached until it exits (exit code reported), or detached. */
  execStart(execId: string, options?: ExecStartOptions): Promise<ExecStartReport>;
  execInspect(execId: string): Promise<ExecInspect>;
  execResize(execId: string, size: TerminalSize): Promise<void>;
  /** execCreate + execStart, for the CLI's `exec`. */
  exec(name: string, options: ContainerExecOptions): Promise<ExecStartReport>;
  /** The container's processes with ps-style descriptors (default: podman top's columns). */
  top(name: string, descriptors?: string[]): Promise<ContainerTopReport>;
  /** One sample of a running container's resource use (ConflictError when it is not running). */
  stats(name: string): Promise<ContainerStatsSample>;
  stop(names: string[], options?: ContainerStopOptions): Promise<BatchItemReport[]>;
  kill(names: string[], options?: { signal?: string; all?: boolean }): Promise<BatchItemReport[]>;
  restart(names: string[], options?: ContainerStopOptions): Promise<BatchItemReport[]>;
  remove(names: string[], options?: ContainerRemoveOptions): Promise<BatchItemReport[]>;
  wait(names: string[], options?: WaitOptions): Promise<ContainerWaitReport[]>;
  list(options?: ContainerListOptions): Promise<ContainerSummary[]>;
  /** Docker-shaped container inspect; NotFoundError when nothing matches. */
  inspect(name: string): Promise<ContainerInspect>;
  logs(name: string, options?: LogOptions): AsyncIterable<LogLine>;
  rename(name: string, newName: string): Promise<void>;
  prune(options?: { filters?: FilterList }): Promise<ContainerPruneReport>;
  exists(name: string): Promise<boolean>;
  /** What runs after a container exited: unmount, network teardown, --rm, restart policy. Idempotent. */
  cleanup(name: string): Promise<void>;
  /** Stat of a path in a running or stopped container (symlinks in it resolved inside its rootfs). */
  statPath(name: string, path: string): Promise<ContainerPathStat>;
  /** A tar of a path in the container, its top entry named as the path's last component. */
  archiveGet(name: string, path: string): Promise<{ stat: ContainerPathStat; stream: Readable }>;
  /** Extracts a tar into an existing directory of the container. */
  archivePut(name: string, path: string, tar: Readable, options?: ContainerArchivePutOptions): Promise<void>;
  /** `cp`: container <-> host or `-`, by docker cp's rules for where the copy lands. */
  copy(from: CopyLocation, to: CopyLocation, options?: ContainerCopyOptions): Promise<void>;
  /** What the container changed against its image, sorted by path. */
  changes(name: string): Promise<ContainerChange[]>;
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
