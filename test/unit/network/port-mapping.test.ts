import { describe, expect, it } from 'vitest';
import {
  formatPortMapping, parseExpose, parsePublish, publishAllExposed,
} from '../../../src/network/port-mapping.js';

const one = (spec: string) => {
  const all = parsePublish(spec);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('parsePublish', () => {
  it('container port alone gets a free host port on every address', () => {
    expect(one('80')).toEqual({ hostIp: '', hostPort: 0, containerPort: 80, protocol: 'tcp', range: 1, hostRange: 1 });
  });

  it('host:container and ip:host:container', () => {
    expect(one('8080:80')).toMatchObject({ hostIp: '', hostPort: 8080, containerPort: 80 });
    expect(one('127.0.0.1:8080:80/udp')).toMatchObject({ hostIp: '127.0.0.1', hostPort: 8080, protocol: 'udp' });
    expect(one('127.0.0.1::80')).toMatchObject({ hostIp: '127.0.0.1', hostPort: 0, containerPort: 80 });
  });

  it('bracketed IPv6 addresses', () => {
    expect(one('[::1]:8080:80')).toMatchObject({ hostIp: '::1', hostPort: 8080, containerPort: 80 });
    expect(one('[::1]::80/udp')).toMatchObject({ hostIp: '::1', hostPort: 0, protocol: 'udp' });
    expect(() => parsePublish('::1:80:80')).toThrow(/brackets/);
  });

  it('ranges map one to one, or a host range offers one port for one container port', () => {
    expect(one('8000-8010:80-90')).toMatchObject({ hostPort: 8000, containerPort: 80, range: 11, hostRange: 1 });
    expect(one('8000-8010:80')).toMatchObject({ hostPort: 8000, containerPort: 80, range: 1, hostRange: 11 });
    expect(() => parsePublish('8000-8001:80-90')).toThrow(/same length/);
  });

  it('one mapping per protocol', () => {
    expect(parsePublish('53:53/tcp,udp').map((m) => m.protocol)).toEqual(['tcp', 'udp']);
  });

  it('refuses bad ports, protocols and addresses', () => {
    expect(() => parsePublish('0:80')).toThrow(/invalid host port "0"/);
    expect(() => parsePublish('8080:70000')).toThrow(/invalid container port "70000"/);
    expect(() => parsePublish('80/icmp')).toThrow(/invalid protocol "icmp"/);
    expect(() => parsePublish('300.1.1.1:80:80')).toThrow(/invalid IP address "300.1.1.1"/);
    expect(() => parsePublish('8080:')).toThrow(/no container port/);
    expect(() => parsePublish('90-80:80')).toThrow(/invalid host port "90-80"/);
  });
});

describe('expose and -P', () => {
  it('parses --expose with ranges and protocols', () => {
    expect(parseExpose('80')).toEqual({ port: 80, protocol: 'tcp', range: 1 });
    expect(parseExpose('5000-5002/udp')).toEqual({ port: 5000, protocol: 'udp', range: 3 });
    expect(() => parseExpose('80/tcp/x')).toThrow('invalid port format "80/tcp/x"');
  });

  it('-P publishes every exposed port on a free host port', () => {
    expect(publishAllExposed([parseExpose('80')])).toEqual([parsePublish('80')[0]]);
  });

  it('formats as docker port prints', () => {
    expect(formatPortMapping(one('8080:80'))).toBe('0.0.0.0:8080->80/tcp');
    expect(formatPortMapping(one('[::1]:8080:80/udp'))).toBe('[::1]:8080->80/udp');
    expect(formatPortMapping(one('8000-8001:80-81'))).toBe('0.0.0.0:8000-8001->80-81/tcp');
  });
});
