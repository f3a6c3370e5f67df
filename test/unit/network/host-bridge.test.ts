import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, hostBridgeRules, hostJumpRules, iptablesArgv, missingHostSetup, overlappingRoute, planHostBridgeRemoval } from '../../../src/network/host-bridge.js';
import { planBridgeLink } from '../../../src/network/rootless-netns.js';

const net = { bridge: DEFAULT_NETWORK.bridge, subnet: DEFAULT_NETWORK.subnet, gateway: DEFAULT_NETWORK.gateway };

describe('root default network on the host', () => {
  it('makes the bridge with a fixed MAC and the gateway address', () => {
    expect(planBridgeLink(net).map((c) => c.argv.join(' '))).toEqual([
      'ip link add name tsmoby0 address 02:42:0a:5a:00:01 type bridge',
      'ip addr add 10.90.0.1/16 dev tsmoby0',
      'ip link set tsmoby0 up',
    ]);
  });

  it('keeps its rules in its own chains, reached by jumps marked with a comment', () => {
    expect(hostBridgeRules(net).map((r) => r.chain)).toEqual(['TSMOBY-POSTROUTING', 'TSMOBY-FORWARD', 'TSMOBY-FORWARD']);
    expect(hostJumpRules().map((r) => iptablesArgv(r, '-I').join(' '))).toEqual([
      'iptables -w -t filter -I FORWARD -m comment --comment tsmoby default network -j TSMOBY-FORWARD',
      'iptables -w -t nat -I POSTROUTING -m comment --comment tsmoby default network -j TSMOBY-POSTROUTING',
    ]);
  });

  it('removes only its marked jumps, its own chains and its bridge, each allowed to be gone already', () => {
    const plan = planHostBridgeRemoval(net);
    expect(plan.every((c) => c.mayFail === true)).toBe(true);
    const lines = plan.map((c) => c.argv.join(' '));
    expect(lines).toEqual([
      'iptables -w -t filter -D FORWARD -m comment --comment tsmoby default network -j TSMOBY-FORWARD',
      'iptables -w -t nat -D POSTROUTING -m comment --comment tsmoby default network -j TSMOBY-POSTROUTING',
      'iptables -w -t filter -F TSMOBY-FORWARD',
      'iptables -w -t filter -X TSMOBY-FORWARD',
      'iptables -w -t nat -F TSMOBY-POSTROUTING',
      'iptables -w -t nat -X TSMOBY-POSTROUTING',
      'ip link del tsmoby0',
    ]);
  });
});

describe('missingHostSetup', () => {
  const net = { bridge: 'tsmoby0', subnet: '10.90.0.0/16', gateway: '10.90.0.1', internal: false };
  // As `iptables -S` prints them (nft backend, Debian 12), among another tool's rules.
  const filter = [
    '-P INPUT ACCEPT', '-P FORWARD DROP', '-P OUTPUT ACCEPT', '-N TSMOBY-FORWARD', '-N OTHER',
    '-A FORWARD -m comment --comment "tsmoby default network" -j TSMOBY-FORWARD',
    '-A FORWARD -j OTHER',
    '-A TSMOBY-FORWARD -i tsmoby0 -j ACCEPT',
    '-A TSMOBY-FORWARD -o tsmoby0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ].join('\n');
  const nat = [
    '-P PREROUTING ACCEPT', '-P POSTROUTING ACCEPT', '-N TSMOBY-POSTROUTING',
    '-A POSTROUTING -m comment --comment "tsmoby default network" -j TSMOBY-POSTROUTING',
    '-A TSMOBY-POSTROUTING -s 10.90.0.0/16 ! -d 10.90.0.0/16 -j MASQUERADE',
  ].join('\n');

  it('finds nothing missing on a host set up before', () => {
    expect(missingHostSetup(net, { filter, nat })).toEqual({ chains: [], rules: [], jumps: [] });
  });

  it('names every chain, rule and jump a bare host lacks', () => {
    const missing = missingHostSetup(net, { filter: '-P FORWARD ACCEPT', nat: '' });
    expect(missing.chains.map((c) => c.chain)).toEqual(['TSMOBY-FORWARD', 'TSMOBY-POSTROUTING']);
    expect(missing.rules).toEqual(hostBridgeRules(net));
    expect(missing.jumps).toEqual(hostJumpRules());
  });

  it('notices one rule gone, or a rule for another subnet', () => {
    const without = filter.split('\n').filter((l) => !l.includes('-i tsmoby0')).join('\n');
    expect(missingHostSetup(net, { filter: without, nat }).rules.map((r) => r.spec.join(' '))).toEqual(['-i tsmoby0 -j ACCEPT']);
    const other = { ...net, subnet: '10.89.0.0/16' };
    expect(missingHostSetup(other, { filter, nat }).rules.map((r) => r.table)).toEqual(['nat']);
  });
});

describe('overlappingRoute', () => {
  const net = { bridge: 'tsmoby0', subnet: '10.90.0.0/16', gateway: '10.90.0.1', internal: false };
  it('finds another bridge on the subnet, and ignores its own and unrelated routes', () => {
    const routes = [
      'default via 192.0.2.1 dev eth0',
      '10.90.0.0/16 dev tsmoby0 proto kernel scope link src 10.90.0.1',
      '192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2',
    ].join('\n');
    expect(overlappingRoute(net, routes)).toBeUndefined();
    const podman = '10.90.3.0/24 dev cni-podman0 proto kernel scope link src 10.90.3.1 linkdown';
    expect(overlappingRoute(net, `${routes}\n${podman}`)).toBe(podman);
    expect(overlappingRoute(net, '10.0.0.0/8 dev wg0 scope link')).toBe('10.0.0.0/8 dev wg0 scope link');
    expect(overlappingRoute(net, '10.90.7.7 dev tun0 scope link')).toBe('10.90.7.7 dev tun0 scope link');
  });
});
