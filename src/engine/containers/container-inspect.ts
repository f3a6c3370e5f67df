// Pure: a record (and its observed state) -> Docker's container inspect document and the ps summary.
// Field names and zero values as Docker prints them, so that `--format '{{.State.ExitCode}}'` scripts work.
import { formatPortMapping } from '../../network/port-mapping.js';
import { formatPublishedPort } from '../networks/published-ports.js';
import { signalName } from '../../runtime/signals.js';
import type { ContainerInspect, ContainerSummary } from '../engine.js';
import { stopSignalFor, workingDir } from '../spec-builder.js';
import type { ContainerMount } from './container-config.js';
import { networkEndpoints, networkModeName } from './container-network-view.js';
import type { ContainerPaths } from './container-paths.js';
import type { ContainerRecord, ContainerState } from './container-record.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

function dockerStatus(status: ContainerState['status']): string {
  return status === 'stopped' ? 'exited' : status;
}

function inspectMount(m: ContainerMount, volumePath: (name: string) => string): Record<string, unknown> {
  const rw = !m.readOnly;
  if (m.type === 'bind') {
    return { Type: 'bind', Source: m.source, Destination: m.target, Mode: '', RW: rw, Propagation: m.propagation ?? 'rprivate' };
  }
  if (m.type === 'volume') {
    return { Type: 'volume', Name: m.source ?? '', Source: volumePath(m.source ?? ''), Destination: m.target, Driver: 'local', Mode: '', RW: rw, Propagation: '' };
  }
  return { Type: 'tmpfs', Source: 'tmpfs', Destination: m.target, Mode: '', RW: rw, Propagation: '' };
}

function portBindings(record: ContainerRecord): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const m of record.config.portMappings) {
    for (let i = 0; i < m.range; i++) {
      const key = `${m.containerPort + i}/${m.protocol}`;
      (out[key] ??= []).push({ HostIp: m.hostIp, HostPort: m.hostPort === 0 ? '' : String(m.hostPort + i) });
    }
  }
  return out;
}

/** The ports as published now (host ports chosen), Docker's NetworkSettings.Ports shape. */
function publishedPorts(state: ContainerState): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of state.network?.ports ?? []) {
    (out[`${p.containerPort}/${p.protocol}`] ??= []).push({ HostIp: p.hostIp === '' ? '0.0.0.0' : p.hostIp, HostPort: String(p.hostPort) });
  }
  return out;
}

function networkSettings(record: ContainerRecord, state: ContainerState, running: boolean, rootless: boolean): Record<string, unknown> {
  const endpoints = running ? Object.entries(state.network?.endpoints ?? {}) : [];
  const networks = networkEndpoints(record, state, rootless);
  const first = endpoints[0]?.[1];
  const slirpIp = running ? state.network?.slirpIp : undefined;
  return {
    Bridge: '', SandboxID: '', HairpinMode: false, SandboxKey: running && state.process ? `/proc/${state.process.pid}/ns/net` : '',
    Ports: running ? publishedPorts(state) : {},
    IPAddress: first?.ip ?? slirpIp ?? '', IPPrefixLen: first?.prefixLength ?? (slirpIp ? 24 : 0), Gateway: first?.gateway ?? '',
    MacAddress: first?.mac ?? '', Networks: networks,
  };
}

export interface InspectContext {
  paths: ContainerPaths;
  state: ContainerState;
  volumePath: (name: string) => string;
  /** How the default network was stored (see onDefaultNetwork). */
  rootless: boolean;
}

export function inspectContainer(record: ContainerRecord, ctx: InspectContext): ContainerInspect {
  const { config, imageConfig } = record;
  const { state, paths } = ctx;
  const hostname = config.hostname ?? config.id.slice(0, 12);
  const running = state.status === 'running';
  const stopSignal = stopSignalFor(config, imageConfig);
  return {
    Id: config.id,
    Created: config.created,
    Path: record.command[0] ?? '',
    Args: record.command.slice(1),
    State: {
      Status: dockerStatus(state.status), Running: running, Paused: false, Restarting: false, OOMKilled: false,
      Dead: false, Pid: running ? (state.process?.pid ?? 0) : 0, ExitCode: state.exitCode ?? 0, Error: state.error ?? '',
      StartedAt: state.startedAt ?? ZERO_TIME, FinishedAt: state.finishedAt ?? ZERO_TIME,
    },
    Image: `sha256:${config.image.id}`,
    ImageName: config.image.name,
    ResolvConfPath: paths.resolvConf,
    HostnamePath: paths.hostname,
    HostsPath: paths.hosts,
    LogPath: paths.log,
    Name: `/${config.name}`,
    RestartCount: state.restartCount,
    Driver: 'overlay',
    Config: {
      Hostname: hostname, Domainname: '', User: config.user ?? imageConfig.User ?? '',
      AttachStdin: config.attachStreams?.stdin ?? false, AttachStdout: config.attachStreams?.stdout ?? false,
      AttachStderr: config.attachStreams?.stderr ?? false,
      ExposedPorts: Object.fromEntries(config.expose.map((e) => [`${e.port}/${e.protocol}`, {}])),
      Tty: config.tty, OpenStdin: config.stdinOpen, StdinOnce: false,
      Env: record.env,
      Cmd: config.command ?? (config.entrypoint !== undefined ? null : (imageConfig.Cmd ?? null)),
      Image: config.image.name,
      Volumes: null,
      WorkingDir: workingDir(config, imageConfig),
      Entrypoint: config.entrypoint ?? imageConfig.Entrypoint ?? null,
      Labels: { ...(imageConfig.Labels ?? {}), ...config.labels },
      StopSignal: signalName(stopSignal),
      StopTimeout: config.stopTimeout ?? 10,
    },
    HostConfig: {
      Binds: config.mounts.filter((m) => m.type !== 'tmpfs').map((m) =>
        `${m.type === 'bind' ? m.source : (m.source ?? '')}:${m.target}${m.readOnly ? ':ro' : ''}`),
      NetworkMode: networkModeName(config.network, ctx.rootless),
      PortBindings: portBindings(record),
      RestartPolicy: { Name: config.restartPolicy.name, MaximumRetryCount: config.restartPolicy.maximumRetryCount },
      AutoRemove: config.autoRemove,
      Privileged: config.privileged,
      ReadonlyRootfs: config.readOnly,
      CapAdd: config.capAdd, CapDrop: config.capDrop,
      Dns: config.dns, DnsSearch: config.dnsSearch, DnsOptions: config.dnsOptions,
      ExtraHosts: config.extraHosts.map((h) => `${h.host}:${h.ip}`),
      GroupAdd: config.groupAdd,
      Init: config.init,
      Memory: config.memoryBytes ?? 0,
      NanoCpus: config.nanoCpus ?? 0,
      PublishAllPorts: config.publishAll,
      Ulimits: config.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      LogConfig: { Type: 'k8s-file', Config: config.log.raw },
      Tmpfs: Object.fromEntries(config.mounts.filter((m) => m.type === 'tmpfs').map((m) => [m.target, (m.options ?? []).join(',')])),
    },
    Mounts: config.mounts.map((m) => inspectMount(m, ctx.volumePath)),
    NetworkSettings: networkSettings(record, state, running, ctx.rootless),
    GraphDriver: { Name: 'overlay', Data: { UpperDir: paths.upper, WorkDir: paths.work, MergedDir: paths.merged } },
  };
}

/** `rootless` decides how the default network was stored (see onDefaultNetwork). */
export function summarize(record: ContainerRecord, state: ContainerState, rootless: boolean): ContainerSummary {
  const { config } = record;
  return {
    id: config.id,
    names: [config.name],
    image: config.image.name,
    imageId: config.image.id,
    command: record.command,
    created: config.created,
    status: state.status,
    exitCode: state.exitCode ?? 0,
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
    ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
    pid: state.status === 'running' ? (state.process?.pid ?? 0) : 0,
    ports: state.status === 'running' && state.network ? state.network.ports.map(formatPublishedPort) : config.portMappings.map(formatPortMapping),
    labels: { ...(record.imageConfig.Labels ?? {}), ...config.labels },
    mounts: config.mounts.map((m) => m.target),
    autoRemove: config.autoRemove,
    networkMode: networkModeName(config.network, rootless),
    networks: networkEndpoints(record, state, rootless),
    restartCount: state.restartCount,
  };
}
