// Pure generation of a container's /etc/resolv.conf from the host's (text injected) and --dns,
// --dns-search, --dns-option. Loopback nameservers are useless inside a network namespace.
import { isIP } from 'node:net';
import { InvalidArgumentError } from '../errors/index.js';
import { SLIRP_DNS_IP } from './hosts.js';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

export interface ResolvInput {
  /** The host's /etc/resolv.conf text ('' when missing). */
  hostResolvConf: string;
  /** True when slirp4netns is the container's network: its DNS forwarder 10.0.2.3 comes first. */
  slirp?: boolean;
  dns?: string[];
  dnsSearch?: string[];
  dnsOptions?: string[];
}

/** Docker's fallback when no usable nameserver remains. */
export const DEFAULT_NAMESERVERS = ['8.8.8.8', '8.8.4.4'];

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], options: [] };
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    const [key, ...values] = fields;
    if (key === 'nameserver' && values[0] !== undefined) conf.nameservers.push(values[0]);
    // The last search/domain line wins, as in resolv.conf(5).
    else if (key === 'search' || key === 'domain') conf.search = values;
    else if (key === 'options') conf.options.push(...values);
  }
  return conf;
}

export function isLoopbackAddress(ip: string): boolean {
  const bare = ip.replace(/%.*$/, '');
  return bare.startsWith('127.') || bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

function checkNameserver(ip: string): string {
  if (isIP(ip.replace(/%.*$/, '')) === 0) throw new InvalidArgumentError(`invalid --dns "${ip}": not an IP address`);
  return ip;
}

/** What the container's resolver uses. Each --dns* flag replaces its part of the host's file. */
export function buildResolvConf(input: ResolvInput): ResolvConf {
  const host = parseResolvConf(input.hostResolvConf);
  let nameservers: string[];
  if (input.dns !== undefined && input.dns.length > 0) {
    nameservers = input.dns.map(checkNameserver);
  } else {
    const usable = host.nameservers.filter((ns) => !isLoopbackAddress(ns));
    // slirp's forwarder relays to the host's resolver (even a loopback one such as systemd-resolved),
    // so it leads; the host's other servers follow as fallbacks.
    nameservers = input.slirp === true ? [SLIRP_DNS_IP, ...usable] : usable;
    if (nameservers.length === 0) nameservers = DEFAULT_NAMESERVERS;
  }
  let search = host.search;
  if (input.dnsSearch !== undefined && input.dnsSearch.length > 0) {
    search = input.dnsSearch.includes('.') ? [] : input.dnsSearch;
  }
  const options = input.dnsOptions !== undefined && input.dnsOptions.length > 0 ? input.dnsOptions : host.options;
  return { nameservers: [...new Set(nameservers)], search, options };
}

export function renderResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.search.length > 0) lines.push(`search ${conf.search.join(' ')}`);
  for (const ns of conf.nameservers) lines.push(`nameserver ${ns}`);
  if (conf.options.length > 0) lines.push(`options ${conf.options.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
