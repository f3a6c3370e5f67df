// Pure parsers of container settings shared by both front doors: the CLI's flags and the API's create body
// name networks, capabilities, security options and extra hosts the same way.
import { isIP } from 'node:net';
import { InvalidArgumentError } from '../../errors/index.js';
import { ALL_CAPABILITIES } from '../../runtime/oci-spec.js';
import type { ContainerSettings, ExtraHost, NetworkMode } from './container-config.js';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** NET_ADMIN, cap_net_admin, CAP_NET_ADMIN -> CAP_NET_ADMIN; ALL stays ALL. */
export function normalizeCapability(cap: string, flag: string): string {
  const upper = cap.trim().toUpperCase();
  if (upper === 'ALL') return 'ALL';
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (!ALL_CAPABILITIES.includes(name)) throw new InvalidArgumentError(`${flag}: unknown capability "${name}"`);
  return name;
}

export function parseSecurityOpts(specs: readonly string[], s: ContainerSettings): void {
  for (const spec of specs) {
    const m = /^([a-z-]+)(?:[=:](.*))?$/.exec(spec);
    const key = m?.[1];
    const value = m?.[2];
    if (key === 'no-new-privileges' && (value === undefined || value === 'true' || value === 'false')) {
      s.noNewPrivileges = value !== 'false';
    } else if (key === 'label' && value !== undefined) {
      if (value === 'disable') s.labelDisable = true;
    } else if (key === 'seccomp' && value) {
      s.seccomp = value === 'unconfined' ? { mode: 'unconfined' } : { mode: 'profile', path: value };
    } else if (key === 'apparmor' && value) {
      // No AppArmor profile is applied by tsmoby; accepted so that scripts written for Docker run.
    } else {
      throw new InvalidArgumentError(`invalid --security-opt: "${spec}"`);
    }
  }
}

export function parseNetworkMode(spec: string): NetworkMode {
  if (spec === '' || spec === 'default' || spec === 'bridge') return { mode: 'default' };
  if (spec === 'none' || spec === 'host') return { mode: spec };
  if (spec.startsWith('container:')) {
    const container = spec.slice('container:'.length);
    if (container === '') throw new InvalidArgumentError('--network container: needs a container name or id');
    return { mode: 'container', container };
  }
  if (spec === 'slirp4netns' || spec.startsWith('slirp4netns:')) {
    const rest = spec.slice('slirp4netns:'.length);
    return { mode: 'slirp4netns', options: rest ? rest.split(',') : [] };
  }
  if (!NAME.test(spec)) throw new InvalidArgumentError(`--network: invalid network name "${spec}"`);
  return { mode: 'network', network: spec };
}

export function parseIp(ip: string, flag: string): string {
  if (isIP(ip) === 0) throw new InvalidArgumentError(`${flag}: "${ip}" is not an IP address`);
  return ip;
}

/** --add-host name:ip (ip may be IPv6, or host-gateway); name=ip is accepted too. */
export function parseAddHost(spec: string): ExtraHost {
  const sep = /^[^:=]+([:=])/.exec(spec);
  if (!sep) throw new InvalidArgumentError(`invalid --add-host "${spec}": expected host:ip`);
  const host = spec.slice(0, sep[0].length - 1);
  let ip = spec.slice(sep[0].length);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (ip !== 'host-gateway') parseIp(ip, `--add-host ${spec}`);
  return { host, ip };
}
