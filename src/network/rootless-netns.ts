// User-defined networks as plans of iproute2 commands: one shared network namespace per user holds a
// bridge per network (slirp4netns on tap0 as its uplink, NAT by iptables there); each container's own
// netns gets one veth end as eth0, the other end enslaved to the bridge. Pure: the engine runs the plan.
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors/index.js';
import { parseSubnet } from './ipam.js';

/** Where a command runs: the per-user shared namespace, or the container's. */
export type NetnsRole = 'shared' | 'container';

export interface NetnsCommand {
  netns: NetnsRole;
  argv: string[];
  /** Teardown steps whose failure (already gone) is not an error. */
  mayFail?: boolean;
}

export interface BridgeNetwork {
  bridge: string;
  subnet: string;
  gateway: string;
  /** No uplink: neither NAT nor forwarding to tap0. */
  internal?: boolean;
}

export interface Attachment {
  containerId: string;
  /** Network name: part of the veth name, so one container can join several networks. */
  network: string;
  ip: string;
  /** The container's netns file; iproute2 opens a `netns` argument containing '/' as a path. */
  containerNetnsPath: string;
  /** eth0, eth1, ... in the container. */
  interfaceName: string;
  mac?: string;
}

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

function prefixOf(subnet: string): number {
  return parseSubnet(subnet).prefix;
}

/**
 * A locally administered MAC derived from an IPv4 address: unique on a network as its addresses are, and
 * stable. Containers get the one of their address; a bridge the one of its gateway, fixed when it is made,
 * since a bridge without one takes the lowest MAC of its ports, which changes as containers come and go and
 * leaves the gateway's address cached in every other container stale.
 */
export function addressMac(ip: string): string {
  return ['02', '42', ...ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0'))].join(':');
}

/** The first `tsmobyN` not among the bridges already in use. */
export function nextBridgeName(used: string[]): string {
  for (let n = 0; ; n++) if (!used.includes(`tsmoby${n}`)) return `tsmoby${n}`;
}

/** Host-side veth name: stable per (container, network), within IFNAMSIZ (15). */
export function hostVethName(containerId: string, network: string): string {
  return `veth${createHash('sha256').update(`${containerId}\0${network}`).digest('hex').slice(0, 10)}`;
}

/** The chain holding every bridge's accept rules; whatever it does not accept is rejected after it. */
export const FORWARD_CHAIN = 'TSMOBY-FORWARD';

/** Once per shared namespace: loopback, forwarding, and the chain each bridge adds its rules to. */
export function planSharedNamespace(): NetnsCommand[] {
  return [
    { netns: 'shared', argv: ['ip', 'link', 'set', 'lo', 'up'] },
    { netns: 'shared', argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'] },
    { netns: 'shared', argv: ['iptables', '-N', FORWARD_CHAIN] },
    { netns: 'shared', argv: ['iptables', '-A', 'FORWARD', '-j', FORWARD_CHAIN] },
    // Bridges do not route to each other. Rejected rather than dropped, so a connection to another network
    // fails at once (reset / port unreachable) instead of hanging until the client's own timeout.
    { netns: 'shared', argv: ['iptables', '-A', 'FORWARD', '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'] },
    { netns: 'shared', argv: ['iptables', '-A', 'FORWARD', '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'] },
    { netns: 'shared', argv: ['iptables', '-P', 'FORWARD', 'DROP'] },
  ];
}

function uplinkRules(net: BridgeNetwork, action: '-A' | '-D'): string[][] {
  return [
    ['iptables', '-t', 'nat', action, 'POSTROUTING', '-s', net.subnet, '!', '-d', net.subnet, '-j', 'MASQUERADE'],
    ['iptables', action, FORWARD_CHAIN, '-i', net.bridge, '-o', UPLINK, '-j', 'ACCEPT'],
    ['iptables', action, FORWARD_CHAIN, '-i', UPLINK, '-o', net.bridge, '-j', 'ACCEPT'],
  ];
}

/** The interface slirp4netns configures in the shared namespace. */
export const UPLINK = 'tap0';

/** The bridge itself: its fixed MAC, the gateway address, up. Root's default network needs only this (its NAT
 *  rules live on the host, see host-bridge.ts). */
export function planBridgeLink(net: BridgeNetwork): NetnsCommand[] {
  if (!IFNAME.test(net.bridge)) throw new InvalidArgumentError(`invalid bridge name "${net.bridge}"`);
  const cidr = `${net.gateway}/${prefixOf(net.subnet)}`;
  return [
    { netns: 'shared', argv: ['ip', 'link', 'add', 'name', net.bridge, 'address', addressMac(net.gateway), 'type', 'bridge'] },
    { netns: 'shared', argv: ['ip', 'addr', 'add', cidr, 'dev', net.bridge] },
    { netns: 'shared', argv: ['ip', 'link', 'set', net.bridge, 'up'] },
  ];
}

/** Creates a network's bridge with the gateway address; unless internal, masquerades its traffic out
 *  through the uplink and lets replies back in. */
export function planBridge(net: BridgeNetwork): NetnsCommand[] {
  return [
    ...planBridgeLink(net),
    // With br_netfilter loaded, traffic between two ports of one bridge passes FORWARD too (rejected otherwise).
    { netns: 'shared', argv: ['iptables', '-A', FORWARD_CHAIN, '-i', net.bridge, '-o', net.bridge, '-j', 'ACCEPT'] },
    ...(net.internal === true ? [] : uplinkRules(net, '-A').map((argv) => ({ netns: 'shared' as const, argv }))),
  ];
}

/** A bridge made before its MAC was fixed gets it now (`shown` is its `ip link show`); nothing when it has it. */
export function planBridgeMacFix(net: BridgeNetwork, shown: string): NetnsCommand[] {
  const mac = addressMac(net.gateway);
  return shown.includes(`link/ether ${mac} `) ? [] : [{ netns: 'shared', argv: ['ip', 'link', 'set', net.bridge, 'address', mac] }];
}

export function planRemoveBridge(net: BridgeNetwork): NetnsCommand[] {
  return [
    { netns: 'shared', argv: ['iptables', '-D', FORWARD_CHAIN, '-i', net.bridge, '-o', net.bridge, '-j', 'ACCEPT'], mayFail: true },
    ...(net.internal === true ? [] : uplinkRules(net, '-D').map((argv) => ({ netns: 'shared' as const, argv, mayFail: true }))),
    { netns: 'shared', argv: ['ip', 'link', 'del', net.bridge], mayFail: true },
  ];
}

/** Connects a container's netns to the bridge: veth pair, address, default route via the gateway. */
export function planAttach(net: BridgeNetwork, a: Attachment): NetnsCommand[] {
  if (!IFNAME.test(a.interfaceName)) throw new InvalidArgumentError(`invalid interface name "${a.interfaceName}"`);
  const host = hostVethName(a.containerId, a.network);
  const peer = ['peer', 'name', a.interfaceName, ...(a.mac !== undefined ? ['address', a.mac] : []), 'netns', a.containerNetnsPath];
  const plan: NetnsCommand[] = [
    { netns: 'shared', argv: ['ip', 'link', 'add', host, 'type', 'veth', ...peer] },
    { netns: 'shared', argv: ['ip', 'link', 'set', host, 'master', net.bridge] },
    { netns: 'shared', argv: ['ip', 'link', 'set', host, 'up'] },
    { netns: 'container', argv: ['ip', 'link', 'set', 'lo', 'up'] },
    { netns: 'container', argv: ['ip', 'addr', 'add', `${a.ip}/${prefixOf(net.subnet)}`, 'dev', a.interfaceName] },
    { netns: 'container', argv: ['ip', 'link', 'set', a.interfaceName, 'up'] },
  ];
  // Only the first network gives the default route, as Docker does; an internal network gives none.
  if (a.interfaceName === 'eth0' && net.internal !== true) plan.push({ netns: 'container', argv: ['ip', 'route', 'add', 'default', 'via', net.gateway] });
  return plan;
}

/** Deleting one end of a veth deletes both; gone already (the container's netns went first) is fine. */
export function planDetach(a: Pick<Attachment, 'containerId' | 'network'>): NetnsCommand[] {
  return [{ netns: 'shared', argv: ['ip', 'link', 'del', hostVethName(a.containerId, a.network)], mayFail: true }];
}

/** The argv that runs a planned command in its namespace (spawned joined to the pause user namespace). */
export function commandArgv(cmd: NetnsCommand, paths: { shared?: string; container?: string }): string[] {
  // Without a shared path the bridge side is the namespace tsmoby itself runs in (root's default network).
  if (cmd.netns === 'shared' && paths.shared === undefined) return [...cmd.argv];
  const path = cmd.netns === 'shared' ? paths.shared : paths.container;
  if (path === undefined) throw new InvalidArgumentError('a container command needs the container netns path');
  return ['nsenter', `--net=${path}`, '--', ...cmd.argv];
}
