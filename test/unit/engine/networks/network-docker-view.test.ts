// Docker's pre-defined networks through the network engine, rootless and as root: a real network store on a
// temporary directory, containers from the fake world, running ones read through the real container list.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, NotFoundError, PermissionDeniedError } from '../../../../src/errors/index.js';
import { listContainers } from '../../../../src/engine/containers/container-query.js';
import { LocalNetworkEngine } from '../../../../src/engine/networks/network-engine.js';
import { defaultNetworkRecord, NetworkStore } from '../../../../src/engine/networks/network-store.js';
import type { SharedNetns } from '../../../../src/engine/networks/shared-netns.js';
import { Locks } from '../../../../src/state/lock.js';
import { fakeContainerWorld, fakeRecord, type FakeContainerWorld } from '../../../fakes/fake-container-deps.js';

const SLIRP = 'a'.repeat(64);
const HOSTED = 'b'.repeat(64);
const STOPPED = 'c'.repeat(64);

function engineFor(w: FakeContainerWorld, rootless: boolean): LocalNetworkEngine {
  const dir = join(w.deps.layersDir, '..', rootless ? 'net-rootless' : 'net-root');
  const networks = new NetworkStore(join(dir, 'networks'), new Locks(join(dir, 'locks')), rootless ? undefined : defaultNetworkRecord);
  const shared = { withLock: <T>(fn: () => Promise<T>) => fn(), run: async () => undefined } as unknown as SharedNetns;
  const deps = { ...w.deps, rootless };
  return new LocalNetworkEngine({
    networks, containers: w.deps.store, shared, processes: w.deps.processes, hostsPath: () => join(dir, 'hosts'),
    removeContainers: async () => undefined, runningContainers: () => listContainers(deps), now: () => new Date('2024-05-02T00:00:00Z'),
  });
}

async function setUp(w: FakeContainerWorld, engine: LocalNetworkEngine): Promise<void> {
  await engine.create('front', { labels: { 'com.docker.compose.project': 'p' } });
  await engine.create('spare');
  w.alive.set(4242, 's4242');
  w.alive.set(4343, 's4343');
  await w.deps.store.write(fakeRecord(SLIRP, 'web', { network: { mode: 'slirp4netns', options: [] } }, {
    status: 'running', process: { pid: 4242, startTime: 's4242' }, network: { helpers: [], ports: [], endpoints: {}, slirpIp: '10.0.2.100' },
  }));
  await w.deps.store.write(fakeRecord(HOSTED, 'hosted', { network: { mode: 'host' } }, { status: 'running', process: { pid: 4343, startTime: 's4343' } }));
  await w.deps.store.write(fakeRecord(STOPPED, 'member', { network: { mode: 'network', network: 'front' }, networks: { front: { aliases: [] } } }));
}

const names = (nets: Array<{ Name: string }>) => nets.map((n) => n.Name);

describe('Docker\'s pre-defined networks, rootless', () => {
  let w: FakeContainerWorld;
  let engine: LocalNetworkEngine;
  beforeEach(async () => {
    w = fakeContainerWorld();
    engine = engineFor(w, true);
    await setUp(w, engine);
  });
  afterEach(() => w.dispose());

  it('lists bridge (slirp4netns\'s 10.0.2.0/24), host and none beside the user networks, with stable 64-hex ids', async () => {
    const nets = await engine.list({ predefined: true });
    expect(names(nets)).toEqual(['bridge', 'host', 'none', 'front', 'spare']);
    const [bridge, host, none] = nets;
    expect(bridge).toMatchObject({ Driver: 'bridge', Scope: 'local', IPAM: { Driver: 'default', Config: [{ Subnet: '10.0.2.0/24', Gateway: '10.0.2.2' }] } });
    expect(host).toMatchObject({ Driver: 'host', IPAM: { Config: [] } });
    expect(none).toMatchObject({ Driver: 'null', Labels: {}, Options: {} });
    for (const n of nets) expect(n.Id).toMatch(/^[0-9a-f]{64}$/);
    expect((await engine.list({ predefined: true })).map((n) => n.Id)).toEqual(nets.map((n) => n.Id));
    expect(names(await engine.list())).toEqual(['front', 'spare']);
  });

  it('shows the running default-mode container on bridge with its slirp address, and the host-mode one on host', async () => {
    expect((await engine.inspect('bridge', { predefined: true })).Containers).toEqual({
      [SLIRP]: { Name: 'web', EndpointID: '', MacAddress: '', IPv4Address: '10.0.2.100/24', IPv6Address: '' },
    });
    const host = await engine.inspect('host', { predefined: true });
    expect(Object.keys(host.Containers)).toEqual([HOSTED]);
    expect(await engine.inspect(host.Id.slice(0, 12), { predefined: true })).toEqual(host);
    expect((await engine.inspect('none', { predefined: true })).Containers).toEqual({});
    await expect(engine.inspect('nope', { predefined: true })).rejects.toThrow(NotFoundError);
    await expect(engine.inspect('bridge')).rejects.toThrow(NotFoundError);
  });

  it('filters by type, dangling, driver, name, id and label, and refuses unknown filters', async () => {
    const list = async (...filters: string[]) => names(await engine.list({ predefined: true, filters }));
    expect(await list('type=builtin')).toEqual(['bridge', 'host', 'none']);
    expect(await list('type=custom')).toEqual(['front', 'spare']);
    expect(await list('dangling=true')).toEqual(['spare']);
    expect(await list('dangling=false')).toEqual(['bridge', 'host', 'none', 'front']);
    expect(await list('driver=null')).toEqual(['none']);
    expect(await list('driver=bridge', 'type=builtin')).toEqual(['bridge']);
    expect(await list('name=ho')).toEqual(['host']);
    expect(await list('name=host', 'name=none')).toEqual(['host', 'none']);
    expect(await list('label=com.docker.compose.project=p')).toEqual(['front']);
    const noneId = (await engine.inspect('none', { predefined: true })).Id;
    expect(await list(`id=${noneId.slice(0, 10)}`)).toEqual(['none']);
    await expect(engine.list({ predefined: true, filters: ['colour=red'] })).rejects.toThrow(InvalidArgumentError);
    await expect(engine.list({ predefined: true, filters: ['type=other'] })).rejects.toThrow(/builtin or custom/);
  });

  it('refuses to remove or create them, never prunes them, and cannot connect to them', async () => {
    const [report] = await engine.remove(['bridge'], { predefined: true });
    expect(report!.error).toBeInstanceOf(PermissionDeniedError);
    expect(report!.error!.message).toBe('bridge is a pre-defined network and cannot be removed');
    const hostId = (await engine.inspect('host', { predefined: true })).Id;
    expect((await engine.remove([hostId], { predefined: true }))[0]!.error!.message).toBe('host is a pre-defined network and cannot be removed');
    await expect(engine.create('none')).rejects.toThrow(ConflictError);
    expect(await engine.prune()).toEqual(['spare']);
    expect(names(await engine.list({ predefined: true }))).toEqual(['bridge', 'host', 'none', 'front']);
    await expect(engine.connect('bridge', 'member', { predefined: true })).rejects.toThrow(/slirp4netns, one per container/);
    await expect(engine.connect('host', 'member', { predefined: true })).rejects.toThrow(InvalidArgumentError);
  });
});

describe('Docker\'s pre-defined networks, as root', () => {
  let w: FakeContainerWorld;
  let engine: LocalNetworkEngine;
  beforeEach(async () => {
    w = fakeContainerWorld();
    engine = engineFor(w, false);
    await setUp(w, engine);
  });
  afterEach(() => w.dispose());

  it('shows the built-in tsmoby network only as bridge (its id and 10.90.0.0/16), while the CLI\'s view keeps tsmoby', async () => {
    const tsmoby = await engine.inspect('tsmoby');
    const nets = await engine.list({ predefined: true });
    expect(names(nets)).toEqual(['bridge', 'host', 'none', 'front', 'spare']);
    expect(nets[0]).toMatchObject({ Name: 'bridge', Id: tsmoby.Id, Driver: 'bridge', IPAM: { Config: [{ Subnet: '10.90.0.0/16', Gateway: '10.90.0.1' }] } });
    expect(await engine.inspect(tsmoby.Id, { predefined: true })).toMatchObject({ Name: 'bridge' });
    expect(names(await engine.list())).toEqual(['front', 'spare', 'tsmoby']);
    expect(names(await engine.list({ predefined: true, filters: ['type=builtin'] }))).toEqual(['bridge', 'host', 'none']);
    expect((await engine.ids()).bridge).toBe(tsmoby.Id);
  });

  it('refuses to remove bridge, and connects a container to bridge as the tsmoby network', async () => {
    expect((await engine.remove(['bridge'], { predefined: true }))[0]!.error).toBeInstanceOf(PermissionDeniedError);
    expect(await engine.prune()).toEqual(['spare']);
    await engine.connect('bridge', 'member', { predefined: true });
    expect((await w.deps.store.resolve('member')).config.networks).toEqual({ front: { aliases: [] }, tsmoby: { aliases: [] } });
    await engine.disconnect('bridge', 'member', { predefined: true });
    expect((await w.deps.store.resolve('member')).config.networks).toEqual({ front: { aliases: [] } });
  });
});
