// Pure: a stored container config + the image's runtime config + what create prepared -> the OCI spec
// runc reads. Docker's semantics for argv, env, cwd and user; Podman 4's defaults for everything else.
import { InvalidArgumentError } from '../errors/index.js';
import {
  ALL_CAPABILITIES, CONTAINER_ENV, DEFAULT_CAPABILITIES, DEFAULT_MASKED_PATHS, DEFAULT_NOFILE_LIMIT,
  DEFAULT_PATH_ENV, DEFAULT_READONLY_PATHS, DEFAULT_UMASK, OCI_VERSION, RLIMIT_BY_NAME, RLIM_INFINITY, TTY_GID,
  type OciCapabilities, type OciIdMapping, type OciNamespace, type OciRlimit, type OciSeccomp, type OciSpec,
} from '../runtime/oci-spec.js';
import { seccompFromFile } from '../runtime/seccomp-file.js';
import { defaultSeccompProfile } from '../runtime/seccomp-profile.js';
import { parseSignal } from '../runtime/signals.js';
import type { ContainerConfig, ContainerSettings } from './containers/container-config.js';
import type { ResolvedUser } from './containers/resolve-user.js';
import { planMounts, type GeneratedFiles } from './containers/spec-mounts.js';

/** The parts of an image's config (OCI image config `config` object) that decide how it runs. */
export interface ImageRuntimeConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  User?: string;
  WorkingDir?: string;
  StopSignal?: string;
  Volumes?: Record<string, object> | null;
  ExposedPorts?: Record<string, object> | null;
  Labels?: Record<string, string> | null;
}

/**
 * What create prepared for the spec. On id mappings: runc is started as root of the pause process's user
 * namespace (rootless) or as root on the host. In both cases the spec carries NO user namespace and no
 * mappings: the container lives in the namespace runc runs in, and sees that namespace's mapping as it
 * is. `newUserNamespace` exists only for a runc that must create the namespace itself.
 */
export interface SpecBuildInput {
  config: ContainerConfig;
  image: ImageRuntimeConfig;
  rootfs: string;
  user: ResolvedUser;
  /** Whether runc runs inside a user namespace (rootless): then host devices and cgroups are not ours. */
  rootless: boolean;
  /** The gid map of the namespace runc runs in; absent = the initial namespace, where every gid exists. */
  runtimeGidMappings?: readonly OciIdMapping[];
  newUserNamespace?: { uidMappings: OciIdMapping[]; gidMappings: OciIdMapping[] };
  /** The network namespace create prepared (slirp4netns, a network, container:x); absent = a new empty one. */
  networkNamespacePath?: string;
  /** Used as the hostname with --network host, where the container shares the host's UTS name. */
  hostHostname?: string;
  volumePaths?: ReadonlyMap<string, string>;
  generatedFiles?: GeneratedFiles;
  /** The hard RLIMIT_NOFILE of the caller: a container cannot be given more than runc has. */
  hostNofileHard: number;
  /** A ready profile that replaces whatever the settings ask for (unless privileged or unconfined). */
  seccompProfile?: OciSeccomp;
  /** The text of the `--security-opt seccomp=FILE` file, read by create; required in that mode. */
  seccompProfileText?: string;
  /** Node's architecture name for the profile's architectures; defaults to this process's. */
  arch?: string;
  /** Host path of the init binary (catatonit, tini) for --init; bound read-only at INIT_PATH. */
  initBinary?: string;
  cgroupsPath?: string;
}

export const INIT_PATH = '/run/tsmoby-init';

/** Docker's rule: --entrypoint drops the image's Cmd; a command replaces Cmd; argv = entrypoint + cmd. */
export function commandLine(settings: ContainerSettings, image: ImageRuntimeConfig): string[] {
  const entrypoint = settings.entrypoint ?? image.Entrypoint ?? [];
  const cmd = settings.command?.length
    ? settings.command
    : settings.entrypoint !== undefined ? [] : (image.Cmd ?? []);
  const argv = [...entrypoint, ...cmd];
  if (argv.length === 0) {
    throw new InvalidArgumentError('no command or entrypoint provided, and no CMD or ENTRYPOINT from image');
  }
  return argv;
}

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/** Later layers win per key; a key keeps the position of its first appearance. */
export function mergeEnv(...layers: ReadonlyArray<readonly string[]>): string[] {
  const merged = new Map<string, string>();
  for (const layer of layers) for (const e of layer) merged.set(envKey(e), e.includes('=') ? e : `${e}=`);
  return [...merged.values()];
}

export function containerEnv(input: SpecBuildInput, hostname: string): string[] {
  const { config, image } = input;
  const base = [DEFAULT_PATH_ENV, ...(config.tty ? ['TERM=xterm'] : []), CONTAINER_ENV];
  const merged = mergeEnv(base, image.Env ?? [], [`HOSTNAME=${hostname}`], config.env);
  if (!merged.some((e) => envKey(e) === 'HOME')) merged.push(`HOME=${input.user.home}`);
  return merged;
}

export function workingDir(settings: ContainerSettings, image: ImageRuntimeConfig): string {
  return settings.workingDir || image.WorkingDir || '/';
}

/** --stop-signal, else the image's STOPSIGNAL, else SIGTERM. */
export function stopSignalFor(settings: ContainerSettings, image: ImageRuntimeConfig): number {
  if (settings.stopSignal !== undefined) return settings.stopSignal;
  return image.StopSignal ? parseSignal(image.StopSignal) : 15;
}

/**
 * Docker's order: --cap-add ALL grants everything; --cap-drop ALL starts from nothing; then adds, then
 * drops of single names. Non-root processes keep only what was added explicitly (Podman >= 4.0.3), since
 * capabilities in effective/ambient sets of an unprivileged user are a privilege the image did not ask for.
 */
export function capabilitiesFor(settings: ContainerSettings, uid: number): OciCapabilities {
  const all = (list: readonly string[]) => list.includes('ALL');
  let caps: string[];
  if (settings.privileged || all(settings.capAdd)) caps = [...ALL_CAPABILITIES];
  else if (all(settings.capDrop)) caps = [];
  else caps = [...DEFAULT_CAPABILITIES];
  if (!settings.privileged) {
    for (const c of settings.capAdd) if (c !== 'ALL' && !caps.includes(c)) caps.push(c);
    if (!all(settings.capDrop) || all(settings.capAdd)) caps = caps.filter((c) => !settings.capDrop.includes(c));
  }
  if (uid === 0) return { bounding: caps, effective: caps, permitted: caps };
  const granted = settings.privileged ? [] : caps.filter((c) => settings.capAdd.includes(c) || all(settings.capAdd));
  return { bounding: caps, effective: granted, permitted: granted, inheritable: granted, ambient: granted };
}

export function rlimitsFor(settings: ContainerSettings, hostNofileHard: number): OciRlimit[] {
  const nofile = Math.min(DEFAULT_NOFILE_LIMIT, hostNofileHard);
  const limits = new Map<string, OciRlimit>([
    ['RLIMIT_NOFILE', { type: 'RLIMIT_NOFILE', hard: nofile, soft: nofile }],
  ]);
  const value = (n: number) => (n < 0 ? RLIM_INFINITY : n);
  for (const u of settings.ulimits) {
    const type = RLIMIT_BY_NAME[u.name];
    if (!type) throw new InvalidArgumentError(`invalid ulimit type: ${u.name}`);
    limits.set(type, { type, hard: value(u.hard), soft: value(u.soft) });
  }
  return [...limits.values()];
}

function gidMapped(gid: number, mappings: readonly OciIdMapping[] | undefined): boolean {
  if (!mappings) return true;
  return mappings.some((m) => gid >= m.containerID && gid < m.containerID + m.size);
}

function namespacesFor(input: SpecBuildInput): OciNamespace[] {
  const ns: OciNamespace[] = [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }];
  if (input.config.network.mode !== 'host') {
    ns.push(input.networkNamespacePath ? { type: 'network', path: input.networkNamespacePath } : { type: 'network' });
  }
  if (input.newUserNamespace) ns.push({ type: 'user' });
  return ns;
}

/** The image's Volumes that no user mount covers: create must make an anonymous volume for each. */
export function imageVolumeTargets(settings: ContainerSettings, image: ImageRuntimeConfig): string[] {
  const covered = new Set(settings.mounts.map((m) => m.target));
  return Object.keys(image.Volumes ?? {}).filter((t) => !covered.has(t));
}

function processArgs(input: SpecBuildInput): string[] {
  const argv = commandLine(input.config, input.image);
  if (!input.config.init) return argv;
  if (!input.initBinary) throw new InvalidArgumentError('--init: no init binary (catatonit or tini) is installed');
  return [INIT_PATH, '--', ...argv];
}

function resources(input: SpecBuildInput): OciSpec['linux']['resources'] {
  const { config } = input;
  const res: NonNullable<OciSpec['linux']['resources']> = {};
  // A rootless runc owns no device cgroup; runc adds its default allow-list after this deny-all itself.
  if (!input.rootless) res.devices = [{ allow: false, access: 'rwm' }];
  if (config.memoryBytes !== undefined) res.memory = { limit: config.memoryBytes };
  if (config.nanoCpus !== undefined) {
    const period = 100_000;
    res.cpu = { quota: Math.round((config.nanoCpus * period) / 1e9), period };
  }
  return res;
}

/**
 * --privileged and seccomp=unconfined: no filter. A profile file: its rules, kept to the container's
 * capabilities. Otherwise the default profile, opened up by the capabilities the container is bounded by.
 */
export function seccompFor(input: SpecBuildInput, capabilities: OciCapabilities): OciSeccomp | undefined {
  const { config } = input;
  if (config.privileged || config.seccomp.mode === 'unconfined') return undefined;
  if (input.seccompProfile) return input.seccompProfile;
  const ctx = { capabilities: capabilities.bounding, arch: input.arch ?? process.arch };
  if (config.seccomp.mode === 'profile') {
    if (input.seccompProfileText === undefined) {
      throw new InvalidArgumentError('seccomp profile: the file was not read before the spec was built');
    }
    const source = config.seccomp.path.trimStart().startsWith('{') ? '(given inline)' : config.seccomp.path;
    return seccompFromFile(input.seccompProfileText, source, ctx);
  }
  return defaultSeccompProfile(ctx);
}

/** The whole OCI spec for one container. */
export function buildSpec(input: SpecBuildInput): OciSpec {
  const { config, image, user } = input;
  const hostNet = config.network.mode === 'host';
  const hostname = config.hostname ?? (hostNet && input.hostHostname ? input.hostHostname : config.id.slice(0, 12));
  const bindSys = input.rootless && hostNet;
  const gidMaps = input.newUserNamespace?.gidMappings ?? input.runtimeGidMappings;
  const mounts = planMounts({
    defaults: { ttyGidMapped: gidMapped(TTY_GID, gidMaps), bindSys, privileged: config.privileged },
    user: config.mounts,
    volumePaths: input.volumePaths ?? new Map(),
    imageVolumeTargets: imageVolumeTargets(config, image),
    generated: input.generatedFiles ?? {},
    readOnlyTmpfs: config.readOnly,
  });
  if (config.init && input.initBinary) {
    mounts.push({ destination: INIT_PATH, type: 'bind', source: input.initBinary, options: ['bind', 'rprivate', 'ro'] });
  }
  const additionalGids = [...new Set([user.gid, ...user.additionalGids])];
  const capabilities = capabilitiesFor(config, user.uid);
  const spec: OciSpec = {
    ociVersion: OCI_VERSION,
    process: {
      terminal: config.tty,
      user: { uid: user.uid, gid: user.gid, umask: DEFAULT_UMASK, additionalGids },
      args: processArgs(input),
      env: containerEnv(input, hostname),
      cwd: workingDir(config, image),
      capabilities,
      rlimits: rlimitsFor(config, input.hostNofileHard),
      noNewPrivileges: config.noNewPrivileges,
    },
    root: { path: input.rootfs, readonly: config.readOnly },
    hostname,
    mounts,
    annotations: { 'org.opencontainers.image.stopSignal': String(stopSignalFor(config, image)) },
    linux: {
      namespaces: namespacesFor(input),
      resources: resources(input),
      maskedPaths: config.privileged ? [] : [...DEFAULT_MASKED_PATHS, ...(bindSys ? ['/sys/kernel'] : [])],
      readonlyPaths: config.privileged ? [] : [...DEFAULT_READONLY_PATHS],
    },
  };
  if (!hostNet) spec.linux.sysctl = { 'net.ipv4.ping_group_range': '0 0' };
  if (input.newUserNamespace) {
    spec.linux.uidMappings = input.newUserNamespace.uidMappings;
    spec.linux.gidMappings = input.newUserNamespace.gidMappings;
  }
  if (input.cgroupsPath) spec.linux.cgroupsPath = input.cgroupsPath;
  const seccomp = seccompFor(input, capabilities);
  if (seccomp) spec.linux.seccomp = seccomp;
  return spec;
}
