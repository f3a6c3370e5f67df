import { describe, expect, it } from 'vitest';
import { allocateIp, allocateSubnet, parseSubnet } from '../../../src/network/ipam.js';

describe('allocateSubnet', () => {
  it('hands out 10.89.N.0/24 in order, skipping taken and overlapping ones', () => {
    expect(allocateSubnet([])).toEqual({ subnet: '10.89.0.0/24', gateway: '10.89.0.1' });
    expect(allocateSubnet(['10.89.0.0/24', '10.89.2.0/24'])).toEqual({ subnet: '10.89.1.0/24', gateway: '10.89.1.1' });
    expect(allocateSubnet(['10.89.0.0/23']).subnet).toBe('10.89.2.0/24');
  });

  it('takes a requested subnet and gateway, refusing overlaps and bad values', () => {
    expect(allocateSubnet([], '192.168.50.0/24', '192.168.50.254')).toEqual({ subnet: '192.168.50.0/24', gateway: '192.168.50.254' });
    expect(() => allocateSubnet(['10.89.0.0/16'], '10.89.3.0/24')).toThrow('subnet 10.89.3.0/24 overlaps with network subnet 10.89.0.0/16');
    expect(() => allocateSubnet([], '10.1.2.3/24')).toThrow('host bits set, did you mean 10.1.2.0/24?');
    expect(() => allocateSubnet([], '10.1.2.0/24', '10.1.3.1')).toThrow('invalid gateway "10.1.3.1"');
    expect(() => parseSubnet('fd00::/64')).toThrow('invalid subnet "fd00::/64"');
  });
});

describe('allocateIp', () => {
  const net = { subnet: '10.89.0.0/24', gateway: '10.89.0.1' };

  it('gives the lowest free host address after the gateway', () => {
    expect(allocateIp(net, [])).toBe('10.89.0.2');
    expect(allocateIp(net, ['10.89.0.2', '10.89.0.4'])).toBe('10.89.0.3');
  });

  it('checks a static --ip: inside the subnet, not the gateway, network or broadcast, not in use', () => {
    expect(allocateIp(net, [], '10.89.0.77')).toBe('10.89.0.77');
    expect(() => allocateIp(net, ['10.89.0.77'], '10.89.0.77')).toThrow('IP address 10.89.0.77 is already in use');
    expect(() => allocateIp(net, [], '10.89.0.1')).toThrow('already in use');
    expect(() => allocateIp(net, [], '10.89.1.5')).toThrow('invalid --ip "10.89.1.5"');
    expect(() => allocateIp(net, [], '10.89.0.255')).toThrow('invalid --ip');
  });

  it('reports a full subnet', () => {
    const small = { subnet: '10.0.0.0/30', gateway: '10.0.0.1' };
    expect(allocateIp(small, [])).toBe('10.0.0.2');
    expect(() => allocateIp(small, ['10.0.0.2'])).toThrow('no free IP address left in subnet 10.0.0.0/30');
  });
});
