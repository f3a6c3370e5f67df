// Pure generation of a container's /etc/hosts and /etc/hostname: localhost, --add-host entries, the
// container's own names, the host's address as seen from the container, and peers on user networks.
import { isIP } from 'node:net';
import { InvalidArgumentError } from '../errors/index.js';

/** slirp4netns's fixed addresses in its default 10.0.2.0/24 (see slirp4netns(1)). */
export const SLIRP_CONTAINER_IP = '10.0.2.100';
export const SLIRP_HOST_IP = '10.0.2.2';
export const SLIRP_DNS_IP = '10.0.2.3';

export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

/**
 * The host's address as host.containers.internal behind slirp4netns. 10.0.2.2 leads only to the host's
 * loopback, which is closed unless allowed, so (as Podman does) the host's first non-loopback IPv4 address,
 * which slirp reaches like any outside address; 10.0.2.2 when loopback is allowed or there is no other.
 */
export function hostAddressForContainers(interfaces: Record<string, InterfaceAddress[] | undefined>, allowHostLoopback = false): string {
  if (allowHostLoopback) return SLIRP_HOST_IP;
  for (const list of Object.values(interfaces)) {
    const found = list?.find((a) => !a.internal && (a.family === 'IPv4' || a.family === 4) && !a.address.startsWith('169.254.'));
    if (found) return found.address;
  }
  return SLIRP_HOST_IP;
}

export interface HostEntry {
  ip: string;
  names: string[];
}

export interface HostsInput {
  /** The container's hostname (--hostname, else the short id). */
  hostname: string;
  /** The container's name, added beside the hostname when it differs. */
  containerName?: string;
  /** The container's own address (slirp: 10.0.2.100); omitted with --network none. */
  containerIp?: string;
  /** Extra names for the container itself (network aliases). */
  aliases?: string[];
  /** Where the host is reachable from the container (slirp: 10.0.2.2); omitted when unreachable. */
  hostGatewayIp?: string;
  /** --add-host values, already parsed (see parseAddHost). */
  addHosts?: HostEntry[];
  /** Other containers on the same user networks, names and aliases. */
  peers?: HostEntry[];
  /** Entries to start from (containers.conf base_hosts_file), as text; none by default. */
  baseHosts?: string;
}

const LOCALHOST_LINES = [
  '127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4',
  '::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6',
];

/** Parses --add-host "name:ip" (also "name=ip", and "name:host-gateway"), Docker's forms. */
export function parseAddHost(spec: string, hostGatewayIp?: string): HostEntry {
  const sep = spec.search(/[:=]/);
  if (sep <= 0) throw new InvalidArgumentError(`invalid add-host "${spec}": use name:ip`);
  const name = spec.slice(0, sep);
  let ip = spec.slice(sep + 1).replace(/^\[(.*)\]$/, '$1');
  if (ip === 'host-gateway') {
    if (hostGatewayIp === undefined) {
      throw new InvalidArgumentError(`invalid add-host "${spec}": the host is not reachable from this network`);
    }
    ip = hostGatewayIp;
  }
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) {
    throw new InvalidArgumentError(`invalid add-host "${spec}": "${name}" is not a valid host name`);
  }
  if (isIP(ip) === 0) throw new InvalidArgumentError(`invalid add-host "${spec}": "${ip}" is not an IP address`);
  return { ip, names: [name] };
}

function line(entry: HostEntry): string {
  return `${entry.ip}\t${entry.names.join(' ')}`;
}

function unique(names: Array<string | undefined>): string[] {
  return [...new Set(names.filter((n): n is string => n !== undefined && n !== ''))];
}

/** The full text of /etc/hosts, newline-terminated. --add-host entries come first so they win lookups. */
export function renderHosts(input: HostsInput): string {
  const lines: string[] = [];
  const base = input.baseHosts?.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.startsWith('#'));
  lines.push(...(base !== undefined && base.length > 0 ? base : LOCALHOST_LINES));
  for (const entry of input.addHosts ?? []) lines.push(line(entry));
  if (input.containerIp !== undefined) {
    const names = unique([input.hostname, input.containerName, ...(input.aliases ?? [])]);
    lines.push(line({ ip: input.containerIp, names }));
  } else {
    lines.push(line({ ip: '127.0.1.1', names: unique([input.hostname, input.containerName]) }));
  }
  if (input.hostGatewayIp !== undefined) {
    lines.push(line({ ip: input.hostGatewayIp, names: ['host.containers.internal', 'host.docker.internal'] }));
  }
  for (const peer of input.peers ?? []) {
    if (peer.names.length > 0) lines.push(line({ ip: peer.ip, names: unique(peer.names) }));
  }
  return `${lines.join('\n')}\n`;
}

/** /etc/hostname: the name and a newline. */
export function renderHostname(hostname: string): string {
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(hostname)) {
    throw new InvalidArgumentError(`invalid hostname "${hostname}"`);
  }
  return `${hostname}\n`;
}
