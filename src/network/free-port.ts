// Picks host ports for -p without a host port (or with a host range): the kernel's choice for port 0, or
// the first port of a range that binds. The port is released again at once; the forwarder binds it for real.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { ConflictError } from '../errors/index.js';

function tryTcp(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: host === '' ? '0.0.0.0' : host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

function tryUdp(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(undefined));
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
