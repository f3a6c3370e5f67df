// The mounts part of a container's OCI spec: defaults, the generated /etc files, read-only tmpfs dirs
// and the user's mounts, with the user winning any destination and parents mounted before children.
import { posix } from 'node:path';
import { InvalidArgumentError } from '../../errors/index.js';
import { defaultMounts, type DefaultMountOptions, type OciMount } from '../../runtime/oci-spec.js';
import type { ContainerMount } from './container-config.js';

export interface GeneratedFiles {
  /** Host paths of the files tsmoby writes for the container; each is bound over its /etc counterpart. */
  hosts?: string;
  resolvConf?: string;
  hostname?: string;
}

export interface MountPlanInput {
  defaults: DefaultMountOptions;
  user: readonly ContainerMount[];
  /** Host paths of volumes (named, anonymous and the image's Volumes), by container target. */
  volumePaths: ReadonlyMap<string, string>;
  /** The image's Volumes that no user mount covers: each must have a path in volumePaths. */
  imageVolumeTargets: readonly string[];
  generated: GeneratedFiles;
  /** --read-only: give /tmp, /run and /var/tmp a tmpfs each, as Podman's read-only-tmpfs does. */
  readOnlyTmpfs: boolean;
}

function depth(p: string): number {
  return p.split('/').filter(Boolean).length;
}

function tmpfsOptions(m: Extract<ContainerMount, { type: 'tmpfs' }>): string[] {
  const opts = [m.readOnly ? 'ro' : 'rw', 'rprivate', 'nosuid', 'nodev'];
  if (m.sizeBytes !== undefined) opts.unshift(`size=${m.sizeBytes}`);
  if (m.mode !== undefined) opts.unshift(`mode=${m.mode.toString(8)}`);
  for (const o of m.options ?? []) if (!opts.includes(o)) opts.push(o);
  if (!opts.includes('notmpcopyup') && !opts.includes('tmpcopyup')) opts.push('tmpcopyup');
  return opts.filter((o) => o !== 'notmpcopyup');
}

function volumeSource(target: string, paths: ReadonlyMap<string, string>): string {
  const source = paths.get(target);
  if (source === undefined) throw new InvalidArgumentError(`no volume was prepared for ${target}`);
  return source;
}

/** One user mount as OCI wants it. */
export function toOciMount(m: ContainerMount, volumePaths: ReadonlyMap<string, string>): OciMount {
  if (m.type === 'tmpfs') {
    return { destination: m.target, type: 'tmpfs', source: 'tmpfs', options: tmpfsOptions(m) };
  }
  const source = m.type === 'bind' ? m.source : volumeSource(m.target, volumePaths);
  const options = [m.readOnly ? 'ro' : 'rw', m.type === 'bind' ? (m.propagation ?? 'rprivate') : 'rprivate', 'rbind'];
  if (m.type === 'volume') options.push('nosuid', 'nodev');
  for (const o of m.options ?? []) if (!options.includes(o)) options.push(o);
  return { destination: m.target, type: 'bind', source, options };
}

function bindFile(destination: string, source: string): OciMount {
  return { destination, type: 'bind', source, options: ['bind', 'rprivate'] };
}

/** All mounts of the spec, in the order runc must perform them. */
export function planMounts(input: MountPlanInput): OciMount[] {
  const user = input.user.map((m) => toOciMount(m, input.volumePaths));
  for (const target of input.imageVolumeTargets) {
    user.push({
      destination: target, type: 'bind', source: volumeSource(target, input.volumePaths),
      options: ['rw', 'rprivate', 'rbind', 'nosuid', 'nodev'],
    });
  }
  const taken = new Set(user.map((m) => posix.normalize(m.destination)));
  const extra: OciMount[] = [];
  const generated: Array<[string, string | undefined]> = [
    ['/etc/hosts', input.generated.hosts],
    ['/etc/resolv.conf', input.generated.resolvConf],
    ['/etc/hostname', input.generated.hostname],
  ];
  for (const [dest, source] of generated) if (source !== undefined && !taken.has(dest)) extra.push(bindFile(dest, source));
  if (input.readOnlyTmpfs) {
    for (const dest of ['/tmp', '/run', '/var/tmp']) {
      if (!taken.has(dest)) {
        extra.push({
          destination: dest, type: 'tmpfs', source: 'tmpfs',
          options: ['rw', 'rprivate', 'nosuid', 'nodev', 'tmpcopyup'],
        });
      }
    }
  }
  const defaults = defaultMounts(input.defaults).filter((m) => !taken.has(m.destination));
  // Docker sorts by path depth so /data is mounted before /data/cache; the sort is stable, so
  // mounts of equal depth keep the order the user gave.
  const rest = [...extra, ...user].sort((a, b) => depth(a.destination) - depth(b.destination));
  return [...defaults, ...rest];
}
