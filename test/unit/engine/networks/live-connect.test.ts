// Live network connect/disconnect against fakes: a real network store on a temporary directory, a fake
// shared namespace that records the plans it is asked to run, and real hosts files for the members.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../../src/errors/index.js';
import { connectRunning, disconnectRunning, nextDefaultRoute, nextInterfaceName, type LiveConnectDeps } from '../../../../src/engine/networks/live-connect.js';
import { NetworkStore, type NetworkRecord } from '../../../../src/engine/networks/network-store.js';
import type { SharedNetns } from '../../../../src/engine/networks/shared-netns.js';
import type { NetnsCommand } from '../../../../src/network/rootless-netns.js';
import { Locks } from '../../../../src/state/lock.js';
import { fakeContainerWorld, fakeRecord, type FakeContainerWorld } from '../../../fakes/fake-container-deps.js';

const WEB = 'a'.repeat(64);
const DB = 'b'.repeat(64);
const endpoint = (ip: string, gateway: string, interfaceName: string) => ({ ip, prefixLength: 24, gateway, mac: '02:42:00:00:00:00', interfaceName, aliases: [] });

function network(name: string, n: number, members: NetworkRecord['containers']): NetworkRecord {
  return {
    name, id: String(n).repeat(64), driver: 'bridge', subnet: `10.89.${n}.0/24`, gateway: `10.89.${n}.1`, internal: false,
    labels: {}, options: {}, created: '2024-05-01T09:00:00Z', bridge: `tsmoby${n}`, containers: members,
  };
}

describe('live network connect and disconnect', () => {
  let w: FakeContainerWorld;
  let deps: LiveConnectDeps;
  let plans: Array<{ plan: NetnsCommand[]; netns?: string }>;
  let shared: string[];
  const hostsOf = (id: string) => join(w.deps.store.paths(id).userdata, 'hosts');
  const text = (id: string) => readFileSync(hostsOf(id), 'utf8');

  beforeEach(async () => {
    w = fakeContainerWorld();
    plans = [];
    shared = [];
    const dir = join(w.deps.layersDir, '..', 'net-unit');
    const networks = new NetworkStore(join(dir, 'networks'), new Locks(join(dir, 'locks')));
    const fakeShared = {
      withLock: <T>(fn: () => Promise<T>) => fn(),
      ensureNamespace: async () => { shared.push('namespace'); },
      ensureBridge: async (b: { bridge: string }) => { shared.push(`bridge ${b.bridge}`); },
      ensureUplink: async () => { shared.push('uplink'); },
      stopUplink: async () => { shared.push('stop uplink'); },
      run: async (plan: NetnsCommand[], netns?: string) => { plans.push({ plan, ...(netns !== undefined ? { netns } : {}) }); },
    } as unknown as SharedNetns;
    deps = { networks, shared: fakeShared, containers: w.deps.store, processes: w.deps.processes, hostsPath: hostsOf };
    for (const id of [WEB, DB]) {
      mkdirSync(w.deps.store.paths(id).userdata, { recursive: true });
      writeFileSync(hostsOf(id), '127.0.0.1\tlocalhost\n');
    }
    const member = (name: string, ip: string, id: string) => ({ name, ip, mac: '02:42:00:00:00:00', aliases: [], hostname: name, hostsPath: hostsOf(id) });
    await networks.create(network('front', 1, { [WEB]: member('web', '10.89.1.2', WEB) }));
    await networks.create(network('back', 2, { [DB]: member('db', '10.89.2.2', DB) }));
    w.alive.set(4242, 's4242');
    await w.deps.store.write(fakeRecord(WEB, 'web', { hostname: 'web', network: { mode: 'network', network: 'front' }, networks: { front: { aliases: [] } } }, {
      status: 'running', mounted: true, process: { pid: 4242, startTime: 's4242' },
      network: { helpers: [], ports: [], endpoints: { front: endpoint('10.89.1.2', '10.89.1.1', 'eth0') } },
    }));
  });
  afterEach(() => w.dispose());

  const current = () => w.deps.store.resolve(WEB);
  const net = async (name: string) => (await deps.networks.read(name))!;

  it('plugs a second interface into the running namespace without touching its default route, and tells the peers', async () => {
    await connectRunning(deps, await current(), await net('back'), { aliases: ['api'] });
    expect(shared).toEqual(['namespace', 'bridge tsmoby2', 'uplink']);
    const lines = plans[0]!.plan.map((c) => `${c.netns}: ${c.argv.join(' ')}`);
    expect(plans[0]!.netns).toBe('/proc/4242/ns/net');
    expect(lines.some((l) => l.includes('peer name eth1') && l.endsWith('netns /proc/4242/ns/net'))).toBe(true);
    expect(lines).toContain('container: ip addr add 10.89.2.3/24 dev eth1');
    expect(lines.some((l) => l.includes('route'))).toBe(false);
    const after = await current();
    expect(after.config.networks).toEqual({ front: { aliases: [] }, back: { aliases: ['api'] } });
    expect(after.state.network?.endpoints.back).toMatchObject({ ip: '10.89.2.3', interfaceName: 'eth1', gateway: '10.89.2.1' });
    expect(text(DB)).toContain('# tsmoby network back\n10.89.2.3\tweb api\n');
    expect(text(WEB)).toContain('# tsmoby network back\n10.89.2.2\tdb\n');
    await expect(connectRunning(deps, await current(), await net('back'), { aliases: [] })).rejects.toBeInstanceOf(ConflictError);
  });

  it('unplugs the first network, moves the default route to the one left, and drops the peers', async () => {
    await connectRunning(deps, await current(), await net('back'), { aliases: [] });
    plans = [];
    await disconnectRunning(deps, await current(), await net('front'));
    const lines = plans.flatMap((p) => p.plan.map((c) => `${c.netns}: ${c.argv.join(' ')}`));
    expect(lines[0]).toMatch(/^shared: ip link del veth[0-9a-f]{10}$/);
    expect(lines[1]).toBe('container: ip route replace default via 10.89.2.1 dev eth1');
    expect(Object.keys((await net('front')).containers)).toEqual([]);
    const after = await current();
    expect(after.config.network).toEqual({ mode: 'network', network: 'back' });
    expect(Object.keys(after.state.network?.endpoints ?? {})).toEqual(['back']);
    expect(text(WEB)).not.toContain('# tsmoby network front');
    await expect(disconnectRunning(deps, after, await net('front'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a container whose process is gone', async () => {
    w.alive.delete(4242);
    await expect(connectRunning(deps, await current(), await net('back'), { aliases: [] })).rejects.toBeInstanceOf(ConflictError);
    expect(Object.keys((await net('back')).containers)).toEqual([DB]);
  });
});

describe('interface and route choice', () => {
  const eps = { a: endpoint('10.0.0.2', '10.0.0.1', 'eth0'), b: endpoint('10.0.1.2', '10.0.1.1', 'eth1'), c: endpoint('10.0.2.2', '10.0.2.1', 'eth2') };

  it('names the next interface after the lowest free ethN', () => {
    expect(nextInterfaceName({})).toBe('eth0');
    expect(nextInterfaceName(eps)).toBe('eth3');
    expect(nextInterfaceName({ b: eps.b })).toBe('eth0');
  });

  it('moves the default route only when eth0 goes, to the first remaining network with a way out', () => {
    expect(nextDefaultRoute(eps, 'b', () => false)).toBeUndefined();
    expect(nextDefaultRoute(eps, 'a', () => false)).toBe(eps.b);
    expect(nextDefaultRoute(eps, 'a', (n) => n === 'b')).toBe(eps.c);
    expect(nextDefaultRoute({ a: eps.a }, 'a', () => false)).toBeUndefined();
  });
});
