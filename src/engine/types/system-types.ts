// The engine about itself: info, events, disk usage, and what `system service` needs from the host.
import type { FilterList, ImageSummary } from './image-types.js';

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
