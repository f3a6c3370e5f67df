import { describe, expect, it } from 'vitest';
import { containerSummaryDocument, humanDuration, portDocuments, statusText } from '../../../src/api/routes/container-shapes.js';
import type { ContainerSummary } from '../../../src/engine/engine.js';

const base: ContainerSummary = {
  id: 'a'.repeat(64), names: ['web'], image: 'docker.io/library/alpine:latest', imageId: 'b'.repeat(64),
  command: ['sh', '-c', 'echo hi there'], created: '2024-01-01T00:00:00Z', status: 'running', exitCode: 0,
  startedAt: '2024-01-01T00:00:00Z', pid: 42, ports: ['0.0.0.0:8080->80/tcp'], labels: { k: 'v' }, mounts: [],
  autoRemove: false, restartCount: 0, networkMode: 'proj_default',
  networks: {
    proj_default: {
      IPAMConfig: null, Links: null, Aliases: ['web'], NetworkID: 'n'.repeat(64), EndpointID: 'e'.repeat(64), Gateway: '10.89.0.1',
      IPAddress: '10.89.0.5', IPPrefixLen: 24, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, MacAddress: '02:42:0a:59:00:05',
    },
  },
};

describe('container documents', () => {
  it('answers /containers/json entries in Docker\'s shape', () => {
    const doc = containerSummaryDocument(base);
    expect(doc).toMatchObject({
      Id: base.id, Names: ['/web'], Image: 'alpine:latest', ImageID: `sha256:${'b'.repeat(64)}`,
      Command: 'sh -c "echo hi there"', Created: 1704067200, State: 'running', Labels: { k: 'v' },
      Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
      HostConfig: { NetworkMode: 'proj_default' },
      NetworkSettings: { Networks: { proj_default: { NetworkID: 'n'.repeat(64), IPAddress: '10.89.0.5', Aliases: ['web'] } } },
    });
  });

  it('says Up / Exited (n) ... ago / Created as docker ps prints it', () => {
    const now = Date.parse('2024-01-01T00:00:05Z');
    expect(statusText(base, now)).toBe('Up 5 seconds');
    expect(statusText({ ...base, status: 'exited', exitCode: 3, finishedAt: '2023-12-31T23:57:00Z' }, now)).toBe('Exited (3) 3 minutes ago');
    expect(statusText({ ...base, status: 'created' }, now)).toBe('Created');
    expect(humanDuration(3600_000)).toBe('About an hour');
    expect(portDocuments(['127.0.0.1:9000-9001->90-91/udp'])).toEqual([
      { IP: '127.0.0.1', PrivatePort: 90, PublicPort: 9000, Type: 'udp' }, { IP: '127.0.0.1', PrivatePort: 91, PublicPort: 9001, Type: 'udp' },
    ]);
  });
});
