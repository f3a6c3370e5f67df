// Which networks a container is on, as Docker shows them in NetworkSettings.Networks and HostConfig.NetworkMode:
// the one source for inspect and for the list (`docker ps --format '{{.Networks}}'`), so the two always agree.
import { SLIRP_CONTAINER_IP, SLIRP_HOST_IP } from '../../network/hosts.js';
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

/** Docker names the default network "bridge" (it rewrites "default" at create); tsmoby's default is slirp4netns. */
export const DEFAULT_NETWORK_NAME = 'bridge';

export function networkModeName(n: NetworkMode): string {
  switch (n.mode) {
    case 'container': return `container:${n.container}`;
    case 'network': return n.network;
    case 'default': return DEFAULT_NETWORK_NAME;
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
 * container's and lists none, as Docker does.
 */
export function networkEndpoints(record: ContainerRecord, state: ContainerState): Record<string, NetworkEndpointView> {
  const running = state.status === 'running';
  const mode = record.config.network;
  if (mode.mode === 'container') return {};
  if (mode.mode === 'host' || mode.mode === 'none') return { [mode.mode]: endpoint({ NetworkID: mode.mode }) };
  if (mode.mode === 'default' || mode.mode === 'slirp4netns') {
    const name = mode.mode === 'default' ? DEFAULT_NETWORK_NAME : 'slirp4netns';
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
    for (const [name, e] of Object.entries(state.network.endpoints)) {
      out[name] = endpoint({
        Aliases: e.aliases, NetworkID: name, Gateway: e.gateway,
        IPAddress: e.ip, IPPrefixLen: e.prefixLength, MacAddress: e.mac,
      });
    }
    return out;
  }
  const wanted = record.config.networks ?? { [mode.network]: { aliases: [] } };
  for (const [name, e] of Object.entries(wanted)) {
    out[name] = endpoint({ IPAMConfig: e.ip ? { IPv4Address: e.ip } : null, Aliases: e.aliases, NetworkID: name });
  }
  return out;
}
