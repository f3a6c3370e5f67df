// The /etc/hosts, /etc/resolv.conf and /etc/hostname a container gets, and its network helper. Until a
// network is attached only loopback exists, so hosts maps the hostname to 127.0.0.1.
import { readFile } from 'node:fs/promises';
import type { NetworkAttacher } from './container-deps.js';
import type { ContainerRecord } from './container-record.js';

export function containerHostname(record: ContainerRecord): string {
  return record.config.hostname ?? record.config.id.slice(0, 12);
}

function hostsText(record: ContainerRecord, ip: string): string {
  const hostname = containerHostname(record);
  const names = hostname === record.config.name ? hostname : `${hostname} ${record.config.name}`;
  const extra = record.config.extraHosts.map((h) => `${h.ip}\t${h.host}\n`).join('');
  return `127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n${extra}${ip}\t${names}\n`;
}

async function resolvText(record: ContainerRecord): Promise<string> {
  const { dns, dnsSearch, dnsOptions } = record.config;
  const host = await readFile('/etc/resolv.conf', 'utf8').catch(() => '');
  const servers = dns.length > 0
    ? dns
    : [...host.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!).filter((ip) => !ip.startsWith('127.') && ip !== '::1');
  const lines = [
    ...(dnsSearch.length > 0 ? [`search ${dnsSearch.join(' ')}`] : []),
    ...(servers.length > 0 ? servers : ['8.8.8.8', '8.8.4.4']).map((s) => `nameserver ${s}`),
    ...(dnsOptions.length > 0 ? [`options ${dnsOptions.join(' ')}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** No network helper: containers get loopback only (`--network none` semantics for every mode). */
export const loopbackNetwork: NetworkAttacher = {
  async attach() {
    return undefined;
  },
  async detach() {},
  async etcFiles(record) {
    return { hosts: hostsText(record, '127.0.0.1'), resolvConf: await resolvText(record), hostname: `${containerHostname(record)}\n` };
  },
};
