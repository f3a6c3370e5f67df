// Pure IPv4 address management for user-defined networks: a /24 per network from 10.89.0.0/16 by default
// (as Podman does), the gateway at .1, container addresses from .2 on; static --ip checked, never reused.
import { isIPv4 } from 'node:net';
import { ConflictError, InvalidArgumentError, UnavailableError } from '../errors/index.js';

export interface Subnet {
  /** Network address as a 32-bit number. */
  base: number;
  prefix: number;
}

export interface NetworkAddressing {
  subnet: string;
  gateway: string;
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function size(s: Subnet): number {
  return 2 ** (32 - s.prefix);
}

export function parseSubnet(cidr: string): Subnet {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) < 8 || Number(m[2]) > 30) {
    throw new InvalidArgumentError(`invalid subnet "${cidr}": use an IPv4 CIDR between /8 and /30, e.g. 10.89.0.0/24`);
  }
  const prefix = Number(m[2]);
  const addr = toNumber(m[1]!);
  const span = 2 ** (32 - prefix);
  if (addr % span !== 0) throw new InvalidArgumentError(`invalid subnet "${cidr}": host bits set, did you mean ${toIp(addr - (addr % span))}/${prefix}?`);
  return { base: addr, prefix };
}

export function formatSubnet(s: Subnet): string {
  return `${toIp(s.base)}/${s.prefix}`;
}

function overlaps(a: Subnet, b: Subnet): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function subnetContains(s: Subnet, ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const n = toNumber(ip);
  return n >= s.base && n < s.base + size(s);
}

/** The requested subnet (checked against the others), or the first free 10.89.N.0/24. */
export function allocateSubnet(existing: string[], requested?: string, gateway?: string): NetworkAddressing {
  const taken = existing.map(parseSubnet);
  let subnet: Subnet | undefined;
  if (requested !== undefined) {
    subnet = parseSubnet(requested);
    const clash = taken.find((t) => overlaps(t, subnet!));
    if (clash) throw new ConflictError(`subnet ${requested} overlaps with network subnet ${formatSubnet(clash)}`);
  } else {
    for (let n = 0; n < 256 && subnet === undefined; n++) {
      const candidate = { base: toNumber(`10.89.${n}.0`), prefix: 24 };
      if (!taken.some((t) => overlaps(t, candidate))) subnet = candidate;
    }
    if (subnet === undefined) throw new UnavailableError('no free subnet left in 10.89.0.0/16: remove a network or pass --subnet');
  }
  const gw = gateway ?? toIp(subnet.base + 1);
  if (!subnetContains(subnet, gw) || toNumber(gw) === subnet.base || toNumber(gw) === subnet.base + size(subnet) - 1) {
    throw new InvalidArgumentError(`invalid gateway "${gw}": not a host address of ${formatSubnet(subnet)}`);
  }
  return { subnet: formatSubnet(subnet), gateway: gw };
}

/**
 * A container address: the requested one (--ip) checked, or the lowest free host address at or after
 * `startOffset` (wrapping). A host-wide bridge shared by several stores spreads its start by container id.
 */
export function allocateIp(net: NetworkAddressing, used: string[], requested?: string, startOffset = 0): string {
  const s = parseSubnet(net.subnet);
  const unavailable = new Set([...used, net.gateway]);
  const last = s.base + size(s) - 1;
  if (requested !== undefined) {
    const n = toNumber(requested);
    if (!isIPv4(requested) || !subnetContains(s, requested) || n === s.base || n === last) {
      throw new InvalidArgumentError(`invalid --ip "${requested}": not a host address of network subnet ${net.subnet}`);
    }
    if (unavailable.has(requested)) throw new ConflictError(`IP address ${requested} is already in use on subnet ${net.subnet}`);
    return requested;
  }
  const hosts = size(s) - 2;
  for (let i = 0; i < hosts; i++) {
    const ip = toIp(s.base + 1 + ((startOffset + i) % hosts));
    if (!unavailable.has(ip)) return ip;
  }
  throw new UnavailableError(`no free IP address left in subnet ${net.subnet}`);
}
