import { describe, expect, it } from 'vitest';
import { encodePathStat } from '../../../../src/api/routes/container-archive.js';
import { statsDocument, topDescriptors } from '../../../../src/api/routes/container-stats.js';
import { decodeExecCreateBody } from '../../../../src/api/routes/exec.js';
import { decodeNetworkCreateBody } from '../../../../src/api/routes/networks.js';
import type { ContainerStatsSample } from '../../../../src/engine/engine.js';

const sample = (cpu: number, system: number): ContainerStatsSample => ({
  id: 'abc', name: 'box', read: '2024-01-01T00:00:01.000Z', cpuTotalNs: cpu, systemCpuNs: system, onlineCpus: 2,
  memoryUsageBytes: 4096, memoryLimitBytes: 1 << 30, pids: 2, blockReadBytes: 1, blockWriteBytes: 2,
  networks: { eth0: { rxBytes: 10, rxPackets: 1, rxErrors: 0, rxDropped: 0, txBytes: 20, txPackets: 2, txErrors: 0, txDropped: 0 } },
});

describe('API route codecs', () => {
  it('decodes an exec create body', () => {
    expect(decodeExecCreateBody({ Cmd: ['sh', '-c', 'x'], AttachStdin: true, Tty: false, Env: ['A=1'], User: 'nobody', WorkingDir: '/tmp', Privileged: false }))
      .toEqual({ command: ['sh', '-c', 'x'], env: ['A=1'], tty: false, stdin: true, privileged: false, user: 'nobody', workingDir: '/tmp' });
    expect(() => decodeExecCreateBody({ Cmd: [] })).toThrow(/No exec command/);
  });

  it('decodes a network create body as docker-compose sends it', () => {
    expect(decodeNetworkCreateBody({
      Name: 'p_default', CheckDuplicate: true, Driver: 'bridge', Internal: false, Labels: { 'com.docker.compose.network': 'default' },
      IPAM: { Driver: 'default', Config: [{ Subnet: '10.89.9.0/24', Gateway: '10.89.9.1' }] },
    })).toEqual({
      name: 'p_default',
      options: { driver: 'bridge', subnet: '10.89.9.0/24', gateway: '10.89.9.1', internal: false, labels: { 'com.docker.compose.network': 'default' }, options: {} },
    });
    expect(() => decodeNetworkCreateBody({})).toThrow(/name is required/);
    expect(() => decodeNetworkCreateBody({ Name: 'x', EnableIPv6: true })).toThrow(/IPv6/);
  });

  it('encodes the path stat header as base64 JSON', () => {
    const header = encodePathStat({ name: 'f', size: 3, mode: 0o644, mtime: '2024-01-01T00:00:00Z', linkTarget: '' });
    expect(JSON.parse(Buffer.from(header, 'base64').toString())).toEqual({ name: 'f', size: 3, mode: 0o644, mtime: '2024-01-01T00:00:00Z', linkTarget: '' });
  });

  it('shapes stats as Docker does, precpu from the previous sample', () => {
    const doc = statsDocument(sample(2e9, 100e9), sample(1e9, 98e9));
    expect(doc).toMatchObject({
      name: '/box', id: 'abc', pids_stats: { current: 2 },
      cpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 100e9, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 98e9 },
      memory_stats: { usage: 4096, limit: 1 << 30 },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 } },
    });
    expect(statsDocument(sample(1, 1))).toMatchObject({ preread: '0001-01-01T00:00:00Z', precpu_stats: { system_cpu_usage: 0 } });
  });

  it('answers ps options with the default columns and passes descriptors on', () => {
    expect(topDescriptors(undefined)).toEqual([]);
    expect(topDescriptors('-ef')).toEqual([]);
    expect(topDescriptors('aux')).toEqual([]);
    expect(topDescriptors('pid,user args')).toEqual(['pid', 'user', 'args']);
  });
});
