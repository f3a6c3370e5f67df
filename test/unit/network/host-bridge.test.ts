import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, hostBridgeRules, hostJumpRules, iptablesArgv, planHostBridgeLink, planHostBridgeRemoval } from '../../../src/network/host-bridge.js';

const net = { bridge: DEFAULT_NETWORK.bridge, subnet: DEFAULT_NETWORK.subnet, gateway: DEFAULT_NETWORK.gateway };

describe('root default network on the host', () => {
  it('makes the bridge with a fixed MAC and the gateway address', () => {
    expect(planHostBridgeLink(net).map((c) => c.argv.join(' '))).toEqual([
      'ip link add name tsmoby0 address 02:42:0a:58:00:01 type bridge',
      'ip addr add 10.88.0.1/16 dev tsmoby0',
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
