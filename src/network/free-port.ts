// Picks host ports for -p without a host port (or with a host range): the kernel's choice for port 0, or
// the first port of a range that binds. The port is released again at once; the forwarder binds it for real.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { ConflictError } from '../errors/index.js';
import type { PortMapping } from './port-mapping.js';

/** A host port that another process holds: `run` refuses before it creates anything (and cleans up when
 *  the forwarder finds it taken later). */
export class HostPortInUseError extends ConflictError {
  constructor(what: string, detail?: string) {
    super(`cannot publish ${what}: host port already in use${detail ? ` (${detail})` : ''}`);
  }
}

/** Why a bind failed, kept for the caller that only cares about a port in use. */
type Failed = { code?: string };

function tryTcp(host: string, port: number, failed: Failed = {}): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => { failed.code = err.code; resolve(undefined); });
    server.listen({ host: host === '' ? '0.0.0.0' : host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

function tryUdp(host: string, port: number, failed: Failed = {}): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', (err: NodeJS.ErrnoException) => { failed.code = err.code; resolve(undefined); });
    socket.bind({ address: host === '' ? '0.0.0.0' : host, port, exclusive: true }, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}

/** The first port from `first` (count ports) that binds now; first = 0 lets the kernel choose. */
export async function pickHostPort(protocol: 'tcp' | 'udp', host: string, first: number, count: number): Promise<number> {
  const probe = protocol === 'udp' ? tryUdp : tryTcp;
  for (let port = first; port < first + Math.max(count, 1); port++) {
    const bound = await probe(host, port);
    if (bound !== undefined) return bound;
  }
  throw new ConflictError(`no free host port in ${first}-${first + count - 1}/${protocol}`);
}

/**
 * Fails with the forwarder's own words when a fixed host port of `mappings` is in use now, so that `run`
 * refuses before it creates anything. Only EADDRINUSE counts: any other refusal (a privileged port rootless)
 * is left for the forwarder to report. Host ranges and port 0 are chosen later and not checked here.
 */
export async function assertHostPortsFree(mappings: PortMapping[]): Promise<void> {
  for (const m of mappings) {
    if (m.hostPort === 0 || m.hostRange > 1 || m.protocol === 'sctp') continue;
    for (let i = 0; i < m.range; i++) {
      const failed: Failed = {};
      await (m.protocol === 'udp' ? tryUdp : tryTcp)(m.hostIp, m.hostPort + i, failed);
      if (failed.code === 'EADDRINUSE') {
        const ip = m.hostIp === '' ? '0.0.0.0' : m.hostIp.includes(':') ? `[${m.hostIp}]` : m.hostIp;
        throw new HostPortInUseError(`${ip}:${m.hostPort + i}/${m.protocol}`);
      }
    }
  }
}
