// What the container operations need from the rest of tsmoby, as narrow ports: the composition root fills
// them with the real runtime (conmon + runc), image store and network helpers; unit tests with fakes.
import type { OciIdMapping } from '../../runtime/oci-spec.js';
import type { ProcessTable } from '../../sys/process-table.js';
import type { Readable } from 'node:stream';
import type { ContainerFsRequest } from '../../storage/container-fs-request.js';
import type { FsOp, FsOpResult, RunResult } from '../../sys/sys.js';
import type { AttachStreams, LogLine, ProgressEvent, TerminalSize } from '../engine.js';
import type { ImageRuntimeConfig } from '../spec-builder.js';
import type { VolumeStore } from '../volumes/volume-store.js';
import type { ContainerPaths } from './container-paths.js';
import type { ContainerRecord, NetworkRuntime } from './container-record.js';
import type { ContainerEventSink } from './container-events.js';
import type { ContainerStore } from './container-store.js';

/** An image as a container needs it. */
export interface ContainerImage {
  id: string;
  /** The name the user asked for, fully qualified when it resolved through a name. */
  name: string;
  config: ImageRuntimeConfig;
  /** Layer chain ids, bottom layer first. */
  layers: string[];
}

export interface ImageAccess {
  /** The local image a name or id designates; undefined when there is none. */
  lookup(name: string): Promise<ContainerImage | undefined>;
  pull(name: string, onProgress?: (event: ProgressEvent) => void, signal?: AbortSignal): Promise<void>;
}

export interface RuntimeCreateRequest {
  record: ContainerRecord;
  paths: ContainerPaths;
  /** argv conmon runs after the container exited (`tsmoby container cleanup <id>`), when nobody waits. */
  exitCommand?: string[];
  /** Fds conmon inherits and holds for the container's lifetime. */
  inheritFds?: number[];
}

/** An exec session's process, for conmon's exec mode (`--exec --exec-process-spec`). */
export interface RuntimeExecRequest {
  containerId: string;
  sessionId: string;
  /** conmon's -b for the session: `attach`, `ctl` and `winsz` are made there. */
  sessionDir: string;
  processSpecPath: string;
  pidFile: string;
  conmonPidFile: string;
  /** conmon writes `<exitDir>/<container id>`: a directory of the session's own. */
  exitDir: string;
  attachSocketDir: string;
  terminal: boolean;
  stdin: boolean;
  /** Wait for an attach client before the process starts. */
  attach: boolean;
}

/** conmon + the OCI runtime, for the verbs the engine runs. */
export interface ContainerRuntime {
  /** conmon runs `runtime create`; the container's pid (not started yet). Start failures map to 125/126/127. */
  create(request: RuntimeCreateRequest): Promise<{ pid: number; startReturned?: () => void }>;
  start(id: string): Promise<void>;
  kill(id: string, signal: number, options?: { all?: boolean }): Promise<void>;
  /** `delete --force`; a container the runtime does not know is not an error. */
  delete(id: string): Promise<void>;
  /** Copies between the streams and conmon's attach socket until the container closes it. `onConnected`
   *  fires once the socket is connected, so `run` can start the container without losing early output. */
  attach(paths: ContainerPaths, id: string, streams: AttachStreams, options?: { onConnected?: () => void; signal?: AbortSignal }): Promise<void>;
  /** Runs an exec session's process; with `attach`, `onAttachReady` runs once its socket listens and before
   *  the process starts. Resolves once the process runs; `exitCode` settles when it ends. */
  exec(request: RuntimeExecRequest, hooks?: { onAttachReady?: () => Promise<void> }): Promise<{ pid: number; exitCode: Promise<number> }>;
  /** Host pids of the container's processes. */
  ps(id: string): Promise<number[]>;
  /** Resizes the pty of the monitor whose bundle (or exec session directory) is `dir`. */
  resize(dir: string, size: TerminalSize): Promise<void>;
  readLog(
    path: string,
    options: { tail?: number; since?: Date; until?: Date; follow?: () => Promise<boolean>; signal?: AbortSignal },
  ): AsyncIterable<LogLine>;
}

/** What start does for one container's network, in order: prepare (addresses, ports, etc files), conmon
 *  inherits `conmonFds`, then attach once the container's pid exists (before it starts). */
export interface NetworkSetup {
  /** /etc/hosts, /etc/resolv.conf, /etc/hostname texts. */
  etc: { hosts: string; resolvConf: string; hostname: string };
  /** The write end of the helpers' exit pipe: conmon holds it until the container exited. */
  conmonFds: number[];
  /** --network container:<id>: the namespace to join instead of a new one. */
  joinNetns?: string;
  /** Starts the helpers and connects the namespace; ends what it started when it fails. */
  attach(pid: number): Promise<NetworkRuntime>;
  /** Before attach succeeded: gives back addresses and fds. Idempotent. */
  abort(): Promise<void>;
}

export interface NetworkAttacher {
  prepare(record: ContainerRecord): Promise<NetworkSetup>;
  /** After the container exited (or a failed start): ends helpers left over, leaves user networks. */
  detach(record: ContainerRecord, runtime: NetworkRuntime): Promise<void>;
}

/** Runs one container-fs request where container ids map (the rootless namespace); `stdout` is the answer,
 *  `done` settles when the helper exited and rejects with its error. */
export type ContainerFsRunner = (
  request: ContainerFsRequest,
  stdin?: Readable | AsyncIterable<Uint8Array>,
) => Promise<{ stdout: Readable; done: Promise<void> }>;
export interface ContainerDeps {
  store: ContainerStore;
  volumes: VolumeStore;
  /** Removes a volume's record and files (for `rm -v`). */
  removeVolume(name: string): Promise<void>;
  images: ImageAccess;
  runtime: ContainerRuntime;
  network: NetworkAttacher;
  /** Runs fs ops where ids map: joined to the pause namespace rootless, in-process as root. */
  fsOps(ops: FsOp[], options?: { keepGoing?: boolean }): Promise<FsOpResult[]>;
  /** Runs a program where ids map (joined to the pause namespace rootless, on the host as root). */
  runInNamespace(argv: string[]): Promise<RunResult>;
  /** The configured FUSE overlay program (--storage-opt, storage.conf), which replaces the kernel's overlay. */
  mountProgram(): Promise<string | undefined>;
  /** fuse-overlayfs on PATH, asked only where the kernel refuses overlay. */
  fuseOverlayFallback(): string | undefined;
  /** cp, the archive API and diff: reads and writes a container's files where its ids map. */
  containerFs: ContainerFsRunner;
  /** The overlay lowerdir of a layer. */
  layerDiffPath(chainId: string): string;
  layersDir: string;
  processes: ProcessTable;
  rootless: boolean;
  /** Whether the unified cgroup hierarchy is mounted (rootless resource limits need it). */
  cgroupV2: boolean;
  /** argv prefix that re-enters tsmoby with the same global options, for conmon's exit command. */
  selfCommand: string[];
  hostNofileHard: number;
  /** Rootless: the gid map runc runs under (decides whether the tty gid exists). */
  runtimeGidMappings(): Promise<OciIdMapping[] | undefined>;
  now(): Date;
  /** The events journal (create, start, die, stop, kill, destroy, rename, attach). */
  events: ContainerEventSink;
}
