// The subset of the OCI runtime spec (config.json, runtime-spec v1.0.2) that tsmoby writes, and the
// defaults every container starts from. Types only describe; spec-builder in engine/ decides.
// Field names are the spec's own, so a spec object serialises to config.json as it is.

export const OCI_VERSION = '1.0.2-dev';

export interface OciSpec {
  ociVersion: string;
  process: OciProcess;
  root: { path: string; readonly?: boolean };
  hostname?: string;
  mounts: OciMount[];
  annotations?: Record<string, string>;
  linux: OciLinux;
}

export interface OciProcess {
  terminal?: boolean;
  user: { uid: number; gid: number; umask?: number; additionalGids?: number[] };
  args: string[];
  env: string[];
  cwd: string;
  capabilities: OciCapabilities;
  rlimits: OciRlimit[];
  noNewPrivileges?: boolean;
  oomScoreAdj?: number;
}

export interface OciCapabilities {
  bounding: string[];
  effective: string[];
  permitted: string[];
  inheritable?: string[];
  ambient?: string[];
}

export interface OciRlimit {
  type: string;
  hard: number;
  soft: number;
}

export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options?: string[];
}

export type OciNamespaceType = 'pid' | 'network' | 'mount' | 'ipc' | 'uts' | 'user' | 'cgroup';

export interface OciNamespace {
  type: OciNamespaceType;
  /** Join this namespace instead of creating one. */
  path?: string;
}

export interface OciIdMapping {
  containerID: number;
  hostID: number;
  size: number;
}

export interface OciLinux {
  namespaces: OciNamespace[];
  uidMappings?: OciIdMapping[];
  gidMappings?: OciIdMapping[];
  sysctl?: Record<string, string>;
  resources?: OciResources;
  cgroupsPath?: string;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  seccomp?: OciSeccomp;
}

export interface OciResources {
  devices?: Array<{ allow: boolean; access?: string; type?: string; major?: number; minor?: number }>;
  memory?: { limit?: number; swap?: number };
  cpu?: { quota?: number; period?: number; shares?: number };
  pids?: { limit: number };
}

export interface OciSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  syscalls?: Array<{
    names: string[];
    action: string;
    errnoRet?: number;
    args?: Array<{ index: number; value: number; valueTwo?: number; op: string }>;
  }>;
}

/** Every capability of Linux 5.9+, in number order: what `--cap-add ALL` and --privileged grant. */
export const ALL_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT',
  'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE',
  'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG',
  'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/**
 * The capabilities Podman 4 grants by default (containers.conf default_capabilities). Docker adds
 * CAP_AUDIT_WRITE, CAP_MKNOD and CAP_NET_RAW; Podman left them out on purpose, and so do we.
 */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_NET_BIND_SERVICE',
  'CAP_SETFCAP', 'CAP_SETGID', 'CAP_SETPCAP', 'CAP_SETUID', 'CAP_SYS_CHROOT',
];

/** Hidden from the container (bind of /dev/null or an empty tmpfs), as Podman 4 masks them. */
export const DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats',
  '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/fs/selinux', '/sys/dev/block',
];

/** Visible but read-only, as Podman 4 sets them. */
export const DEFAULT_READONLY_PATHS: readonly string[] = [
  '/proc/asound', '/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger',
];

export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Set in every container so that tools can tell they run in one (systemd, for one, only checks that it
 * is set and reports an unknown value as "container-other"). The value names the engine, as Podman's does.
 */
export const CONTAINER_ENV = 'container=tsmoby';

/** Podman's default: files up to 2^20 descriptors, lowered to what the caller may grant. */
export const DEFAULT_NOFILE_LIMIT = 1_048_576;

export const DEFAULT_UMASK = 0o022;

/** The size of /dev/shm and /dev, as runc and Podman give them: 64 MiB. */
export const DEFAULT_SHM_SIZE = '65536k';

/** The tty group in every common distribution; devpts gets it only where it is mapped (see defaultMounts). */
export const TTY_GID = 5;

/** Docker's --ulimit names and the OCI rlimit types they stand for. */
export const RLIMIT_BY_NAME: Readonly<Record<string, string>> = {
  as: 'RLIMIT_AS', core: 'RLIMIT_CORE', cpu: 'RLIMIT_CPU', data: 'RLIMIT_DATA', fsize: 'RLIMIT_FSIZE',
  locks: 'RLIMIT_LOCKS', memlock: 'RLIMIT_MEMLOCK', msgqueue: 'RLIMIT_MSGQUEUE', nice: 'RLIMIT_NICE',
  nofile: 'RLIMIT_NOFILE', nproc: 'RLIMIT_NPROC', rss: 'RLIMIT_RSS', rtprio: 'RLIMIT_RTPRIO',
  rttime: 'RLIMIT_RTTIME', sigpending: 'RLIMIT_SIGPENDING', stack: 'RLIMIT_STACK',
};

/** RLIM_INFINITY as runc reads it from JSON (a uint64; -1 in Docker's flags). */
export const RLIM_INFINITY = 2 ** 64 - 1;

export interface DefaultMountOptions {
  /** /dev/pts gets gid=5 only when gid 5 exists in the user namespace runc runs in, or mounting fails. */
  ttyGidMapped: boolean;
  /**
   * sysfs can be mounted only by a user namespace that owns the container's network namespace. A rootless
   * container on the host's network does not, so /sys becomes a read-only recursive bind, as
   * `runc spec --rootless` writes it.
   */
  bindSys: boolean;
  /** --privileged: /sys and cgroups writable. */
  privileged: boolean;
}

/** The filesystems every container gets, in mount order (/dev before what lives under it). */
export function defaultMounts(opts: DefaultMountOptions): OciMount[] {
  const sysRo = opts.privileged ? 'rw' : 'ro';
  const devpts = ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'];
  if (opts.ttyGidMapped) devpts.push(`gid=${TTY_GID}`);
  const mounts: OciMount[] = [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev', type: 'tmpfs', source: 'tmpfs',
      options: ['nosuid', 'noexec', 'strictatime', 'mode=755', 'size=65536k'],
    },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: devpts },
    {
      destination: '/dev/shm', type: 'tmpfs', source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${DEFAULT_SHM_SIZE}`],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
  ];
  if (opts.bindSys) {
    // The recursive bind already carries /sys/fs/cgroup; a cgroup mount on top would need the netns too.
    mounts.push({
      destination: '/sys', type: 'bind', source: '/sys',
      options: ['rprivate', 'nosuid', 'noexec', 'nodev', sysRo, 'rbind'],
    });
  } else {
    mounts.push(
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', sysRo] },
      {
        destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup',
        options: ['rprivate', 'nosuid', 'noexec', 'nodev', 'relatime', sysRo],
      },
    );
  }
  return mounts;
}
