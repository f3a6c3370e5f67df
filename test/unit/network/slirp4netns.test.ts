import { describe, expect, it } from 'vitest';
import { slirpArgs } from '../../../src/network/slirp4netns.js';

describe('slirpArgs', () => {
  it('defaults to a sandboxed, seccomp-filtered slirp with MTU 65520 and no host loopback', () => {
    expect(slirpArgs({ netnsPath: '/run/ns', apiSocket: '/run/api.sock' })).toEqual([
      '--configure', '--mtu=65520', '--ready-fd=3', '--exit-fd=4', '--disable-host-loopback', '--enable-sandbox',
      '--enable-seccomp', '--api-socket=/run/api.sock', '--netns-type=path', '/run/ns', 'tap0',
    ]);
  });

  it('lets the host loopback, IPv6, a CIDR and no sandbox be chosen, and refuses a bad MTU', () => {
    const args = slirpArgs({ netnsPath: '/n', allowHostLoopback: true, enableIpv6: true, cidr: '10.5.0.0/24', sandbox: false, seccomp: false });
    expect(args).not.toContain('--disable-host-loopback');
    expect(args).not.toContain('--enable-sandbox');
    expect(args).toEqual(expect.arrayContaining(['--enable-ipv6', '--cidr=10.5.0.0/24']));
    expect(() => slirpArgs({ netnsPath: '/n', mtu: 70000 })).toThrow('invalid MTU 70000');
  });
});
