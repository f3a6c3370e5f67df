// POST /containers/create: Docker's container config JSON (Config + HostConfig + NetworkingConfig) decoded into
// the same ContainerSettings the CLI's flags make, through the engine's own pure parsers. Never pulls: a
// missing image is a 404 and the client pulls and retries, as it does with Docker.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { defaultContainerSettings } from '../../engine/containers/container-config.js';
import type { ContainerMount, ContainerSettings } from '../../engine/containers/container-config.js';
import { parseTmpfsFlag, parseVolumeFlag } from '../../engine/containers/mount-options.js';
import { parseLogOptions, parseRestartPolicy } from '../../engine/containers/resource-limits.js';
import {
  normalizeCapability, parseAddHost, parseIp, parseNetworkMode, parseSecurityOpts,
} from '../../engine/containers/settings-parsers.js';
import { parseExpose, parsePublish } from '../../network/port-mapping.js';
import { parseSignal } from '../../runtime/signals.js';

type Doc = Record<string, unknown>;

export interface CreateRequest {
  image: string;
  settings: ContainerSettings;
  warnings: string[];
}

function obj(v: unknown, field: string): Doc {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InvalidArgumentError(`invalid ${field}: expected an object`);
  return v as Doc;
}

function strings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InvalidArgumentError(`invalid ${field}: expected a list of strings`);
  return v as string[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function stringMap(v: unknown, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v, field))) out[k] = typeof x === 'string' ? x : String(x ?? '');
  return out;
}

function apiMount(m: Doc): ContainerMount {
  const target = str(m.Target) ?? str(m.Destination);
  if (!target) throw new InvalidArgumentError('invalid mount config: Target is required');
  const readOnly = m.ReadOnly === true;
  const type = str(m.Type) ?? 'volume';
  if (type === 'bind') {
    const source = str(m.Source);
    if (!source?.startsWith('/')) throw new InvalidArgumentError(`invalid mount config for type "bind": the source must be an absolute path`);
    const propagation = str(obj(m.BindOptions, 'BindOptions').Propagation);
    return { type: 'bind', source, target, readOnly, ...(propagation ? { propagation: propagation as 'rprivate' } : {}) };
  }
  if (type === 'tmpfs') {
    const t = obj(m.TmpfsOptions, 'TmpfsOptions');
    return { type: 'tmpfs', target, readOnly, ...(num(t.SizeBytes) ? { sizeBytes: num(t.SizeBytes)! } : {}), ...(num(t.Mode) ? { mode: num(t.Mode)! } : {}) };
  }
  if (type !== 'volume') throw new InvalidArgumentError(`invalid mount config: mount type "${type}" is not supported`);
  const source = str(m.Source);
  return { type: 'volume', target, readOnly, ...(source ? { source } : {}), ...(obj(m.VolumeOptions, 'VolumeOptions').NoCopy === true ? { noCopy: true } : {}) };
}

function portBindings(v: unknown): string[] {
  const specs: string[] = [];
  for (const [port, bindings] of Object.entries(obj(v, 'PortBindings'))) {
    const list = Array.isArray(bindings) && bindings.length > 0 ? bindings as Doc[] : [{}];
    for (const b of list) {
      const ip = str(b.HostIp);
      const hostPort = str(b.HostPort) ?? '';
      const host = ip ? `${ip.includes(':') ? `[${ip}]` : ip}:${hostPort}:` : hostPort ? `${hostPort}:` : '';
      specs.push(`${host}${port}`);
    }
  }
  return specs;
}

function applyConfig(body: Doc, s: ContainerSettings): void {
  const cmd = strings(body.Cmd, 'Cmd');
  if (cmd.length > 0) s.command = cmd;
  if (body.Entrypoint !== undefined && body.Entrypoint !== null) {
    const ep = strings(body.Entrypoint, 'Entrypoint');
    s.entrypoint = ep.length === 1 && ep[0] === '' ? [] : ep;
  }
  s.env = strings(body.Env, 'Env');
  const wd = str(body.WorkingDir);
  if (wd !== undefined) {
    if (!wd.startsWith('/')) throw new InvalidArgumentError(`the working directory '${wd}' is invalid, it needs to be an absolute path`);
    s.workingDir = wd;
  }
  if (str(body.User)) s.user = str(body.User)!;
  s.labels = stringMap(body.Labels, 'Labels');
  if (str(body.Hostname)) s.hostname = str(body.Hostname)!;
  s.tty = body.Tty === true;
  s.stdinOpen = body.OpenStdin === true;
  s.attachStreams = { stdin: body.AttachStdin === true, stdout: body.AttachStdout === true, stderr: body.AttachStderr === true };
  if (str(body.StopSignal)) s.stopSignal = parseSignal(str(body.StopSignal)!);
  if (num(body.StopTimeout) !== undefined) s.stopTimeout = num(body.StopTimeout)!;
  s.expose = Object.keys(obj(body.ExposedPorts, 'ExposedPorts')).map(parseExpose);
  for (const target of Object.keys(obj(body.Volumes, 'Volumes'))) s.mounts.push(parseVolumeFlag(target, '/'));
}

function applyHostMounts(host: Doc, s: ContainerSettings): void {
  for (const bind of strings(host.Binds, 'HostConfig.Binds')) s.mounts.push(parseVolumeFlag(bind, '/'));
  const mounts = host.Mounts;
  if (Array.isArray(mounts)) for (const m of mounts) s.mounts.push(apiMount(obj(m, 'HostConfig.Mounts')));
  for (const [target, opts] of Object.entries(stringMap(host.Tmpfs, 'HostConfig.Tmpfs'))) s.mounts.push(parseTmpfsFlag(opts ? `${target}:${opts}` : target));
  // An explicit mount replaces the anonymous volume that Config.Volumes declared at the same target.
  const byTarget = new Map<string, ContainerMount>();
  for (const m of s.mounts) {
    const previous = byTarget.get(m.target);
    if (previous && !(previous.type === 'volume' && previous.source === undefined)) {
      throw new InvalidArgumentError(`Duplicate mount point: ${m.target}`);
    }
    byTarget.set(m.target, m);
  }
  s.mounts = [...byTarget.values()];
}

function applyHostConfig(host: Doc, s: ContainerSettings, warnings: string[]): void {
  applyHostMounts(host, s);
  s.portMappings = portBindings(host.PortBindings).flatMap(parsePublish);
  s.publishAll = host.PublishAllPorts === true;
  const mode = str(host.NetworkMode);
  if (mode !== undefined) s.network = parseNetworkMode(mode);
  const restart = obj(host.RestartPolicy, 'HostConfig.RestartPolicy');
  const policy = str(restart.Name);
  if (policy !== undefined && policy !== 'no') {
    s.restartPolicy = parseRestartPolicy(policy === 'on-failure' && num(restart.MaximumRetryCount) ? `on-failure:${num(restart.MaximumRetryCount)}` : policy);
  }
  s.autoRemove = host.AutoRemove === true;
  if (s.autoRemove && s.restartPolicy.name !== 'no') throw new InvalidArgumentError('conflicting options: cannot specify both --restart and --rm');
  s.privileged = host.Privileged === true;
  s.readOnly = host.ReadonlyRootfs === true;
  s.capAdd = [...new Set(strings(host.CapAdd, 'HostConfig.CapAdd').map((c) => normalizeCapability(c, 'CapAdd')))];
  s.capDrop = [...new Set(strings(host.CapDrop, 'HostConfig.CapDrop').map((c) => normalizeCapability(c, 'CapDrop')))];
  parseSecurityOpts(strings(host.SecurityOpt, 'HostConfig.SecurityOpt'), s);
  s.dns = strings(host.Dns, 'HostConfig.Dns').map((d) => parseIp(d, 'Dns'));
  s.dnsSearch = strings(host.DnsSearch, 'HostConfig.DnsSearch');
  s.dnsOptions = strings(host.DnsOptions, 'HostConfig.DnsOptions');
  s.extraHosts = strings(host.ExtraHosts, 'HostConfig.ExtraHosts').map(parseAddHost);
  s.groupAdd = strings(host.GroupAdd, 'HostConfig.GroupAdd');
  s.init = host.Init === true;
  if (num(host.Memory)) s.memoryBytes = num(host.Memory)!;
  if (num(host.NanoCpus)) s.nanoCpus = num(host.NanoCpus)!;
  const ulimits = Array.isArray(host.Ulimits) ? host.Ulimits as Doc[] : [];
  s.ulimits = ulimits.map((u) => ({ name: String(u.Name ?? ''), soft: num(u.Soft) ?? 0, hard: num(u.Hard) ?? 0 }));
  const log = obj(host.LogConfig, 'HostConfig.LogConfig');
  s.log = parseLogOptions(Object.entries(stringMap(log.Config, 'HostConfig.LogConfig.Config')).map(([k, v]) => `${k}=${v}`));
  if (strings(host.VolumesFrom, 'HostConfig.VolumesFrom').length > 0) warnings.push('VolumesFrom is not supported by tsmoby and was ignored');
}

const BUILTIN_NETWORKS = new Set(['', 'default', 'bridge', 'host', 'none', 'slirp4netns']);

/**
 * NetworkingConfig.EndpointsConfig: the user-defined networks to join with their aliases (docker-compose's
 * service names) and fixed addresses. The network NetworkMode names comes first (it is eth0).
 */
function applyEndpoints(networking: Doc, s: ContainerSettings): void {
  const entries = Object.entries(obj(networking.EndpointsConfig, 'NetworkingConfig.EndpointsConfig'))
    .filter(([name]) => !BUILTIN_NETWORKS.has(name));
  if (entries.length === 0) return;
  if (s.network.mode === 'default') s.network = parseNetworkMode(entries[0]![0]);
  if (s.network.mode !== 'network') throw new InvalidArgumentError(`container cannot join network ${entries[0]![0]} with network mode ${s.network.mode}`);
  const primary = s.network.network;
  entries.sort(([a], [b]) => Number(b === primary) - Number(a === primary));
  const networks: NonNullable<ContainerSettings['networks']> = primary in Object.fromEntries(entries) ? {} : { [primary]: { aliases: [] } };
  for (const [name, raw] of entries) {
    const e = obj(raw, `EndpointsConfig.${name}`);
    const ip = str(obj(e.IPAMConfig, `EndpointsConfig.${name}.IPAMConfig`).IPv4Address);
    networks[name] = { aliases: strings(e.Aliases, `EndpointsConfig.${name}.Aliases`), ...(ip ? { ip: parseIp(ip, 'IPv4Address') } : {}) };
  }
  s.networks = networks;
}

/** The create body -> image + settings; a body without Image is a 400, as Docker answers. */
export function decodeCreateBody(raw: unknown): CreateRequest {
  const body = obj(raw, 'container config');
  const image = str(body.Image);
  if (image === undefined) throw new InvalidArgumentError('No command specified: the container config needs an Image');
  const settings = defaultContainerSettings();
  settings.pullPolicy = 'never';
  const warnings: string[] = [];
  applyConfig(body, settings);
  applyHostConfig(obj(body.HostConfig, 'HostConfig'), settings, warnings);
  applyEndpoints(obj(body.NetworkingConfig, 'NetworkingConfig'), settings);
  return { image, settings, warnings };
}
