// `network ls --filter` and GET /networks?filters: name, id, driver, label, type=builtin|custom and dangling, as
// Docker reads them (values of one key are alternatives, label values must all hold, keys must all hold).
import { InvalidArgumentError } from '../../errors/index.js';
import type { FilterList } from '../types/image-types.js';
import type { NetworkInspect } from '../types/network-types.js';

/** A network as the filters see it: its document, whether it is built in, and whether anything uses it. */
export interface FilterableNetwork {
  doc: NetworkInspect;
  builtin: boolean;
  /** Asked only when a dangling filter is given (it reads every container). */
  inUse(): Promise<boolean>;
}

const KEYS = new Set(['name', 'id', 'driver', 'label', 'type', 'dangling']);

/** The filters grouped by key; unknown keys and values refused with the user's words. */
export function parseNetworkFilters(filters: FilterList): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of filters) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    if (!KEYS.has(key)) throw new InvalidArgumentError(`invalid network filter "${f}"`);
    if (key === 'type' && value !== 'builtin' && value !== 'custom') {
      throw new InvalidArgumentError(`invalid filter: 'type'='${value}': must be builtin or custom`);
    }
    if (key === 'dangling' && !['true', 'false', '1', '0'].includes(value)) {
      throw new InvalidArgumentError(`invalid filter: 'dangling'='${value}': must be true or false`);
    }
    groups.set(key, [...(groups.get(key) ?? []), value]);
  }
  return groups;
}

function labelHolds(labels: Record<string, string>, want: string): boolean {
  const eq = want.indexOf('=');
  const key = eq < 0 ? want : want.slice(0, eq);
  return key in labels && (eq < 0 || labels[key] === want.slice(eq + 1));
}

function matchesKey(n: FilterableNetwork, key: string, value: string): boolean {
  switch (key) {
    case 'name': return n.doc.Name.includes(value);
    case 'id': return n.doc.Id.startsWith(value);
    case 'driver': return n.doc.Driver === value;
    case 'type': return (value === 'builtin') === n.builtin;
    default: return true;
  }
}

/** Docker's dangling: true keeps custom networks no container uses; false keeps built-in ones and used ones. */
async function danglingHolds(n: FilterableNetwork, values: string[]): Promise<boolean> {
  const want = values.map((v) => v === 'true' || v === '1');
  if (want.some((w) => w !== want[0])) throw new InvalidArgumentError('invalid filter: dangling=true and dangling=false together');
  const dangling = !n.builtin && !(await n.inUse());
  return dangling === want[0];
}

export async function matchesNetworkFilters(n: FilterableNetwork, groups: Map<string, string[]>): Promise<boolean> {
  for (const [key, values] of groups) {
    if (key === 'label') {
      if (!values.every((v) => labelHolds(n.doc.Labels, v))) return false;
    } else if (key === 'dangling') {
      if (!(await danglingHolds(n, values))) return false;
    } else if (!values.some((v) => matchesKey(n, key, v))) {
      return false;
    }
  }
  return true;
}
