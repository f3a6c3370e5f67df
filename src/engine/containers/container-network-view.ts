// Which networks a container is on, as Docker shows them in NetworkSettings.Networks and HostConfig.NetworkMode:
// the one source for inspect and for the list (`docker ps --format '{{.Networks}}'`), so the two always agree.
import { DEFAULT_NETWORK } from '../../network/host-bridge.js';
import { SLIRP_CONTAINER_IP, SLIRP_HOST_IP } from '../../network/hosts.js';
import { wantedNetworks } from '../networks/network-join.js';
import type { NetworkMode } from './container-config.js';
import type { ContainerRecord, ContainerState } from './container-record.js';

/** One entry of NetworkSettings.Networks, in Docker's field names. NetworkID is the name until a front door knows
 *  the id; EndpointID stays empty, as the network's own inspect shows it (no endpoint objects here). */
export interface NetworkEndpointView {
  IPAMConfig: { IPv4Address: string } | null;
  Links: null;
  Aliases: string[] | null;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  MacAddress: string;
}

/** Docker names the default network "bridge" (it rewrites "default" at create); so does every view here. */
export const DEFAULT_NETWORK_NAME = 'bridge';

/**
 * Whether a stored network mode is the default network: create stores it as slirp4netns without options
 * rootless and as root's built-in network as root (an explicit `--network slirp4netns` looks the same and is
 * shown the same). Records from before that still say `default`.
 */
export function onDefaultNetwork(n: NetworkMode, rootless: boolean): boolean {
  if (n.mode === 'default') return true;
  if (rootless) return n.mode === 'slirp4netns' && n.options.length === 0;
  return n.mode === 'network' && n.network === DEFAULT_NETWORK.name;
}

/** A network's name as Docker clients see it: root's built-in network is their "bridge". */
export function networkViewName(name: string, rootless: boolean): string {
  return !rootless && name === DEFAULT_NETWORK.name ? DEFAULT_NETWORK_NAME : name;
}

export function networkModeName(n: NetworkMode, rootless: boolean): string {
  if (onDefaultNetwork(n, rootless)) return DEFAULT_NETWORK_NAME;
  switch (n.mode) {
    case 'container': return `container:${n.container}`;
    case 'network': return n.network;
    default: return n.mode;
  }
}

function endpoint(fields: Partial<NetworkEndpointView> & { NetworkID: string }): NetworkEndpointView {
  return {
    IPAMConfig: null, Links: null, Aliases: null, EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0,
    IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, MacAddress: '', ...fields,
  };
}

/**
 * The networks by name: the live endpoints (addresses, aliases) while running, else the networks it was created
 * on or connected to, without addresses. host and none appear under their names; container:<id> shares another
 * container's and lists none, as Docker does. The default network is "bridge" in both modes.
 */
export function networkEndpoints(record: ContainerRecord, state: ContainerState, rootless: boolean): Record<string, NetworkEndpointView> {
  const running = state.status === 'running';
  const mode = record.config.network;
  if (mode.mode === 'container') return {};
  if (mode.mode === 'host' || mode.mode === 'none') return { [mode.mode]: endpoint({ NetworkID: mode.mode }) };
  if (mode.mode === 'default' || mode.mode === 'slirp4netns') {
    const name = onDefaultNetwork(mode, rootless) ? DEFAULT_NETWORK_NAME : 'slirp4netns';
    const ip = running ? state.network?.slirpIp ?? (state.network ? SLIRP_CONTAINER_IP : undefined) : undefined;
    return {
      [name]: endpoint({
        NetworkID: name,
        ...(ip ? { IPAddress: ip, IPPrefixLen: 24, Gateway: SLIRP_HOST_IP } : {}),
      }),
    };
  }
  const out: Record<string, NetworkEndpointView> = {};
  if (running && state.network) {
    for (const [stored, e] of Object.entries(state.network.endpoints)) {
      const name = networkViewName(stored, rootless);
      out[name] = endpoint({
        Aliases: e.aliases, NetworkID: name, Gateway: e.gateway,
        IPAddress: e.ip, IPPrefixLen: e.prefixLength, MacAddress: e.mac,
      });
    }
    return out;
  }
  for (const [stored, e] of Object.entries(wantedNetworks(record))) {
    const name = networkViewName(stored, rootless);
    out[name] = endpoint({ IPAMConfig: e.ip ? { IPv4Address: e.ip } : null, Aliases: e.aliases, NetworkID: name });
  }
  return out;
}
