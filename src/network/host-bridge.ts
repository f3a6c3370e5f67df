// The root default network: a bridge in the host's own network namespace, with NAT out through the host's
// routes. Pure: tsmoby's own iptables chains with the rules in them, and their removal.
import type { BridgeNetwork, NetnsCommand } from './rootless-netns.js';

/** Like Podman's default network, under tsmoby's own names, and on a subnet of its own: Podman's root bridge
 *  takes 10.88.0.0/16, Docker's 172.17.0.0/16, user networks 10.89.x.0/24, and two bridges on one subnet
 *  would cut each other's containers off from the host. */
export const DEFAULT_NETWORK = {
  name: 'tsmoby',
  bridge: 'tsmoby0',
  subnet: '10.90.0.0/16',
  gateway: '10.90.0.1',
} as const;

/** Where the kernel's IPv4 forwarding switch lives (the NAT needs it on). */
export const IP_FORWARD_PATH = '/proc/sys/net/ipv4/ip_forward';

/**
 * A host route (`ip -4 -o route show`) on another device that overlaps the bridge's subnet: another engine's
 * bridge there would answer for the same addresses, so the bridge is not made. The routes of tsmoby's own
 * bridge do not count.
 */
export function overlappingRoute(net: BridgeNetwork, routes: string): string | undefined {
  const ours = addressRange(net.subnet);
  for (const line of routes.split('\n')) {
    const [dest, ...rest] = line.trim().split(/\s+/);
    const dev = rest[rest.indexOf('dev') + 1];
    const theirs = dest === undefined || dev === net.bridge ? undefined : addressRange(dest);
    if (ours && theirs && theirs[0] <= ours[1] && ours[0] <= theirs[1]) return line.trim();
  }
  return undefined;
}

/** First and last address of `a.b.c.d[/n]` as numbers; undefined for anything else (`default`, IPv6). */
function addressRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
  if (!m) return undefined;
  const base = m.slice(1, 5).reduce((n, octet) => n * 256 + Number(octet), 0);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const span = 2 ** (32 - prefix);
  const start = Math.floor(base / span) * span;
  return [start, start + span - 1];
}

export interface IptablesRule {
  table: 'nat' | 'filter';
  chain: string;
  /** The match and target, without table, action and chain. */
  spec: string[];
}

/** tsmoby's own chains on the host: everything it adds lives in them, behind one marked jump each. */
export const HOST_CHAINS = [
  { table: 'filter', chain: 'TSMOBY-FORWARD', from: 'FORWARD' },
  { table: 'nat', chain: 'TSMOBY-POSTROUTING', from: 'POSTROUTING' },
] as const;

/** The comment on the jumps into tsmoby's chains: how `system reset` knows its own rules from others'. */
export const RULE_COMMENT = 'tsmoby default network';

/** The jumps from the built-in chains (first in FORWARD, so a DROP added by another tool comes after). */
export function hostJumpRules(): IptablesRule[] {
  return HOST_CHAINS.map((c) => ({ table: c.table, chain: c.from, spec: ['-m', 'comment', '--comment', RULE_COMMENT, '-j', c.chain] }));
}

/**
 * Inside tsmoby's chains: masquerade what leaves the subnet, and let the bridge's traffic through a FORWARD
 * chain whose policy another tool (a firewall, Docker) may have set to DROP.
 */
export function hostBridgeRules(net: BridgeNetwork): IptablesRule[] {
  const [forward, nat] = HOST_CHAINS;
  return [
    { table: nat.table, chain: nat.chain, spec: ['-s', net.subnet, '!', '-d', net.subnet, '-j', 'MASQUERADE'] },
    { table: forward.table, chain: forward.chain, spec: ['-i', net.bridge, '-j', 'ACCEPT'] },
    { table: forward.table, chain: forward.chain, spec: ['-o', net.bridge, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'] },
  ];
}

/** `iptables -S` of the filter and nat tables (whole tables: one call each instead of one -C per rule). */
export interface HostRuleListings {
  filter: string;
  nat: string;
}

export const LIST_TABLE_ARGV = {
  filter: ['iptables', '-w', '-t', 'filter', '-S'],
  nat: ['iptables', '-w', '-t', 'nat', '-S'],
} as const;

/** `-N CHAIN` and `-A CHAIN spec` lines as comparable keys (iptables quotes a comment with spaces). */
function listedKeys(table: string, listing: string): Set<string> {
  const keys = new Set<string>();
  for (const line of listing.split('\n')) {
    const words = line.trim().replaceAll('"', '');
    if (words.startsWith('-N ')) keys.add(`${table} :${words.slice(3)}`);
    else if (words.startsWith('-A ')) keys.add(`${table} ${words.slice(3)}`);
  }
  return keys;
}

const ruleKey = (r: IptablesRule) => `${r.table} ${r.chain} ${r.spec.join(' ')}`;

/** What of tsmoby's chains, rules and jumps the listings lack: on a warm host, nothing, and no -C is needed. */
export function missingHostSetup(net: BridgeNetwork, listings: HostRuleListings) {
  const have = new Set([...listedKeys('filter', listings.filter), ...listedKeys('nat', listings.nat)]);
  return {
    chains: HOST_CHAINS.filter((c) => !have.has(`${c.table} :${c.chain}`)),
    rules: hostBridgeRules(net).filter((r) => !have.has(ruleKey(r))),
    jumps: hostJumpRules().filter((r) => !have.has(ruleKey(r))),
  };
}

/** `iptables -w -t TABLE -C|-A|-I|-D CHAIN SPEC...`: -C first, adding only when the check fails, so it is there once. */
export function iptablesArgv(rule: IptablesRule, action: '-C' | '-A' | '-I' | '-D'): string[] {
  return ['iptables', '-w', '-t', rule.table, action, rule.chain, ...rule.spec];
}

/** `iptables -S CHAIN` succeeds only when the chain exists; `-N` makes it. */
export function chainArgv(c: { table: string; chain: string }, action: '-S' | '-N' | '-F' | '-X'): string[] {
  return ['iptables', '-w', '-t', c.table, action, c.chain];
}

/**
 * `system reset` as root: the jumps (each as often as it is there), tsmoby's chains, then the bridge. Every
 * step may find its part gone already; nothing outside tsmoby's chains and marked jumps is touched.
 */
export function planHostBridgeRemoval(net: BridgeNetwork): NetnsCommand[] {
  return [
    ...hostJumpRules().map((r) => ({ netns: 'shared' as const, argv: iptablesArgv(r, '-D'), mayFail: true })),
    ...HOST_CHAINS.flatMap((c) => [chainArgv(c, '-F'), chainArgv(c, '-X')]).map((argv) => ({ netns: 'shared' as const, argv, mayFail: true })),
    { netns: 'shared', argv: ['ip', 'link', 'del', net.bridge], mayFail: true },
  ];
}
