// Pure parsing of `run`/`create` flags, as commander delivers them (strings, string arrays, booleans),
// into the settings the engine stores. Every error names the flag; nothing here reads a file or the
// environment itself: both come in through RunOptionsContext.
import { InvalidArgumentError } from '../../errors/index.js';
import {
  defaultContainerSettings, type ContainerSettings, type PullPolicy,
} from '../../engine/containers/container-config.js';
import { parseMountFlag, parseTmpfsFlag, parseVolumeFlag } from '../../engine/containers/mount-options.js';
import {
  parseCpus, parseLogOptions, parseMemory, parseRestartPolicy, parseUlimit,
} from '../../engine/containers/resource-limits.js';
import { parseExpose, parsePublish } from '../../network/port-mapping.js';
import { parseSignal } from '../../runtime/signals.js';
import {
  normalizeCapability, parseAddHost, parseIp, parseNetworkMode, parseSecurityOpts,
} from '../../engine/containers/settings-parsers.js';

export { parseAddHost, parseNetworkMode };

/** The flags of run/create as commander hands them over (long names, camelCased). */
export interface RunFlags {
  rm?: boolean; detach?: boolean; interactive?: boolean; tty?: boolean; name?: string;
  env?: string[]; envFile?: string[]; workdir?: string; user?: string; groupAdd?: string[];
  entrypoint?: string; hostname?: string;
  volume?: string[]; mount?: string[]; tmpfs?: string[]; readOnly?: boolean;
  capAdd?: string[]; capDrop?: string[]; privileged?: boolean; securityOpt?: string[]; init?: boolean;
  restart?: string; label?: string[]; labelFile?: string[]; ulimit?: string[]; pull?: string;
  stopSignal?: string; stopTimeout?: string; logOpt?: string[]; memory?: string; cpus?: string;
  network?: string; net?: string; publish?: string[]; publishAll?: boolean; networkAlias?: string[]; ip?: string;
  dns?: string[]; dnsSearch?: string[]; dnsOption?: string[]; addHost?: string[]; expose?: string[];
}

export interface RunOptionsContext {
  /** For relative -v/--mount sources. */
  cwd: string;
  /** For `-e KEY` and KEY lines of --env-file without a value. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Reads --env-file and --label-file; throws as fs does. */
  readFile(path: string): string;
}

export interface RunRequest {
  image: string;
  name?: string;
  settings: ContainerSettings;
  detach: boolean;
  /** Things that are ignored, said to the user on stderr (Docker's wording where it has one). */
  warnings: string[];
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function parseContainerName(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (!NAME.test(bare)) {
    throw new InvalidArgumentError(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
  return bare;
}

/** NAME=value lines as --env-file and --label-file hold them: # comments, blank lines, bare NAME. */
function parseKeyValueFile(text: string, flag: string, path: string, env?: RunOptionsContext['environment']): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line.trimEnd() : line.slice(0, eq);
    if (key === '' || /\s/.test(key)) throw new InvalidArgumentError(`${flag} ${path}: variable '${key}' contains whitespaces`);
    if (eq >= 0) out.push(line);
    else if (!env) out.push(key);
    else if (env[key] !== undefined) out.push(`${key}=${env[key]}`);
  }
  return out;
}

function readFlagFile(ctx: RunOptionsContext, flag: string, path: string): string {
  try {
    return ctx.readFile(path);
  } catch (err) {
    throw new InvalidArgumentError(`${flag} ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** -e and --env-file as run, create and exec read them (-e KEY takes the value from the environment). */
export function parseEnv(flags: Pick<RunFlags, 'env' | 'envFile'>, ctx: RunOptionsContext): string[] {
  const env: string[] = [];
  for (const path of flags.envFile ?? []) {
    env.push(...parseKeyValueFile(readFlagFile(ctx, '--env-file', path), '--env-file', path, ctx.environment));
  }
  for (const e of flags.env ?? []) {
    const eq = e.indexOf('=');
    if (eq === 0 || e === '') throw new InvalidArgumentError(`invalid environment variable for -e: "${e}"`);
    if (eq > 0) env.push(e);
    else if (ctx.environment[e] !== undefined) env.push(`${e}=${ctx.environment[e]}`);
  }
  return env;
}

function parseLabels(flags: RunFlags, ctx: RunOptionsContext): Record<string, string> {
  const entries: string[] = [];
  for (const path of flags.labelFile ?? []) {
    entries.push(...parseKeyValueFile(readFlagFile(ctx, '--label-file', path), '--label-file', path));
  }
  entries.push(...(flags.label ?? []));
  const labels: Record<string, string> = {};
  for (const l of entries) {
    const eq = l.indexOf('=');
    const key = eq < 0 ? l : l.slice(0, eq);
    if (key === '') throw new InvalidArgumentError(`invalid label for --label: "${l}"`);
    labels[key] = eq < 0 ? '' : l.slice(eq + 1);
  }
  return labels;
}

function parseEntrypoint(text: string): string[] {
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) return parsed as string[];
    } catch {
      // Not JSON: the whole text is the executable's path, as Docker treats it.
    }
  }
  return [text];
}

function parsePull(text: string): PullPolicy {
  const p = text.toLowerCase();
  if (p === 'always' || p === 'missing' || p === 'never' || p === 'newer') return p;
  throw new InvalidArgumentError(`invalid --pull "${text}": use always, missing, never or newer`);
}

function parseStopTimeout(text: string): number {
  if (!/^-?\d+$/.test(text) || Number(text) < -1) {
    throw new InvalidArgumentError(`invalid --stop-timeout "${text}": seconds, or -1 for no timeout`);
  }
  return Number(text);
}

function withFlag<T>(flag: string, value: string, parse: (v: string) => T): T {
  try {
    return parse(value);
  } catch (err) {
    if (err instanceof InvalidArgumentError && err.message.includes(flag)) throw err;
    throw new InvalidArgumentError(`${flag} ${value}: ${(err as Error).message}`, { cause: err });
  }
}

function applyProcess(flags: RunFlags, ctx: RunOptionsContext, s: ContainerSettings): void {
  s.env = parseEnv(flags, ctx);
  s.labels = parseLabels(flags, ctx);
  if (flags.workdir !== undefined) {
    if (!flags.workdir.startsWith('/')) {
      throw new InvalidArgumentError(`the working directory '${flags.workdir}' is invalid, it needs to be an absolute path`);
    }
    s.workingDir = flags.workdir;
  }
  if (flags.user !== undefined && flags.user !== '') s.user = flags.user;
  s.groupAdd = flags.groupAdd ?? [];
  if (flags.entrypoint !== undefined) s.entrypoint = parseEntrypoint(flags.entrypoint);
  if (flags.hostname !== undefined) {
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,62})$/.test(flags.hostname)) {
      throw new InvalidArgumentError(`invalid --hostname "${flags.hostname}": letters, digits, '.' and '-', at most 64`);
    }
    s.hostname = flags.hostname;
  }
  s.tty = flags.tty ?? false;
  s.stdinOpen = flags.interactive ?? false;
  s.autoRemove = flags.rm ?? false;
  s.init = flags.init ?? false;
  if (flags.stopSignal !== undefined) s.stopSignal = withFlag('--stop-signal', flags.stopSignal, parseSignal);
  if (flags.stopTimeout !== undefined) s.stopTimeout = parseStopTimeout(flags.stopTimeout);
  if (flags.pull !== undefined) s.pullPolicy = parsePull(flags.pull);
}

function applySecurity(flags: RunFlags, s: ContainerSettings): void {
  s.readOnly = flags.readOnly ?? false;
  s.privileged = flags.privileged ?? false;
  s.capAdd = [...new Set((flags.capAdd ?? []).map((c) => normalizeCapability(c, '--cap-add')))];
  s.capDrop = [...new Set((flags.capDrop ?? []).map((c) => normalizeCapability(c, '--cap-drop')))];
  parseSecurityOpts(flags.securityOpt ?? [], s);
}

function applyMounts(flags: RunFlags, ctx: RunOptionsContext, s: ContainerSettings): void {
  const mounts = [
    ...(flags.volume ?? []).map((v) => withFlag('--volume', v, (x) => parseVolumeFlag(x, ctx.cwd))),
    ...(flags.mount ?? []).map((v) => withFlag('--mount', v, (x) => parseMountFlag(x, ctx.cwd))),
    ...(flags.tmpfs ?? []).map((v) => withFlag('--tmpfs', v, parseTmpfsFlag)),
  ];
  const seen = new Set<string>();
  for (const m of mounts) {
    if (seen.has(m.target)) throw new InvalidArgumentError(`Duplicate mount point: ${m.target}`);
    seen.add(m.target);
  }
  s.mounts = mounts;
}

function applyResources(flags: RunFlags, s: ContainerSettings): void {
  if (flags.restart !== undefined) s.restartPolicy = withFlag('--restart', flags.restart, parseRestartPolicy);
  if (s.autoRemove && s.restartPolicy.name !== 'no') {
    throw new InvalidArgumentError('the --rm option conflicts with --restart, when the restart policy is not "no"');
  }
  s.ulimits = (flags.ulimit ?? []).map((u) => withFlag('--ulimit', u, parseUlimit));
  s.log = parseLogOptions(flags.logOpt ?? []);
  if (flags.memory !== undefined) s.memoryBytes = withFlag('--memory', flags.memory, parseMemory);
  if (flags.cpus !== undefined) s.nanoCpus = withFlag('--cpus', flags.cpus, parseCpus);
}

function applyNetwork(flags: RunFlags, s: ContainerSettings, warnings: string[]): void {
  if (flags.network !== undefined && flags.net !== undefined && flags.network !== flags.net) {
    throw new InvalidArgumentError('--network and --net name different networks: give one');
  }
  const net = flags.network ?? flags.net;
  if (net !== undefined) s.network = parseNetworkMode(net);
  const aliases = flags.networkAlias ?? [];
  if (aliases.length > 0 || flags.ip !== undefined) {
    if (s.network.mode !== 'network') throw new InvalidArgumentError('--network-alias and --ip need --network NAME (a user-defined network)');
    if (flags.ip !== undefined) parseIp(flags.ip, '--ip');
    s.networks = { [s.network.network]: { aliases, ...(flags.ip !== undefined ? { ip: flags.ip } : {}) } };
  }
  s.portMappings = (flags.publish ?? []).flatMap((p) => withFlag('--publish', p, parsePublish));
  s.publishAll = flags.publishAll ?? false;
  s.expose = (flags.expose ?? []).map((e) => withFlag('--expose', e, parseExpose));
  const published = s.portMappings.length > 0 || s.publishAll;
  if (published && (s.network.mode === 'none' || s.network.mode === 'container')) {
    throw new InvalidArgumentError('conflicting options: port publishing and the container type network mode');
  }
  if (published && s.network.mode === 'host') {
    warnings.push('Published ports are discarded when using host network mode');
    s.portMappings = [];
    s.publishAll = false;
  }
  s.dns = (flags.dns ?? []).map((d) => parseIp(d, '--dns'));
  s.dnsSearch = flags.dnsSearch ?? [];
  s.dnsOptions = flags.dnsOption ?? [];
  s.extraHosts = (flags.addHost ?? []).map(parseAddHost);
}

/** `run [flags] IMAGE [COMMAND [ARG...]]` -> what the engine's create takes. */
export function parseRunOptions(
  image: string | undefined,
  command: readonly string[],
  flags: RunFlags,
  ctx: RunOptionsContext,
): RunRequest {
  if (image === undefined || image === '') throw new InvalidArgumentError('an image name is required: run [options] IMAGE [COMMAND [ARG...]]');
  const settings = defaultContainerSettings();
  const warnings: string[] = [];
  if (command.length > 0) settings.command = [...command];
  applyProcess(flags, ctx, settings);
  applySecurity(flags, settings);
  applyMounts(flags, ctx, settings);
  applyResources(flags, settings);
  applyNetwork(flags, settings, warnings);
  const request: RunRequest = { image, settings, detach: flags.detach ?? false, warnings };
  if (flags.name !== undefined) request.name = parseContainerName(flags.name);
  return request;
}
