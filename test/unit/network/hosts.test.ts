import { describe, expect, it } from 'vitest';
import { hostAddressForContainers, parseAddHost, renderHostname, renderHosts, SLIRP_CONTAINER_IP, SLIRP_HOST_IP } from '../../../src/network/hosts.js';

describe('renderHosts', () => {
  it('writes localhost, the container names, the host gateway names for a slirp container', () => {
    const text = renderHosts({
      hostname: 'abc123', containerName: 'web', containerIp: SLIRP_CONTAINER_IP, hostGatewayIp: SLIRP_HOST_IP,
    });
    expect(text).toBe([
      '127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4',
      '::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6',
      '10.0.2.100\tabc123 web',
      '10.0.2.2\thost.containers.internal host.docker.internal',
      '',
    ].join('\n'));
  });

  it('puts --add-host entries before the container and adds peers with their aliases', () => {
    const text = renderHosts({
      hostname: 'db', containerName: 'db', containerIp: '10.89.0.2', aliases: ['database'],
      addHosts: [parseAddHost('registry:192.168.1.5')],
      peers: [{ ip: '10.89.0.3', names: ['web', 'web', 'frontend'] }],
    });
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(2)).toEqual(['192.168.1.5\tregistry', '10.89.0.2\tdb database', '10.89.0.3\tweb frontend']);
  });

  it('maps the hostname to 127.0.1.1 when the container has no address (--network none)', () => {
    expect(renderHosts({ hostname: 'h' }).trimEnd().split('\n').at(-1)).toBe('127.0.1.1\th');
  });

  it('starts from a base hosts file when one is given, without comments', () => {
    const text = renderHosts({ hostname: 'h', containerIp: '10.0.2.100', baseHosts: '# c\n127.0.0.1 localhost\n' });
    expect(text).toBe('127.0.0.1 localhost\n10.0.2.100\th\n');
  });
});

describe('parseAddHost', () => {
  it('accepts name:ip, name=ip, bracketed IPv6 and host-gateway', () => {
    expect(parseAddHost('a:1.2.3.4')).toEqual({ ip: '1.2.3.4', names: ['a'] });
    expect(parseAddHost('a=1.2.3.4')).toEqual({ ip: '1.2.3.4', names: ['a'] });
    expect(parseAddHost('v6:[::1]')).toEqual({ ip: '::1', names: ['v6'] });
    expect(parseAddHost('gw:host-gateway', '10.0.2.2')).toEqual({ ip: '10.0.2.2', names: ['gw'] });
  });

  it('refuses what is not name:ip, in the user words', () => {
    expect(() => parseAddHost('noip')).toThrow('invalid add-host "noip"');
    expect(() => parseAddHost('a:notanip')).toThrow('"notanip" is not an IP address');
    expect(() => parseAddHost('bad_name:1.2.3.4')).toThrow('not a valid host name');
    expect(() => parseAddHost('gw:host-gateway')).toThrow('not reachable');
  });
});

describe('renderHostname', () => {
  it('writes the name with a newline and refuses invalid names', () => {
    expect(renderHostname('web-1')).toBe('web-1\n');
    expect(() => renderHostname('-x')).toThrow('invalid hostname "-x"');
  });
});

describe('hostAddressForContainers', () => {
  const lo = [{ address: '127.0.0.1', family: 'IPv4', internal: true }];
  it('is the first non-loopback IPv4 address, skipping link-local and IPv6', () => {
    expect(hostAddressForContainers({
      lo, eth0: [{ address: 'fd00::2', family: 'IPv6', internal: false }, { address: '169.254.1.1', family: 'IPv4', internal: false }],
      eth1: [{ address: '192.0.2.7', family: 'IPv4', internal: false }],
    })).toBe('192.0.2.7');
  });

  it("is slirp's gateway when host loopback is allowed or the host has no other address", () => {
    expect(hostAddressForContainers({ eth0: [{ address: '192.0.2.7', family: 4, internal: false }] }, true)).toBe(SLIRP_HOST_IP);
    expect(hostAddressForContainers({ lo })).toBe(SLIRP_HOST_IP);
  });
});
