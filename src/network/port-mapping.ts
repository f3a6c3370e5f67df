// Pure parsing of -p/--publish and --expose, Docker's syntax: [ip:][hostPort:]containerPort[/proto],
// with ranges (8000-8010:80-90) and bracketed IPv6 addresses ([::1]:80:80). No sockets are touched here.
import { isIP } from 'node:net';
import { InvalidArgumentError } from '../errors/index.js';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortMapping {
  /** '' binds every address, as Docker's 0.0.0.0. */
  hostIp: string;
  /** First host port; 0 means "any free port" (the engine picks one per container port). */
  hostPort: number;
  containerPort: number;
  protocol: PortProtocol;
  /** How many consecutive ports, from hostPort and containerPort on, are mapped one to one. */
  range: number;
  /**
   * `-p 8000-8010:80`: one container port, a host range to choose one free port from. 1 otherwise.
   * Docker's semantics: the first free port of the range is used.
   */
  hostRange: number;
}

export interface ExposedPort {
  port: number;
  protocol: PortProtocol;
  range: number;
}

interface PortRange {
  start: number;
  count: number;
}

function parsePortRange(text: string, spec: string, what: string): PortRange {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new InvalidArgumentError(`invalid ${what} "${text}" in "${spec}"`);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535 || end < start) {
    throw new InvalidArgumentError(`invalid ${what} "${text}" in "${spec}": ports are 1-65535, ranges low-high`);
  }
  return { start, count: end - start + 1 };
}

function parseProtocols(text: string | undefined, spec: string): PortProtocol[] {
  if (text === undefined || text === '') return ['tcp'];
  const protocols = text.toLowerCase().split(',');
  for (const p of protocols) {
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') {
      throw new InvalidArgumentError(`invalid protocol "${p}" in "${spec}": use tcp, udp or sctp`);
    }
  }
  return [...new Set(protocols)] as PortProtocol[];
}

/** Splits "[ip:][host:]container" respecting a bracketed IPv6 address. */
function splitPublishParts(rest: string, spec: string): { ip: string; host: string; container: string } {
  let ip = '';
  let tail = rest;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') throw new InvalidArgumentError(`invalid publish spec "${spec}"`);
    ip = rest.slice(1, close);
    tail = rest.slice(close + 2);
    const parts = tail.split(':');
    if (parts.length !== 2) throw new InvalidArgumentError(`invalid publish spec "${spec}"`);
    return { ip, host: parts[0]!, container: parts[1]! };
  }
  const parts = tail.split(':');
  if (parts.length === 1) return { ip, host: '', container: parts[0]! };
  if (parts.length === 2) return { ip, host: parts[0]!, container: parts[1]! };
  if (parts.length === 3) return { ip: parts[0]!, host: parts[1]!, container: parts[2]! };
  throw new InvalidArgumentError(`invalid publish spec "${spec}": put an IPv6 address in brackets, [::1]:80:80`);
}

/** Parses one -p value into one mapping per protocol. */
export function parsePublish(spec: string): PortMapping[] {
  const slash = spec.lastIndexOf('/');
  const hasProto = slash > spec.lastIndexOf(']') && slash >= 0;
  const rest = hasProto ? spec.slice(0, slash) : spec;
  const protocols = parseProtocols(hasProto ? spec.slice(slash + 1) : undefined, spec);
  const { ip, host, container } = splitPublishParts(rest, spec);
  if (ip !== '' && isIP(ip) === 0) throw new InvalidArgumentError(`invalid IP address "${ip}" in "${spec}"`);
  if (container === '') throw new InvalidArgumentError(`invalid publish spec "${spec}": no container port`);
  const ctr = parsePortRange(container, spec, 'container port');
  let hostPort = 0;
  let hostRange = 1;
  if (host !== '') {
    const h = parsePortRange(host, spec, 'host port');
    hostPort = h.start;
    if (h.count !== ctr.count) {
      if (ctr.count !== 1) {
        throw new InvalidArgumentError(
          `invalid publish spec "${spec}": host and container port ranges must be the same length`,
        );
      }
      hostRange = h.count;
    }
  }
  return protocols.map((protocol) => ({
    hostIp: ip, hostPort, containerPort: ctr.start, protocol, range: ctr.count, hostRange,
  }));
}

/** Parses one --expose value (or an image's ExposedPorts key): port[-end][/proto]. */
export function parseExpose(spec: string): ExposedPort {
  const [ports = '', proto, ...extra] = spec.split('/');
  if (extra.length > 0) throw new InvalidArgumentError(`invalid port format "${spec}"`);
  const protocols = parseProtocols(proto, spec);
  if (protocols.length !== 1) throw new InvalidArgumentError(`invalid port format "${spec}": one protocol`);
  const r = parsePortRange(ports, spec, 'port');
  return { port: r.start, protocol: protocols[0]!, range: r.count };
}

/** -P: every exposed port published on a free host port of every address. */
export function publishAllExposed(exposed: readonly ExposedPort[]): PortMapping[] {
  return exposed.map((e) => ({
    hostIp: '', hostPort: 0, containerPort: e.port, protocol: e.protocol, range: e.range, hostRange: 1,
  }));
}

/** Docker's rendering, as `port` and `ps` show it: 0.0.0.0:8080->80/tcp, [::1]:8080->80/tcp. */
export function formatPortMapping(m: PortMapping): string {
  const ip = m.hostIp === '' ? '0.0.0.0' : isIP(m.hostIp) === 6 ? `[${m.hostIp}]` : m.hostIp;
  const span = (start: number) => (m.range > 1 ? `${start}-${start + m.range - 1}` : `${start}`);
  return `${ip}:${span(m.hostPort)}->${span(m.containerPort)}/${m.protocol}`;
}
