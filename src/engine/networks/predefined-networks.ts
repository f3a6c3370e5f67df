// Docker's pre-defined networks (bridge, host, none) as API clients expect them: bridge is the default network
// (root's built-in tsmoby network renamed, or slirp4netns per container rootless), host and none are modes.
import { createHash } from 'node:crypto';
import { SLIRP_HOST_IP } from '../../network/hosts.js';
import { DEFAULT_NETWORK_NAME } from '../containers/container-network-view.js';
import type { ContainerSummary } from '../types/container-types.js';
import type { NetworkInspect } from '../types/network-types.js';

export const PREDEFINED_NETWORKS = [DEFAULT_NETWORK_NAME, 'host', 'none'] as const;
export type PredefinedName = (typeof PREDEFINED_NETWORKS)[number];

/** slirp4netns's own network (slirp4netns(1)): every rootless default container has it to itself. */
const SLIRP_SUBNET = '10.0.2.0/24';
/** Networks that are modes rather than records have no creation time of their own. */
const MODE_CREATED = '1970-01-01T00:00:00Z';

export function isPredefinedName(name: string): name is PredefinedName {
  return (PREDEFINED_NETWORKS as readonly string[]).includes(name);
}

/** Stable across calls and stores: derived from the name alone. */
export function predefinedId(name: PredefinedName): string {
  return createHash('sha256').update(`tsmoby pre-defined network ${name}`).digest('hex');
}

type Members = NetworkInspect['Containers'];

function modeNetwork(name: PredefinedName, driver: string, config: NetworkInspect['IPAM']['Config']): NetworkInspect {
  return {
    Name: name, Id: predefinedId(name), Created: MODE_CREATED, Scope: 'local', Driver: driver, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: {}, Config: config }, Internal: false, Attachable: false, Ingress: false,
    Options: {}, Labels: {}, Containers: {}, subnets: config.map((c) => ({ subnet: c.Subnet, gateway: c.Gateway })),
    network_interface: '',
  };
}

/**
 * One pre-defined network, without members. `rootDefault` is root's built-in network: as root, bridge is that
 * network under Docker's name (its id, addresses and attachments); rootless, bridge stands for slirp4netns.
 */
export function predefinedNetwork(name: PredefinedName, rootDefault: NetworkInspect | undefined): NetworkInspect {
  if (name === DEFAULT_NETWORK_NAME && rootDefault !== undefined) return { ...rootDefault, Name: DEFAULT_NETWORK_NAME };
  if (name === DEFAULT_NETWORK_NAME) {
    return modeNetwork(name, 'bridge', [{ Subnet: SLIRP_SUBNET, Gateway: SLIRP_HOST_IP }]);
  }
  return modeNetwork(name, name === 'host' ? 'host' : 'null', []);
}

/**
 * The running containers a container list shows on network `name` (NetworkSettings.Networks, the same view
 * `ps` and inspect use), shaped as a network's Containers: slirp addresses rootless, none for host.
 */
export function membersFromContainers(name: string, containers: ContainerSummary[]): Members {
  const out: Members = {};
  for (const c of containers) {
    const e = c.networks[name];
    if (c.status !== 'running' || e === undefined) continue;
    out[c.id] = {
      Name: c.names[0] ?? '', EndpointID: e.EndpointID, MacAddress: e.MacAddress,
      IPv4Address: e.IPAddress === '' ? '' : `${e.IPAddress}/${e.IPPrefixLen}`, IPv6Address: '',
    };
  }
  return out;
}
