// User-defined networks on disk: networks/<name>.json, with the addresses handed out to running members.
// Every change goes through `update` under the network's lock, so two starts never get one address.
import { createHash } from 'node:crypto';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../errors/index.js';
import { DEFAULT_NETWORK } from '../../network/host-bridge.js';
import type { Locks } from '../../state/lock.js';
import { RecordStore } from '../../state/record-store.js';

export interface NetworkMember {
  /** The container's name, for inspect and for peers' /etc/hosts. */
  name: string;
  ip: string;
  mac: string;
  aliases: string[];
  /** The container's hostname (also a name peers resolve). */
  hostname: string;
  /** Its bind-mounted /etc/hosts, rewritten in place when members come and go. */
  hostsPath: string;
}

export interface NetworkRecord {
  name: string;
  id: string;
  driver: 'bridge';
  subnet: string;
  gateway: string;
  internal: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** RFC 3339. */
  created: string;
  /** The bridge in the shared network namespace. */
  bridge: string;
  /** Running members by container id. */
  containers: Record<string, NetworkMember>;
  /** The bridge is in the host's namespace (root's built-in default network), not the shared one. */
  hostNetns?: boolean;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Names Docker and Podman reserve for modes rather than networks. */
const RESERVED = new Set(['none', 'host', 'bridge', 'default', 'slirp4netns', 'pasta', 'private']);

export function checkNetworkName(name: string, creating = false): string {
  if (!NAME.test(name) || name.length > 200) {
    throw new InvalidArgumentError(`invalid network name "${name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`);
  }
  if (creating && RESERVED.has(name)) throw new InvalidArgumentError(`network name "${name}" is reserved`);
  return name;
}

export class NetworkStore {
  private readonly records: RecordStore<NetworkRecord>;

  /** `builtin`: a network that exists without `network create` (root's default), written on first use. */
  constructor(readonly dir: string, private readonly locks: Locks, private readonly builtin?: () => NetworkRecord) {
    this.records = new RecordStore<NetworkRecord>(dir, { kind: 'file' });
  }

  async read(name: string): Promise<NetworkRecord | undefined> {
    if (!NAME.test(name)) return undefined;
    await this.ensureBuiltin(name);
    return this.records.read(name);
  }

  async list(): Promise<NetworkRecord[]> {
    await this.ensureBuiltin();
    return (await this.records.list()).map((e) => e.value).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A network by name, full id or unique id prefix. */
  async resolve(ref: string): Promise<NetworkRecord> {
    const byName = await this.read(ref);
    if (byName) return byName;
    const matches = ref.length >= 3 && /^[0-9a-f]+$/.test(ref) ? (await this.list()).filter((n) => n.id.startsWith(ref)) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new ConflictError(`network id prefix "${ref}" is ambiguous`);
    throw new NotFoundError(`unable to find network with name or ID ${ref}: network not found`);
  }

  async create(record: NetworkRecord): Promise<void> {
    await this.locks.withLock(this.lockName(record.name), async () => {
      if (await this.records.read(record.name)) throw new ConflictError(`network name ${record.name} already used: network already exists`);
      await this.records.write(record.name, record);
    });
  }

  /** Read-modify-write under the network's lock; `fn` returns the new record (or undefined to leave it). */
  async update<T>(name: string, fn: (record: NetworkRecord) => Promise<{ record?: NetworkRecord; result: T }>): Promise<T> {
    await this.ensureBuiltin(name);
    return this.locks.withLock(this.lockName(name), async () => {
      const current = await this.records.read(name);
      if (current === undefined) throw new NotFoundError(`unable to find network with name or ID ${name}: network not found`);
      const { record, result } = await fn(current);
      if (record !== undefined) await this.records.write(name, record);
      return result;
    });
  }

  async remove(name: string): Promise<void> {
    await this.locks.withLock(this.lockName(name), () => this.records.remove(name));
  }

  /** Writes the built-in network's record unless it is there (checked again under its lock). */
  private async ensureBuiltin(name?: string): Promise<void> {
    if (this.builtin === undefined) return;
    const record = this.builtin();
    if ((name !== undefined && name !== record.name) || (await this.records.read(record.name))) return;
    await this.locks.withLock(this.lockName(record.name), async () => {
      if (!(await this.records.read(record.name))) await this.records.write(record.name, record);
    });
  }

  private lockName(name: string): string {
    return `network-${name}`;
  }
}

/** Root's built-in default network: the host bridge, known to `network ls` from the first command on. */
export function defaultNetworkRecord(): NetworkRecord {
  const { name, bridge, subnet, gateway } = DEFAULT_NETWORK;
  return {
    name, id: createHash('sha256').update(`tsmoby default network ${name}`).digest('hex'), driver: 'bridge', subnet, gateway,
    internal: false, labels: {}, options: {}, created: new Date().toISOString(), bridge, containers: {}, hostNetns: true,
  };
}
