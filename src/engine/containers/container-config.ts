// A container's configuration as tsmoby stores it in record.json: what `create` decided from the flags
// (or the API's JSON) and the image. Plain data, serialisable as it is; no behaviour beyond defaults.
import type { ExposedPort, PortMapping } from '../../network/port-mapping.js';

export type BindPropagation = 'shared' | 'rshared' | 'slave' | 'rslave' | 'private' | 'rprivate';

export interface BindMount {
  type: 'bind';
  /** Absolute host path. */
  source: string;
  target: string;
  readOnly: boolean;
  propagation?: BindPropagation;
  /** SELinux relabel request (z shared, Z private); kept for compatibility, applied only where SELinux is. */
  relabel?: 'z' | 'Z';
  /** Further mount options the user asked for: nosuid, nodev, noexec, suid, dev, exec. */
  options?: string[];
}

export interface VolumeMount {
  type: 'volume';
  /** Volume name; absent for an anonymous volume (create names it). */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Do not copy the image's content at target into a new, empty volume. */
  noCopy?: boolean;
  options?: string[];
}

export interface TmpfsMount {
  type: 'tmpfs';
  target: string;
  sizeBytes?: number;
  /** Permission bits of the tmpfs root, e.g. 0o1777. */
  mode?: number;
  readOnly?: boolean;
  options?: string[];
}

export type ContainerMount = BindMount | VolumeMount | TmpfsMount;

export type RestartPolicyName = 'no' | 'on-failure' | 'always' | 'unless-stopped';

export interface RestartPolicy {
  name: RestartPolicyName;
  /** Only for on-failure; 0 = retry for ever. */
  maximumRetryCount: number;
}

export interface Ulimit {
  /** Docker's name: nofile, nproc, core, ... */
  name: string;
  /** -1 = unlimited. */
  soft: number;
  hard: number;
}

/**
 * --network. `default` is what the user gets without the flag (slirp4netns rootless, as Podman); create
 * replaces it with the mode it chose before the config is stored.
 */
export type NetworkMode =
  | { mode: 'default' }
  | { mode: 'none' }
  | { mode: 'host' }
  | { mode: 'container'; container: string }
  | { mode: 'slirp4netns'; options: string[] }
  | { mode: 'network'; network: string };

/** How a container joins one user-defined network (--network-alias, --ip; the API's EndpointsConfig). */
export interface EndpointSettings {
  aliases: string[];
  ip?: string;
}

export type PullPolicy = 'always' | 'missing' | 'never' | 'newer';

export interface ExtraHost {
  host: string;
  /** An address, or `host-gateway` (the engine substitutes the host's address as seen from the container). */
  ip: string;
}

export interface LogOptions {
  /** Rotate ctr.log at this size; absent = never. */
  maxSizeBytes?: number;
  maxFile?: number;
  /** Every --log-opt as given, for inspect. */
  raw: Record<string, string>;
}

/** Everything a user decides about a container; the same shape from the CLI and from the API. */
export interface ContainerSettings {
  /** Replaces the image's Cmd; absent = the image's. */
  command?: string[];
  /** Replaces the image's Entrypoint (and then drops the image's Cmd); [] resets it; absent = the image's. */
  entrypoint?: string[];
  /** KEY=VALUE, in the order given; merged over the image's Env (later wins). */
  env: string[];
  workingDir?: string;
  /** -u as given (name, uid, uid:gid, name:group); resolved against the rootfs at start. */
  user?: string;
  groupAdd: string[];
  labels: Record<string, string>;
  hostname?: string;
  mounts: ContainerMount[];
  readOnly: boolean;
  /** CAP_ names, or ALL. */
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  noNewPrivileges: boolean;
  seccomp: { mode: 'default' } | { mode: 'unconfined' } | { mode: 'profile'; path: string };
  labelDisable: boolean;
  init: boolean;
  restartPolicy: RestartPolicy;
  ulimits: Ulimit[];
  /** Signal number; absent = the image's StopSignal, else SIGTERM. */
  stopSignal?: number;
  /** Seconds; absent = 10. */
  stopTimeout?: number;
  log: LogOptions;
  memoryBytes?: number;
  /** --cpus in billionths of a CPU, as Docker's NanoCpus. */
  nanoCpus?: number;
  tty: boolean;
  stdinOpen: boolean;
  /** The streams the creating client means to attach (the API's AttachStdin/Stdout/Stderr); informational, as
   *  in Docker, but clients such as docker-compose's `run` attach only the streams inspect lists here. */
  attachStreams?: { stdin: boolean; stdout: boolean; stderr: boolean };
  autoRemove: boolean;
  network: NetworkMode;
  /** The user networks joined, in order (eth0 first): with `--network NAME` its entry, plus `network connect`.
   *  Absent: only the network of `network` (when it names one), with no alias or fixed address. */
  networks?: Record<string, EndpointSettings>;
  portMappings: PortMapping[];
  publishAll: boolean;
  expose: ExposedPort[];
  dns: string[];
  dnsSearch: string[];
  dnsOptions: string[];
  extraHosts: ExtraHost[];
  pullPolicy: PullPolicy;
}

/** The stored configuration: the settings plus what create resolved. */
export interface ContainerConfig extends ContainerSettings {
  id: string;
  name: string;
  image: { id: string; name: string };
  /** RFC 3339. */
  created: string;
}

export const DEFAULT_STOP_TIMEOUT = 10;

/** Settings for `run IMAGE` with no flags at all. */
export function defaultContainerSettings(): ContainerSettings {
  return {
    env: [], groupAdd: [], labels: {}, mounts: [], readOnly: false, capAdd: [], capDrop: [],
    privileged: false, noNewPrivileges: false, seccomp: { mode: 'default' }, labelDisable: false,
    init: false, restartPolicy: { name: 'no', maximumRetryCount: 0 }, ulimits: [], log: { raw: {} },
    tty: false, stdinOpen: false, autoRemove: false, network: { mode: 'default' }, portMappings: [],
    publishAll: false, expose: [], dns: [], dnsSearch: [], dnsOptions: [], extraHosts: [],
    pullPolicy: 'missing',
  };
}
