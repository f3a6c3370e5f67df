// The check `run` makes before it creates anything: a fixed host port already bound is refused with the
// address the user gave; a free one, port 0 and a host range pass.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertHostPortsFree } from '../../src/network/free-port.js';
import type { PortMapping } from '../../src/network/port-mapping.js';

const mapping = (hostPort: number, extra: Partial<PortMapping> = {}): PortMapping => ({
  hostIp: '127.0.0.1', hostPort, containerPort: 80, protocol: 'tcp', range: 1, hostRange: 1, ...extra,
});

describe('host ports checked before run creates a container', () => {
  let busy: Server;
  let port = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const addr = busy.address();
    port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  });
  afterAll(() => { busy.close(); });

  it('refuses a TCP port in use with the address as given', async () => {
    await expect(assertHostPortsFree([mapping(port)])).rejects.toThrow(`cannot publish 127.0.0.1:${port}/tcp: host port already in use`);
  });

  it('passes a free port, port 0, and a host range (chosen later)', async () => {
    busy.close();
    await new Promise((r) => setImmediate(r));
    await expect(assertHostPortsFree([mapping(port), mapping(0), mapping(port, { hostRange: 3 })])).resolves.toBeUndefined();
  });
});
