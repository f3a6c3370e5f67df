// The networks as Docker clients see them (the API's view): the pre-defined bridge, host and none first, root's
// built-in network only as bridge, then the user-defined ones; resolved by name, full id or unique id prefix.
import { ConflictError, NotFoundError } from '../../errors/index.js';
import type { ContainerSummary } from '../types/container-types.js';
import type { NetworkInspect } from '../types/network-types.js';
import type { FilterableNetwork } from './network-filters.js';
import type { NetworkRecord } from './network-store.js';
import { membersFromContainers, PREDEFINED_NETWORKS, predefinedNetwork } from './predefined-networks.js';

export interface ViewedNetwork extends FilterableNetwork {
  /** The record behind it: a user-defined network, or root's built-in one behind bridge. */
  record?: NetworkRecord;
  /** A network that is a mode lists the running containers the container list puts on it (see withMembers). */
  membersOf?: string;
}

export interface NetworkViewSource {
  records: NetworkRecord[];
  inspect(record: NetworkRecord): NetworkInspect;
  /** Whether any container (running or not) refers to the network. */
  inUse(name: string): Promise<boolean>;
}

/** The networks without the members of the modes (an id lookup needs no container list); see withMembers. */
export function viewNetworks(src: NetworkViewSource, predefined: boolean): ViewedNetwork[] {
  const out: ViewedNetwork[] = [];
  const rootDefault = src.records.find((r) => r.hostNetns === true);
  if (predefined) {
    for (const name of PREDEFINED_NETWORKS) {
      // Root's bridge keeps its record's attachments; the modes list the containers the container list puts there.
      const backing = name === 'bridge' ? rootDefault : undefined;
      const doc = predefinedNetwork(name, backing && src.inspect(backing));
      out.push({ doc, builtin: true, ...(backing ? { record: backing } : { membersOf: name }), inUse: async () => true });
    }
  }
  for (const r of src.records) {
    if (predefined && r === rootDefault) continue;
    out.push({ doc: src.inspect(r), builtin: r.hostNetns === true, record: r, inUse: () => src.inUse(r.name) });
  }
  return out;
}

/** The documents, the modes' Containers filled from one container list (read only when one needs it). */
export async function withMembers(viewed: ViewedNetwork[], runningContainers: () => Promise<ContainerSummary[]>): Promise<NetworkInspect[]> {
  let running: ContainerSummary[] | undefined;
  const out: NetworkInspect[] = [];
  for (const v of viewed) {
    if (v.membersOf === undefined) out.push(v.doc);
    else out.push({ ...v.doc, Containers: membersFromContainers(v.membersOf, (running ??= await runningContainers())) });
  }
  return out;
}

/** By name (root's built-in network also by its own name), then full id, then a unique id prefix. */
export function resolveViewed(all: ViewedNetwork[], ref: string): ViewedNetwork {
  const byName = all.find((n) => n.doc.Name === ref) ?? all.find((n) => n.record?.name === ref);
  if (byName) return byName;
  const byId = all.find((n) => n.doc.Id === ref);
  if (byId) return byId;
  const matches = ref.length >= 3 && /^[0-9a-f]+$/.test(ref) ? all.filter((n) => n.doc.Id.startsWith(ref)) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new ConflictError(`network id prefix "${ref}" is ambiguous`);
  throw new NotFoundError(`network ${ref} not found`);
}
