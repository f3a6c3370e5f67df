import { describe, expect, it } from 'vitest';
import { addressMac, commandArgv, FORWARD_CHAIN, hostVethName, nextBridgeName, planAttach, planBridge, planBridgeMacFix, planDetach, planSharedNamespace } from '../../../src/network/rootless-netns.js';

const net = { bridge: 'tsmoby0', subnet: '10.89.0.0/24', gateway: '10.89.0.1' };
const attachment = { containerId: 'abc', network: 'web', ip: '10.89.0.2', containerNetnsPath: '/run/netns/c1', interfaceName: 'eth0' };

describe('rootless network plans', () => {
  it('creates a bridge holding the gateway address, with NAT for its subnet', () => {
    expect(planBridge(net).map((c) => c.argv.join(' '))).toEqual([
      'ip link add name tsmoby0 address 02:42:0a:59:00:01 type bridge',
      'ip addr add 10.89.0.1/24 dev tsmoby0',
      'ip link set tsmoby0 up',
      'iptables -A TSMOBY-FORWARD -i tsmoby0 -o tsmoby0 -j ACCEPT',
      'iptables -t nat -A POSTROUTING -s 10.89.0.0/24 ! -d 10.89.0.0/24 -j MASQUERADE',
      'iptables -A TSMOBY-FORWARD -i tsmoby0 -o tap0 -j ACCEPT',
      'iptables -A TSMOBY-FORWARD -i tap0 -o tsmoby0 -j ACCEPT',
    ]);
  });

  it('fixes the bridge MAC so that it does not follow its ports, and sets it on a bridge made without it', () => {
    expect(addressMac('10.88.0.1')).toBe('02:42:0a:58:00:01');
    const shown = (mac: string) => `7: tsmoby0: <UP> mtu 1500 state UP\\    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`;
    expect(planBridgeMacFix(net, shown('02:42:0a:59:00:01'))).toEqual([]);
    expect(planBridgeMacFix(net, shown('1e:24:8a:68:79:7a')).map((c) => c.argv.join(' '))).toEqual(['ip link set tsmoby0 address 02:42:0a:59:00:01']);
  });

  it('gives an internal network a bridge without any way out', () => {
    expect(planBridge({ ...net, internal: true }).map((c) => c.argv[0])).toEqual(['ip', 'ip', 'ip', 'iptables']);
  });

  it('attaches a container with a veth pair, its address and a default route via the gateway', () => {
    const veth = hostVethName('abc', 'web');
    expect(planAttach(net, attachment).map((c) => `${c.netns}: ${c.argv.join(' ')}`)).toEqual([
      `shared: ip link add ${veth} type veth peer name eth0 netns /run/netns/c1`,
      `shared: ip link set ${veth} master tsmoby0`,
      `shared: ip link set ${veth} up`,
      'container: ip link set lo up',
      'container: ip addr add 10.89.0.2/24 dev eth0',
      'container: ip link set eth0 up',
      'container: ip route add default via 10.89.0.1',
    ]);
  });

  it('gives a second interface no default route, and detaching tolerates a veth already gone', () => {
    const plan = planAttach(net, { ...attachment, interfaceName: 'eth1' });
    expect(plan.some((c) => c.argv.includes('route'))).toBe(false);
    expect(planDetach(attachment)).toEqual([{ netns: 'shared', argv: ['ip', 'link', 'del', hostVethName('abc', 'web')], mayFail: true }]);
  });

  it('names veths within 15 characters, distinct per network, and bridges by the first free number', () => {
    expect(hostVethName('abc', 'web')).toMatch(/^veth[0-9a-f]{10}$/);
    expect(hostVethName('abc', 'web')).not.toBe(hostVethName('abc', 'db'));
    expect(nextBridgeName(['tsmoby0', 'tsmoby2'])).toBe('tsmoby1');
    expect(() => planAttach(net, { ...attachment, interfaceName: 'a-very-long-interface' })).toThrow('invalid interface name');
  });

  it('runs each command through nsenter in its namespace', () => {
    const [first] = planBridge(net);
    expect(commandArgv(first!, { shared: '/run/user/ns' })).toEqual(['nsenter', '--net=/run/user/ns', '--', 'ip', 'link', 'add', 'name', 'tsmoby0', 'address', '02:42:0a:59:00:01', 'type', 'bridge']);
    expect(() => commandArgv({ netns: 'container', argv: ['ip'] }, { shared: '/x' })).toThrow('needs the container netns path');
  });

  it('rejects forwarding between bridges after every bridge rule, TCP with a reset so a connect fails at once', () => {
    const lines = planSharedNamespace().map((c) => c.argv.join(' '));
    const jump = lines.indexOf(`iptables -A FORWARD -j ${FORWARD_CHAIN}`);
    const reset = lines.indexOf('iptables -A FORWARD -p tcp -j REJECT --reject-with tcp-reset');
    const unreachable = lines.indexOf('iptables -A FORWARD -j REJECT --reject-with icmp-port-unreachable');
    expect(lines.indexOf(`iptables -N ${FORWARD_CHAIN}`)).toBeLessThan(jump);
    expect(jump).toBeGreaterThanOrEqual(0);
    expect(jump).toBeLessThan(reset);
    expect(reset).toBeLessThan(unreachable);
    expect(planBridge(net).filter((c) => c.argv[0] === 'iptables' && c.argv[1] === '-A').map((c) => c.argv[2])).toEqual([FORWARD_CHAIN, FORWARD_CHAIN, FORWARD_CHAIN]);
  });
});
