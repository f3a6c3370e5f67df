import { describe, expect, it } from 'vitest';
import { networkEndpoints, networkModeName } from '../../../../src/engine/containers/container-network-view.js';
import { inspectContainer, summarize } from '../../../../src/engine/containers/container-inspect.js';
import type { ContainerState } from '../../../../src/engine/containers/container-record.js';
import { fakeRecord } from '../../../fakes/fake-container-deps.js';

const endpoint = { ip: '10.89.0.5', prefixLength: 24, gateway: '10.89.0.1', mac: '02:42:0a:59:00:05', interfaceName: 'eth0', aliases: ['web', 'abc123'] };
const running = (network: NonNullable<ContainerState['network']>): Partial<ContainerState> => ({ status: 'running', startedAt: '2024-01-01T00:00:00Z', network });

describe('a container\'s networks, as Docker shows them', () => {
  it('names the mode the container was created with: bridge for the default, else host, none, container:<id> or the network', () => {
    expect(networkModeName({ mode: 'default' }, true)).toBe('bridge');
    expect(networkModeName({ mode: 'host' }, true)).toBe('host');
    expect(networkModeName({ mode: 'none' }, true)).toBe('none');
    expect(networkModeName({ mode: 'container', container: 'abc' }, true)).toBe('container:abc');
    expect(networkModeName({ mode: 'network', network: 'proj_default' }, true)).toBe('proj_default');
  });

  it('keys a running container\'s user networks by name with its address, gateway, prefix, MAC and aliases', () => {
    const record = fakeRecord('a'.repeat(64), 'web', { network: { mode: 'network', network: 'proj_default' } });
    const state = { ...record.state, ...running({ helpers: [], ports: [], endpoints: { proj_default: endpoint } }) } as ContainerState;
    const networks = networkEndpoints(record, state, false);
    expect(Object.keys(networks)).toEqual(['proj_default']);
    expect(networks.proj_default).toMatchObject({
      NetworkID: 'proj_default', Gateway: '10.89.0.1', IPAddress: '10.89.0.5', IPPrefixLen: 24, MacAddress: '02:42:0a:59:00:05', Aliases: ['web', 'abc123'],
    });
  });

  it('lists a stopped container\'s networks without addresses, with the fixed address it asked for', () => {
    const record = fakeRecord('b'.repeat(64), 'db', {
      network: { mode: 'network', network: 'n1' }, networks: { n1: { aliases: ['db'], ip: '10.89.0.9' }, n2: { aliases: [] } },
    });
    const networks = networkEndpoints(record, { ...record.state, status: 'exited' }, false);
    expect(Object.keys(networks)).toEqual(['n1', 'n2']);
    expect(networks.n1).toMatchObject({ IPAddress: '', EndpointID: '', Aliases: ['db'], IPAMConfig: { IPv4Address: '10.89.0.9' } });
  });

  it('shows the default network as bridge (slirp4netns\'s address while running), host and none by their names, container: as none', () => {
    const plain = fakeRecord('c'.repeat(64), 'plain', { network: { mode: 'default' } });
    const live = { ...plain.state, ...running({ helpers: [], ports: [], endpoints: {}, slirpIp: '10.0.2.100' }) } as ContainerState;
    expect(networkEndpoints(plain, live, true).bridge).toMatchObject({ IPAddress: '10.0.2.100', IPPrefixLen: 24, Gateway: '10.0.2.2' });
    expect(networkEndpoints(plain, { ...plain.state, status: 'created' }, true).bridge).toMatchObject({ IPAddress: '' });
    expect(Object.keys(networkEndpoints(fakeRecord('d'.repeat(64), 'h', { network: { mode: 'host' } }), plain.state, true))).toEqual(['host']);
    expect(Object.keys(networkEndpoints(fakeRecord('e'.repeat(64), 'n', { network: { mode: 'none' } }), plain.state, true))).toEqual(['none']);
    expect(networkEndpoints(fakeRecord('f'.repeat(64), 'c', { network: { mode: 'container', container: 'x' } }), plain.state, true)).toEqual({});
  });

  it('gives inspect and the list the same networks and mode', () => {
    const record = fakeRecord('a'.repeat(64), 'web', { network: { mode: 'network', network: 'proj_default' } });
    const state = { ...record.state, ...running({ helpers: [], ports: [], endpoints: { proj_default: endpoint } }) } as ContainerState;
    const summary = summarize(record, state, false);
    const doc = inspectContainer(record, { state, paths: {} as never, volumePath: (n) => n, rootless: false });
    expect(summary.networks).toEqual(doc.NetworkSettings.Networks);
    expect(summary.networkMode).toBe(doc.HostConfig.NetworkMode);
    expect(summary.networkMode).toBe('proj_default');
  });

  it('shows the stored defaults as bridge: slirp4netns rootless, root\'s tsmoby network as root (under bridge even beside others)', () => {
    expect(networkModeName({ mode: 'slirp4netns', options: [] }, true)).toBe('bridge');
    expect(networkModeName({ mode: 'slirp4netns', options: ['mtu=1500'] }, true)).toBe('slirp4netns');
    expect(networkModeName({ mode: 'slirp4netns', options: [] }, false)).toBe('slirp4netns');
    expect(networkModeName({ mode: 'network', network: 'tsmoby' }, false)).toBe('bridge');
    expect(networkModeName({ mode: 'network', network: 'tsmoby' }, true)).toBe('tsmoby');

    const slirp = fakeRecord('1'.repeat(64), 'rl', { network: { mode: 'slirp4netns', options: [] } });
    const live = { ...slirp.state, ...running({ helpers: [], ports: [], endpoints: {}, slirpIp: '10.0.2.100' }) } as ContainerState;
    expect(networkEndpoints(slirp, live, true)).toEqual({ bridge: expect.objectContaining({ IPAddress: '10.0.2.100', Gateway: '10.0.2.2' }) });

    const root = fakeRecord('2'.repeat(64), 'r', {
      network: { mode: 'network', network: 'tsmoby' }, networks: { tsmoby: { aliases: [] }, proj: { aliases: ['r'] } },
    });
    expect(Object.keys(networkEndpoints(root, { ...root.state, status: 'exited' }, false))).toEqual(['bridge', 'proj']);
    const rootLive = { ...root.state, ...running({ helpers: [], ports: [], endpoints: { tsmoby: { ...endpoint, ip: '10.88.0.7', prefixLength: 16 } } }) } as ContainerState;
    expect(networkEndpoints(root, rootLive, false)).toEqual({ bridge: expect.objectContaining({ NetworkID: 'bridge', IPAddress: '10.88.0.7', IPPrefixLen: 16 }) });
    expect(summarize(root, rootLive, false).networkMode).toBe('bridge');
  });
});
