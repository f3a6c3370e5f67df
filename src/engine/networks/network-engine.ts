// `network create|ls|inspect|rm|prune|connect|disconnect`: records under networks/, the bridge made lazily
// in the shared namespace when a first member starts, removed with the network. With `predefined`, Docker's view.
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, InvalidArgumentError, NotFoundError, PermissionDeniedError } from '../../errors/index.js';
import { allocateSubnet } from '../../network/ipam.js';
import { nextBridgeName, planRemoveBridge } from '../../network/rootless-netns.js';
import type { BatchItemReport } from '../engine.js';
import type { ContainerStore } from '../containers/container-store.js';
import type { ContainerSummary } from '../types/container-types.js';
import type { FilterList } from '../types/image-types.js';
import type { NetworkConnectOptions, NetworkCreateOptions, NetworkEngine, NetworkInspect, NetworkViewOptions } from '../types/network-types.js';
import { connectRunning, disconnectRunning, type LiveConnectDeps } from './live-connect.js';
import { resolveViewed, viewNetworks, withMembers, type ViewedNetwork } from './network-docker-view.js';
import { matchesNetworkFilters, parseNetworkFilters } from './network-filters.js';
import { wantedNetworks } from './network-join.js';
import { checkNetworkName, type NetworkRecord, type NetworkStore } from './network-store.js';
import { isPredefinedName } from './predefined-networks.js';
import type { SharedNetns } from './shared-netns.js';

export interface NetworkEngineDeps extends LiveConnectDeps {
  networks: NetworkStore;
  containers: ContainerStore;
  shared: SharedNetns;
  /** Removes containers by id (rm -f), for `network rm -f`. */
  removeContainers(ids: string[]): Promise<void>;
  /** Running containers as the container list shows them (the pre-defined networks' members). */
  runningContainers(): Promise<ContainerSummary[]>;
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

/** host, none and (rootless) bridge are modes a container gets at create, not networks it can join later. */
function modeNetwork(verb: string): (name: string) => Error {
  return (name) => new InvalidArgumentError(name === 'bridge'
    ? `a container cannot be ${verb} the default network bridge when rootless: it is slirp4netns, one per container, chosen at create (--network bridge); use a user-defined network`
    : `a container cannot be ${verb} the ${name} network: ${name} is a network mode, chosen at create (--network ${name})`);
}

export class LocalNetworkEngine implements NetworkEngine {
  constructor(private readonly deps: NetworkEngineDeps) {}

  async create(name: string, o: NetworkCreateOptions = {}): Promise<NetworkInspect> {
    if (isPredefinedName(name)) throw new ConflictError(`network with name ${name} already exists: it is a pre-defined network`);
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

  async list(options: { filters?: FilterList } & NetworkViewOptions = {}): Promise<NetworkInspect[]> {
    const groups = parseNetworkFilters(options.filters ?? []);
    const kept: ViewedNetwork[] = [];
    for (const n of await this.view(options.predefined === true)) if (await matchesNetworkFilters(n, groups)) kept.push(n);
    return withMembers(kept, () => this.deps.runningContainers());
  }

  async inspect(name: string, options: NetworkViewOptions = {}): Promise<NetworkInspect> {
    if (options.predefined !== true) return inspectNetwork(await this.deps.networks.resolve(name));
    const [doc] = await withMembers([resolveViewed(await this.view(true), name)], () => this.deps.runningContainers());
    return doc!;
  }

  async ids(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.view(true)).map((n) => [n.doc.Name, n.doc.Id]));
  }

  private async view(predefined: boolean): Promise<ViewedNetwork[]> {
    return viewNetworks({
      records: await this.deps.networks.list(),
      inspect: inspectNetwork,
      inUse: async (name) => (await this.users(name)).length > 0,
    }, predefined);
  }

  /**
   * The record behind a network the user named. In Docker's view the pre-defined ones are refused with `refuse`,
   * except root's bridge when `builtinRecord` (it is a real network a container can join).
   */
  private async record(ref: string, options: NetworkViewOptions, refuse: (name: string) => Error, builtinRecord = false): Promise<NetworkRecord> {
    if (options.predefined !== true) return this.deps.networks.resolve(ref);
    const n = resolveViewed(await this.view(true), ref);
    if (n.record === undefined || (n.builtin && !builtinRecord)) throw refuse(n.doc.Name);
    return n.record;
  }

  async exists(name: string): Promise<boolean> {
    return this.deps.networks.resolve(name).then(() => true, () => false);
  }

  private async users(name: string): Promise<string[]> {
    return (await this.deps.containers.list()).filter((r) => name in wantedNetworks(r)).map((r) => r.config.id);
  }

  async remove(names: string[], options: { force?: boolean } & NetworkViewOptions = {}): Promise<BatchItemReport[]> {
    const reports: BatchItemReport[] = [];
    const predefined = (name: string) => new PermissionDeniedError(`${name} is a pre-defined network and cannot be removed`);
    for (const input of names) {
      try {
        const net = await this.record(input, options, predefined);
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
    const groups = parseNetworkFilters(options.filters ?? []);
    const removed: string[] = [];
    for (const v of await this.view(false)) {
      const n = v.record!;
      if (v.builtin || !(await matchesNetworkFilters(v, groups)) || (await v.inUse())) continue;
      const [report] = await this.remove([n.name]);
      if (report && !report.error) removed.push(n.name);
    }
    return removed;
  }

  async connect(network: string, container: string, options: NetworkConnectOptions & NetworkViewOptions = {}): Promise<void> {
    const net = await this.record(network, options, modeNetwork('connected to'), true);
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

  async disconnect(network: string, container: string, options: { force?: boolean } & NetworkViewOptions = {}): Promise<void> {
    const net = await this.record(network, options, modeNetwork('disconnected from'), true);
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
