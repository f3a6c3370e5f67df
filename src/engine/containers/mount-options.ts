// Parses the three ways users ask for mounts: -v/--volume (also the API's HostConfig.Binds), --mount and
// --tmpfs, into ContainerMount values. Pure: relative host paths resolve against a cwd the caller passes.
import { posix } from 'node:path';
import { InvalidArgumentError } from '../../errors/index.js';
import type { BindMount, BindPropagation, ContainerMount, TmpfsMount, VolumeMount } from './container-config.js';
import { parseByteSize } from './resource-limits.js';

const PROPAGATIONS: readonly string[] = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
const PASS_THROUGH: readonly string[] = ['nosuid', 'suid', 'nodev', 'dev', 'noexec', 'exec'];
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function checkTarget(target: string, spec: string): string {
  if (!target.startsWith('/')) {
    throw new InvalidArgumentError(`invalid volume specification: '${spec}': destination must be an absolute path`);
  }
  const normal = posix.normalize(target);
  if (normal === '/') throw new InvalidArgumentError(`invalid volume specification: '${spec}': destination can't be '/'`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

interface VolumeFlagOptions {
  readOnly: boolean;
  propagation?: BindPropagation;
  relabel?: 'z' | 'Z';
  noCopy: boolean;
  extra: string[];
}

function parseVolumeOptions(text: string | undefined, spec: string): VolumeFlagOptions {
  const out: VolumeFlagOptions = { readOnly: false, noCopy: false, extra: [] };
  for (const opt of text === undefined ? [] : text.split(',')) {
    if (opt === 'ro' || opt === 'rw') out.readOnly = opt === 'ro';
    else if (opt === 'z' || opt === 'Z') out.relabel = opt;
    else if (PROPAGATIONS.includes(opt)) out.propagation = opt as BindPropagation;
    else if (opt === 'nocopy') out.noCopy = true;
    else if (PASS_THROUGH.includes(opt)) out.extra.push(opt);
    else if (opt !== '' && opt !== 'copy') throw new InvalidArgumentError(`invalid mode: ${opt} in volume '${spec}'`);
  }
  return out;
}

/** -v: /host:/ctr[:opts], ./rel:/ctr, name:/ctr[:opts], or /ctr alone (an anonymous volume). */
export function parseVolumeFlag(spec: string, cwd: string): ContainerMount {
  const parts = spec.split(':');
  if (parts.length === 1) return { type: 'volume', target: checkTarget(spec, spec), readOnly: false };
  if (parts.length > 3 || parts.some((p, i) => p === '' && i < 2)) {
    throw new InvalidArgumentError(`invalid volume specification: '${spec}'`);
  }
  const [source = '', target = '', optText] = parts;
  const opts = parseVolumeOptions(optText, spec);
  const dest = checkTarget(target, spec);
  if (source.startsWith('/') || source.startsWith('.') || source.startsWith('~')) {
    if (source.startsWith('~')) throw new InvalidArgumentError(`invalid volume specification: '${spec}': '~' is not expanded, give an absolute path`);
    const bind: BindMount = { type: 'bind', source: posix.resolve(cwd, source), target: dest, readOnly: opts.readOnly };
    if (opts.propagation) bind.propagation = opts.propagation;
    if (opts.relabel) bind.relabel = opts.relabel;
    if (opts.extra.length) bind.options = opts.extra;
    return bind;
  }
  if (!VOLUME_NAME.test(source)) {
    throw new InvalidArgumentError(
      `"${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. ` +
        'If you intended to pass a host directory, use absolute path',
    );
  }
  const vol: VolumeMount = { type: 'volume', source, target: dest, readOnly: opts.readOnly };
  if (opts.noCopy) vol.noCopy = true;
  if (opts.extra.length) vol.options = opts.extra;
  return vol;
}

function parseBool(key: string, value: string | undefined, spec: string): boolean {
  if (value === undefined || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InvalidArgumentError(`invalid value for ${key}: ${value} in --mount '${spec}'`);
}

function parseMode(text: string, spec: string): number {
  if (!/^[0-7]{1,4}$/.test(text)) throw new InvalidArgumentError(`invalid tmpfs mode "${text}" in '${spec}': octal, e.g. 1777`);
  return parseInt(text, 8);
}

/** --mount type=bind|volume|tmpfs,source=..,target=..,readonly,... (Docker's key names and aliases). */
export function parseMountFlag(spec: string, cwd: string): ContainerMount {
  const fields = new Map<string, string | undefined>();
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    if (key === '') continue;
    fields.set(key, eq < 0 ? undefined : field.slice(eq + 1));
  }
  const type = fields.get('type') ?? 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  const m: { propagation?: BindPropagation; size?: number; mode?: number; noCopy?: boolean } = {};
  for (const [key, value] of fields) {
    const need = () => {
      if (value === undefined || value === '') throw new InvalidArgumentError(`invalid field '${key}' must be a key=value pair in --mount '${spec}'`);
      return value;
    };
    if (key === 'type') continue;
    else if (key === 'source' || key === 'src') source = need();
    else if (key === 'target' || key === 'dst' || key === 'destination') target = need();
    else if (key === 'readonly' || key === 'ro') readOnly = parseBool(key, value, spec);
    else if (key === 'bind-propagation' && type === 'bind') {
      if (!PROPAGATIONS.includes(need())) throw new InvalidArgumentError(`invalid bind-propagation: ${value}`);
      m.propagation = value as BindPropagation;
    } else if (key === 'tmpfs-size' && type === 'tmpfs') m.size = parseByteSize(need(), '--mount tmpfs-size');
    else if (key === 'tmpfs-mode' && type === 'tmpfs') m.mode = parseMode(need(), spec);
    else if (key === 'volume-nocopy' && type === 'volume') m.noCopy = parseBool(key, value, spec);
    else if (key === 'consistency') continue;
    else throw new InvalidArgumentError(`unexpected key '${key}' in --mount '${spec}'`);
  }
  if (target === undefined) throw new InvalidArgumentError(`target is required in --mount '${spec}'`);
  const dest = checkTarget(target, spec);
  if (type === 'bind') {
    if (source === undefined) throw new InvalidArgumentError(`source is required when type is bind in --mount '${spec}'`);
    const bind: BindMount = { type: 'bind', source: posix.resolve(cwd, source), target: dest, readOnly };
    if (m.propagation) bind.propagation = m.propagation;
    return bind;
  }
  if (type === 'volume') {
    const vol: VolumeMount = { type: 'volume', target: dest, readOnly };
    if (source !== undefined) {
      if (!VOLUME_NAME.test(source)) throw new InvalidArgumentError(`invalid volume name "${source}" in --mount '${spec}'`);
      vol.source = source;
    }
    if (m.noCopy) vol.noCopy = true;
    return vol;
  }
  if (type === 'tmpfs') {
    if (source !== undefined) throw new InvalidArgumentError(`source is not allowed when type is tmpfs in --mount '${spec}'`);
    const tmpfs: TmpfsMount = { type: 'tmpfs', target: dest, readOnly };
    if (m.size !== undefined) tmpfs.sizeBytes = m.size;
    if (m.mode !== undefined) tmpfs.mode = m.mode;
    return tmpfs;
  }
  throw new InvalidArgumentError(`invalid mount type "${type}" in --mount '${spec}': use bind, volume or tmpfs`);
}

/** --tmpfs /path[:size=64m,mode=1777,noexec,...]. */
export function parseTmpfsFlag(spec: string): TmpfsMount {
  const colon = spec.indexOf(':');
  const target = checkTarget(colon < 0 ? spec : spec.slice(0, colon), spec);
  const tmpfs: TmpfsMount = { type: 'tmpfs', target };
  const options: string[] = [];
  for (const opt of colon < 0 ? [] : spec.slice(colon + 1).split(',')) {
    if (opt === '') continue;
    const [key, value = ''] = opt.split('=', 2) as [string, string?];
    if (key === 'size') tmpfs.sizeBytes = parseByteSize(value, '--tmpfs size');
    else if (key === 'mode') tmpfs.mode = parseMode(value, spec);
    else if (key === 'ro' || key === 'rw') tmpfs.readOnly = key === 'ro';
    else if ([...PASS_THROUGH, 'notmpcopyup', 'tmpcopyup', 'strictatime', 'relatime', 'noatime'].includes(opt)) options.push(opt);
    else throw new InvalidArgumentError(`invalid tmpfs option "${opt}" in '${spec}'`);
  }
  if (options.length) tmpfs.options = options;
  return tmpfs;
}
