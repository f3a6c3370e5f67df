// The /etc/hosts, /etc/resolv.conf and /etc/hostname texts a container gets for its network: its own
// names, the host as host.containers.internal, --add-host, and resolvers (slirp's forwarder first).
import { readFile } from 'node:fs/promises';
import { parseAddHost, renderHostname, renderHosts, type HostEntry } from '../../network/hosts.js';
import { buildResolvConf, renderResolvConf } from '../../network/resolv.js';
import type { ContainerRecord } from './container-record.js';

export function containerHostname(record: ContainerRecord): string {
  return record.config.hostname ?? record.config.id.slice(0, 12);
}

export interface EtcInput {
  /** The container's own address (first network's), absent without a network. */
  ip?: string;
  aliases?: string[];
  /** Where the host is reachable; absent when it is not (none, internal networks). */
  hostGatewayIp?: string;
  /** slirp's DNS forwarder is reachable (slirp4netns or a network with the uplink). */
  slirpDns: boolean;
  /** Appended verbatim: the peer sections of user networks. */
  peerSections?: string;
}

export async function etcFiles(record: ContainerRecord, input: EtcInput): Promise<{ hosts: string; resolvConf: string; hostname: string }> {
  const { config } = record;
  const hostname = containerHostname(record);
  const addHosts: HostEntry[] = config.extraHosts.map((h) => parseAddHost(`${h.host}:${h.ip}`, input.hostGatewayIp));
  const hosts = renderHosts({
    hostname, containerName: config.name, addHosts,
    ...(input.ip !== undefined ? { containerIp: input.ip } : {}),
    ...(input.aliases ? { aliases: input.aliases } : {}),
    ...(input.hostGatewayIp !== undefined ? { hostGatewayIp: input.hostGatewayIp } : {}),
  }) + (input.peerSections ?? '');
  const hostResolvConf = await readFile('/etc/resolv.conf', 'utf8').catch(() => '');
  const resolvConf = renderResolvConf(buildResolvConf({
    hostResolvConf, slirp: input.slirpDns, dns: config.dns, dnsSearch: config.dnsSearch, dnsOptions: config.dnsOptions,
  }));
  return { hosts, resolvConf, hostname: renderHostname(hostname) };
}
