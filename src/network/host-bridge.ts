// The root default network: a bridge in the host's own network namespace, with NAT out through the host's
// routes. Pure: the bridge's link plan and the iptables rules the engine checks (-C) and adds (-A) once.
import { InvalidArgumentError } from '../errors/index.js';
import { parseSubnet } from './ipam.js';
import { bridgeMac, type BridgeNetwork, type NetnsCommand } from './rootless-netns.js';

/** Podman's default network in spirit (10.88.0.0/16), under tsmoby's own names. */
export const DEFAULT_NETWORK = {
  name: 'tsmoby',
  bridge: 'tsmoby0',
  subnet: '10.88.0.0/16',
  gateway: '10.88.0.1',
} as const;

/** Where the kernel's IPv4 forwarding switch lives (the NAT needs it on). */
export const IP_FORWARD_PATH = '/proc/sys/net/ipv4/ip_forward';

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** The bridge with the gateway address, up; run only when `ip link show` does not find it. */
export function planHostBridgeLink(net: BridgeNetwork): NetnsCommand[] {
  if (!IFNAME.test(net.bridge)) throw new InvalidArgumentError(`invalid bridge name "${net.bridge}"`);
  const cidr = `${net.gateway}/${parseSubnet(net.subnet).prefix}`;
  return [
    { netns: 'shared', argv: ['ip', 'link', 'add', 'name', net.bridge, 'address', bridgeMac(net.gateway), 'type', 'bridge'] },
    { netns: 'shared', argv: ['ip', 'addr', 'add', cidr, 'dev', net.bridge] },
    { netns: 'shared', argv: ['ip', 'link', 'set', net.bridge, 'up'] },
  ];
}

export interface IptablesRule {
  table: 'nat' | 'filter';
  chain: string;
  /** The match and target, without table, action and chain. */
  spec: string[];
}

/**
 * Masquerade what leaves the subnet, and let the bridge's traffic through a FORWARD chain whose policy
 * another tool (a firewall, Docker) may have set to DROP.
 */
export function hostBridgeRules(net: BridgeNetwork): IptablesRule[] {
  return [
    { table: 'nat', chain: 'POSTROUTING', spec: ['-s', net.subnet, '!', '-d', net.subnet, '-j', 'MASQUERADE'] },
    { table: 'filter', chain: 'FORWARD', spec: ['-i', net.bridge, '-j', 'ACCEPT'] },
    { table: 'filter', chain: 'FORWARD', spec: ['-o', net.bridge, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'] },
  ];
}

/** `iptables -w -t TABLE -C|-A CHAIN SPEC...`: -C first, -A only when the check fails, so it is added once. */
export function iptablesArgv(rule: IptablesRule, action: '-C' | '-A' | '-D'): string[] {
  return ['iptables', '-w', '-t', rule.table, action, rule.chain, ...rule.spec];
}
