import { describe, expect, it } from 'vitest';
import { buildResolvConf, parseResolvConf, renderResolvConf } from '../../../src/network/resolv.js';

const resolvedHost = 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch lan\n';
const plainHost = '# generated\ndomain corp\nnameserver 192.168.1.1\nnameserver ::1\nnameserver 1.1.1.1 ; comment\n';

describe('buildResolvConf', () => {
  it('uses slirp DNS when the host only has a loopback resolver', () => {
    const conf = buildResolvConf({ hostResolvConf: resolvedHost, slirp: true });
    expect(renderResolvConf(conf)).toBe('search lan\nnameserver 10.0.2.3\noptions edns0 trust-ad\n');
  });

  it('puts slirp DNS first and keeps the host servers that are not loopback', () => {
    const conf = buildResolvConf({ hostResolvConf: plainHost, slirp: true });
    expect(conf.nameservers).toEqual(['10.0.2.3', '192.168.1.1', '1.1.1.1']);
    expect(conf.search).toEqual(['corp']);
  });

  it('without slirp drops loopback servers and falls back to public ones when none remain', () => {
    expect(buildResolvConf({ hostResolvConf: plainHost }).nameservers).toEqual(['192.168.1.1', '1.1.1.1']);
    expect(buildResolvConf({ hostResolvConf: resolvedHost }).nameservers).toEqual(['8.8.8.8', '8.8.4.4']);
    expect(buildResolvConf({ hostResolvConf: '' }).nameservers).toEqual(['8.8.8.8', '8.8.4.4']);
  });

  it('lets --dns, --dns-search and --dns-option replace their parts', () => {
    const conf = buildResolvConf({
      hostResolvConf: resolvedHost, slirp: true, dns: ['9.9.9.9'], dnsSearch: ['example.com'], dnsOptions: ['ndots:2'],
    });
    expect(renderResolvConf(conf)).toBe('search example.com\nnameserver 9.9.9.9\noptions ndots:2\n');
  });

  it('--dns-search . clears the search list and a bad --dns is refused', () => {
    expect(buildResolvConf({ hostResolvConf: resolvedHost, dnsSearch: ['.'] }).search).toEqual([]);
    expect(() => buildResolvConf({ hostResolvConf: '', dns: ['dns.example'] })).toThrow('invalid --dns "dns.example"');
  });
});

describe('parseResolvConf', () => {
  it('takes the last search or domain line', () => {
    expect(parseResolvConf('search a b\ndomain c\n').search).toEqual(['c']);
  });
});
