// `network connect|disconnect` on a running container: an endpoint plugged into (or pulled out of) its
// namespace while it runs, the record's endpoints kept in step, and every member's /etc/hosts updated.
import { ConflictError, NotFoundError } from '../../errors/index.js';
import { parseSubnet } from '../../network/ipam.js';
import { planDetach } from '../../network/rootless-netns.js';
import type { ProcessTable } from '../../sys/process-table.js';
import { isAlive } from '../containers/container-liveness.js';
import type { ContainerRecord, NetworkEndpoint } from '../containers/container-record.js';
import type { ContainerStore } from '../containers/container-store.js';
import { bridgeHome, joinOne, leaveNetworks, plugEndpoint, prepareShared, syncHostsLocked, wantedNetworks, type NetworkJoinDeps } from './network-join.js';
import type { NetworkRecord } from './network-store.js';

export interface LiveConnectDeps extends NetworkJoinDeps {
  containers: ContainerStore;
  processes: ProcessTable;
}

export interface EndpointSettings {
  aliases: string[];
  ip?: string;
}

/** The first ethN no endpoint uses: eth0 again when the first network was disconnected. */
export function nextInterfaceName(endpoints: Record<string, NetworkEndpoint>): string {
  const used = new Set(Object.values(endpoints).map((e) => e.interfaceName));
  for (let n = 0; ; n++) if (!used.has(`eth${n}`)) return `eth${n}`;
}

/** The endpoint that should carry the default route once `gone` is unplugged: the first one left that goes out. */
export function nextDefaultRoute(endpoints: Record<string, NetworkEndpoint>, gone: string, internal: (network: string) => boolean): NetworkEndpoint | undefined {
  if (endpoints[gone]?.interfaceName !== 'eth0') return undefined;
  return Object.entries(endpoints).find(([name]) => name !== gone && !internal(name))?.[1];
}

function netnsOf(deps: LiveConnectDeps, record: ContainerRecord): string {
  const proc = record.state.process;
  if (proc === undefined || !isAlive(proc, deps.processes)) throw new ConflictError(`container ${record.config.name} is not running`);
  return `/proc/${proc.pid}/ns/net`;
}

/** The caller holds the container's lock and `record` is current. */
export async function connectRunning(deps: LiveConnectDeps, record: ContainerRecord, net: NetworkRecord, settings: EndpointSettings): Promise<void> {
  const netnsPath = netnsOf(deps, record);
  const endpoints = record.state.network?.endpoints ?? {};
  if (net.name in endpoints) throw new ConflictError(`container ${record.config.name} is already connected to network ${net.name}`);
  const { net: joined, member } = await joinOne(deps, record, net.name, settings);
  const endpoint: NetworkEndpoint = {
    ip: member.ip, prefixLength: parseSubnet(joined.subnet).prefix, gateway: joined.gateway, mac: member.mac,
    interfaceName: nextInterfaceName(endpoints), aliases: member.aliases,
  };
  try {
    await prepareShared(deps, [joined]);
    await plugEndpoint(deps, record.config.id, joined, endpoint, netnsPath);
    await deps.containers.update(record.config.id, (r) => ({
      ...r,
      config: { ...r.config, networks: { ...wantedNetworks(r), [joined.name]: settings } },
      state: { ...r.state, network: { helpers: [], ports: [], ...r.state.network, endpoints: { ...r.state.network?.endpoints, [joined.name]: endpoint } } },
    }));
  } catch (err) {
    await deps.shared.run(planDetach({ containerId: record.config.id, network: joined.name }), undefined, bridgeHome(joined)).catch(() => undefined);
    await leaveNetworks(deps, record, [joined.name]);
    throw err;
  }
  await syncHostsLocked(deps, joined.name);
}

/** The caller holds the container's lock and `record` is current. */
export async function disconnectRunning(deps: LiveConnectDeps, record: ContainerRecord, net: NetworkRecord): Promise<void> {
  const netnsPath = netnsOf(deps, record);
  const endpoints = record.state.network?.endpoints ?? {};
  if (!(net.name in endpoints)) throw new NotFoundError(`container ${record.config.name} is not connected to network ${net.name}`);
  const internal = new Map((await deps.networks.list()).map((n) => [n.name, n.internal]));
  const successor = nextDefaultRoute(endpoints, net.name, (name) => internal.get(name) !== false);
  await deps.shared.run(planDetach({ containerId: record.config.id, network: net.name }), undefined, bridgeHome(net));
  if (successor !== undefined) {
    await deps.shared.run([{ netns: 'container', argv: ['ip', 'route', 'replace', 'default', 'via', successor.gateway, 'dev', successor.interfaceName] }], netnsPath);
  }
  await leaveNetworks(deps, record, [net.name]);
  await deps.containers.update(record.config.id, (r) => {
    const { [net.name]: _gone, ...rest } = wantedNetworks(r);
    const { [net.name]: _endpoint, ...left } = r.state.network?.endpoints ?? {};
    const first = Object.keys(rest)[0];
    const mode = first === undefined ? { mode: 'none' as const } : { mode: 'network' as const, network: first };
    return {
      ...r, config: { ...r.config, network: mode, networks: rest },
      state: { ...r.state, ...(r.state.network ? { network: { ...r.state.network, endpoints: left } } : {}) },
    };
  });
}
