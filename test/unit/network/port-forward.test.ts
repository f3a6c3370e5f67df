import { describe, expect, it } from 'vitest';
import { portForwarderArgs } from '../../../src/network/port-forward.js';

describe('portForwarderArgs', () => {
  it('names each published port as proto:hostip:hostport:target:port, IPv6 in brackets', () => {
    expect(portForwarderArgs('/run/ns', [
      { hostIp: '', hostPort: 8080, containerPort: 80 },
      { hostIp: '::1', hostPort: 8443, containerPort: 443, targetIp: '10.89.0.2' },
      { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
    ])).toEqual(['--netns', '/run/ns', '--ready-fd', '3', '--exit-fd', '4',
      'tcp:0.0.0.0:8080:127.0.0.1:80', 'tcp:[::1]:8443:10.89.0.2:443', 'udp:127.0.0.1:5353:127.0.0.1:53']);
  });

  it('refuses an empty list and out-of-range ports', () => {
    expect(() => portForwarderArgs('/n', [])).toThrow('no ports to forward');
    expect(() => portForwarderArgs('/n', [{ hostIp: '', hostPort: 0, containerPort: 80 }])).toThrow('invalid port mapping 0:80');
  });
});
