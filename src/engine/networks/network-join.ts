// A container joining and leaving user-defined networks: an address from each network's record (under its
// lock), a veth into the network's bridge in the shared namespace, and every member's /etc/hosts kept current.
import { NotFoundError } from '../../errors/index.js';
import { allocateIp, parseSubnet } from '../../network/ipam.js';
import { addressMac, planAttach, planDetach, type BridgeNetwork } from '../../network/rootless-netns.js';
import type { ContainerRecord, NetworkEndpoint } from '../containers/container-record.js';
import { containerHostname } from '../containers/etc-files.js';
import { memberEntry, peersSection, syncMembersHosts } from './hosts-sync.js';
import type { NetworkMember, NetworkRecord, NetworkStore } from './network-store.js';
import type { BridgeHome, SharedNetns } from './shared-netns.js';

export interface NetworkJoinDeps {
  networks: NetworkStore;
  shared: SharedNetns;
  hostsPath(containerId: string): string;
}

export interface JoinedNetworks {
  endpoints: Record<string, NetworkEndpoint>;
  first: NetworkEndpoint | undefined;
  /** Some joined network has the slirp4netns uplink of the shared namespace (not --internal). */
  uplink: boolean;
  /** The gateway of a joined host-namespace network (root's default): the host as containers see it. */
  hostGateway: string | undefined;
  /** The peers' sections for the container's own /etc/hosts. */
  peerSections: string;
  /** Once the container's netns exists: bridges, uplink, veths; then the peers learn the new member. */
  connect(netnsPath: string): Promise<void>;
}

export function wantedNetworks(record: ContainerRecord): Record<string, { aliases: string[]; ip?: string }> {
  const { network, networks } = record.config;
  if (networks !== undefined) return networks;
  return network.mode === 'network' ? { [network.network]: { aliases: [] } } : {};
}

/** Takes an address on one network under its lock; the caller plugs the endpoint in (or leaves again). */
export async function joinOne(deps: NetworkJoinDeps, record: ContainerRecord, ref: string, settings: { aliases: string[]; ip?: string }) {
  const { id, name } = record.config;
  const canonical = (await deps.networks.resolve(ref)).name;
  return deps.networks.update(canonical, async (net) => {
    const others = Object.entries(net.containers).filter(([cid]) => cid !== id);
    // The host bridge is one for every store (--root) on the machine; starting at an offset from the
    // container id keeps two stores' addresses apart.
    const offset = net.hostNetns === true ? parseInt(id.slice(0, 8), 16) : 0;
    const ip = allocateIp({ subnet: net.subnet, gateway: net.gateway }, others.map(([, m]) => m.ip), settings.ip, offset);
    const member: NetworkMember = {
      name, ip, mac: addressMac(ip), aliases: settings.aliases, hostname: containerHostname(record), hostsPath: deps.hostsPath(id),
    };
    const next: NetworkRecord = { ...net, containers: { ...net.containers, [id]: member } };
    return { record: next, result: { net: next, member, peers: others.map(([, m]) => m) } };
  });
}

export async function joinNetworks(deps: NetworkJoinDeps, record: ContainerRecord): Promise<JoinedNetworks> {
  const endpoints: Record<string, NetworkEndpoint> = {};
  const nets: NetworkRecord[] = [];
  let peerSections = '';
  try {
    for (const [ref, settings] of Object.entries(wantedNetworks(record))) {
      const { net, member, peers } = await joinOne(deps, record, ref, settings);
      nets.push(net);
      endpoints[net.name] = {
        ip: member.ip, prefixLength: parseSubnet(net.subnet).prefix, gateway: net.gateway, mac: member.mac,
        interfaceName: `eth${nets.length - 1}`, aliases: member.aliases,
      };
      peerSections += peersSection(net.name, peers.map(memberEntry));
    }
  } catch (err) {
    await leaveNetworks(deps, record, nets.map((n) => n.name));
    throw err;
  }
  const uplink = nets.some((n) => !n.internal && n.hostNetns !== true);
  const hostGateway = nets.find((n) => n.hostNetns === true && !n.internal)?.gateway;
  return {
    endpoints, first: Object.values(endpoints)[0], uplink, hostGateway, peerSections,
    connect: async (netnsPath) => {
      await prepareShared(deps, nets);
      for (const net of nets) await plugEndpoint(deps, record.config.id, net, endpoints[net.name]!, netnsPath);
      for (const net of nets) await syncHostsLocked(deps, net.name);
    },
  };
}

export function bridgeOf(net: NetworkRecord): BridgeNetwork {
  return { bridge: net.bridge, subnet: net.subnet, gateway: net.gateway, internal: net.internal };
}

export function bridgeHome(net: Pick<NetworkRecord, 'hostNetns'>): BridgeHome {
  return net.hostNetns === true ? 'host' : 'shared';
}

/** The shared namespace, the networks' bridges, and the uplink when one of them goes out. A host-namespace
 *  network's bridge and NAT are made as its veth is plugged in (plugEndpoint). */
export async function prepareShared(deps: NetworkJoinDeps, nets: NetworkRecord[]): Promise<void> {
  const shared = nets.filter((n) => n.hostNetns !== true);
  if (shared.length === 0) return;
  await deps.shared.withLock(async () => {
    await deps.shared.ensureNamespace();
    for (const net of shared) await deps.shared.ensureBridge(bridgeOf(net));
    if (shared.some((n) => !n.internal)) await deps.shared.ensureUplink();
  });
}

/** The veth from the network's bridge into the container's namespace, addressed (and routed if eth0). */
export async function plugEndpoint(deps: NetworkJoinDeps, containerId: string, net: NetworkRecord, e: NetworkEndpoint, netnsPath: string): Promise<void> {
  const plug = () => deps.shared.run(planAttach(bridgeOf(net), {
    containerId, network: net.name, ip: e.ip, containerNetnsPath: netnsPath, interfaceName: e.interfaceName, mac: e.mac,
  }), netnsPath, bridgeHome(net));
  if (bridgeHome(net) === 'shared') return plug();
  // The host bridge is shared with every other store: another store's reset may remove it until a veth is in it.
  await deps.shared.withHostLock(async () => {
    await deps.shared.ensureHostBridge(bridgeOf(net));
    await plug();
  });
}

/** Rewrites every member's section for the network while holding its lock, so two changes never interleave. */
export async function syncHostsLocked(deps: Pick<NetworkJoinDeps, 'networks'>, name: string, removed: NetworkMember[] = []): Promise<void> {
  await deps.networks.update(name, async (net) => {
    await syncMembersHosts(net, removed);
    return { result: undefined };
  }).catch((err: unknown) => {
    if (!(err instanceof NotFoundError)) throw err;
  });
}

/**
 * Gives the addresses back and updates the peers. A veth normally goes with the container's namespace; on
 * the host's bridge it is deleted as well, in case something still holds that namespace.
 */
export async function leaveNetworks(deps: NetworkJoinDeps, record: ContainerRecord, names: string[]): Promise<void> {
  const { id } = record.config;
  for (const name of names) {
    try {
      await deps.networks.update(name, async (current) => {
        if (current.hostNetns === true) await deps.shared.run(planDetach({ containerId: id, network: name }), undefined, 'host');
        const { [id]: gone, ...rest } = current.containers;
        const next = { ...current, containers: rest };
        if (gone) await syncMembersHosts(next, [gone]);
        return { record: gone ? next : undefined, result: undefined };
      });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  await deps.shared.withLock(async () => {
    const all = await deps.networks.list();
    if (all.every((n) => n.hostNetns === true || Object.keys(n.containers).length === 0)) await deps.shared.stopUplink();
  });
}
