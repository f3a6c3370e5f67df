// `network create|ls|inspect|rm|prune|connect|disconnect`: records under networks/, the bridge made lazily
// in the shared namespace when a first member starts, removed with the network.
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../errors/index.js';
import { allocateSubnet } from '../../network/ipam.js';
import { nextBridgeName, planRemoveBridge } from '../../network/rootless-netns.js';
import type { BatchItemReport } from '../engine.js';
import type { ContainerStore } from '../containers/container-store.js';
import type { FilterList } from '../types/image-types.js';
import type { NetworkConnectOptions, NetworkCreateOptions, NetworkEngine, NetworkInspect } from '../types/network-types.js';
import { connectRunning, disconnectRunning, type LiveConnectDeps } from './live-connect.js';
import { wantedNetworks } from './network-join.js';
import { checkNetworkName, type NetworkRecord, type NetworkStore } from './network-store.js';
import type { SharedNetns } from './shared-netns.js';

export interface NetworkEngineDeps extends LiveConnectDeps {
  networks: NetworkStore;
  containers: ContainerStore;
  shared: SharedNetns;
  /** Removes containers by id (rm -f), for `network rm -f`. */
  removeContainers(ids: string[]): Promise<void>;
  now(): Date;
}

export function inspectNetwork(n: NetworkRecord): NetworkInspect {
  return {
    Name: n.name, Id: n.id, Created: n.created, Scope: 'local', Driver: n.driver, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: n.subnet, Gateway: n.gateway }] },
    Internal: n.internal, Attachable: false, Ingress: false, Options: n.options, Labels: n.labels,
    Containers: Object.fromEntries(Object.entries(n.containers).map(([id, m]) => [id, {
      Name: m.name, EndpointID: '', MacAddress: m.mac, IPv4Address: `${m.ip}/${n.subnet.split('/')[1]}`, IPv6Address: '',
    }])),
    subnets: [{ subnet: n.subnet, gateway: n.gateway }], network_interface: n.bridge,
  };
}

function matches(n: NetworkRecord, filters: FilterList): boolean {
  return filters.every((f) => {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    switch (key) {
      case 'name': return n.name.includes(value);
      case 'id': return n.id.startsWith(value);
      case 'driver': return n.driver === value;
      case 'label': {
        const [k, v] = value.split('=', 2) as [string, string?];
        return k in n.labels && (v === undefined || n.labels[k] === v);
      }
      default: throw new InvalidArgumentError(`invalid network filter "${f}"`);
    }
  });
}

export class LocalNetworkEngine implements NetworkEngine {
  constructor(private readonly deps: NetworkEngineDeps) {}

  async create(name: string, o: NetworkCreateOptions = {}): Promise<NetworkInspect> {
    checkNetworkName(name, true);
    if (o.driver !== undefined && o.driver !== 'bridge') throw new InvalidArgumentError(`unsupported network driver "${o.driver}": only "bridge"`);
    const existing = await this.deps.networks.read(name);
    if (existing && o.ignoreExisting) return inspectNetwork(existing);
    const all = await this.deps.networks.list();
    const addressing = allocateSubnet(all.map((n) => n.subnet), o.subnet, o.gateway);
    const record: NetworkRecord = {
      name, id: createHash('sha256').update(randomBytes(32)).digest('hex'), driver: 'bridge', ...addressing,
      internal: o.internal === true, labels: o.labels ?? {}, options: o.options ?? {}, created: this.deps.now().toISOString(),
      bridge: nextBridgeName(all.map((n) => n.bridge)), containers: {},
    };
    await this.deps.networks.create(record);
    return inspectNetwork(record);
  }

  async list(options: { filters?: FilterList } = {}): Promise<NetworkInspect[]> {
    return (await this.deps.networks.list()).filter((n) => matches(n, options.filters ?? [])).map(inspectNetwork);
  }

  async inspect(name: string): Promise<NetworkInspect> {
    return inspectNetwork(await this.deps.networks.resolve(name));
  }

  async exists(name: string): Promise<boolean> {
    return this.deps.networks.resolve(name).then(() => true, () => false);
  }

  private async users(name: string): Promise<string[]> {
    return (await this.deps.containers.list()).filter((r) => name in wantedNetworks(r)).map((r) => r.config.id);
  }

  async remove(names: string[], options: { force?: boolean } = {}): Promise<BatchItemReport[]> {
    const reports: BatchItemReport[] = [];
    for (const input of names) {
      try {
        const net = await this.deps.networks.resolve(input);
        if (net.hostNetns === true) throw new InvalidArgumentError(`default network ${net.name} cannot be removed`);
        const users = await this.users(net.name);
        if (users.length > 0 && !options.force) {
          throw new ConflictError(`network ${net.name} is being used by ${users.length} container(s): remove them first or use --force`);
        }
        if (users.length > 0) await this.deps.removeContainers(users);
        await this.deps.shared.withLock(() => this.deps.shared.run(planRemoveBridge(net)).catch(() => undefined));
        await this.deps.networks.remove(net.name);
        reports.push({ input, id: net.name });
      } catch (err) {
        reports.push({ input, error: err as Error });
      }
    }
    return reports;
  }

  async prune(options: { filters?: FilterList } = {}): Promise<string[]> {
    const removed: string[] = [];
    for (const n of await this.deps.networks.list()) {
      if (n.hostNetns === true || !matches(n, options.filters ?? []) || (await this.users(n.name)).length > 0) continue;
      const [report] = await this.remove([n.name]);
      if (report && !report.error) removed.push(n.name);
    }
    return removed;
  }

  async connect(network: string, container: string, options: NetworkConnectOptions = {}): Promise<void> {
    const net = await this.deps.networks.resolve(network);
    const { id } = (await this.deps.containers.resolve(container)).config;
    await this.deps.containers.withLock(id, async () => {
      const record = await this.deps.containers.resolve(id);
      const settings = { aliases: options.aliases ?? [], ...(options.ip !== undefined ? { ip: options.ip } : {}) };
      if (record.state.status === 'running' && record.config.network.mode === 'network') {
        await connectRunning(this.deps, record, net, settings);
        return;
      }
      await this.deps.containers.update(record.config.id, (r) => {
        const wanted = wantedNetworks(r);
        if (net.name in wanted) throw new ConflictError(`container ${r.config.name} is already connected to network ${net.name}`);
        if (r.config.network.mode !== 'network') throw new InvalidArgumentError(`container ${r.config.name} uses ${r.config.network.mode} networking: it cannot join a network`);
        return { ...r, config: { ...r.config, networks: { ...wanted, [net.name]: settings } } };
      });
    });
  }

  async disconnect(network: string, container: string): Promise<void> {
    const net = await this.deps.networks.resolve(network);
    const { id } = (await this.deps.containers.resolve(container)).config;
    await this.deps.containers.withLock(id, async () => {
      const record = await this.deps.containers.resolve(id);
      if (record.state.status === 'running' && record.config.network.mode === 'network') {
        await disconnectRunning(this.deps, record, net);
        return;
      }
      await this.deps.containers.update(record.config.id, (r) => {
        const { [net.name]: gone, ...rest } = wantedNetworks(r);
        if (gone === undefined) throw new NotFoundError(`container ${r.config.name} is not connected to network ${net.name}`);
        const first = Object.keys(rest)[0];
        const mode = first === undefined ? { mode: 'none' as const } : { mode: 'network' as const, network: first };
        return { ...r, config: { ...r.config, network: mode, networks: rest } };
      });
    });
  }
}
