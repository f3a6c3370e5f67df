// Peers in a container's /etc/hosts: one section per user network, replaced in place (the file is
// bind-mounted into the container, so a rename would not be seen) whenever the network's members change.
import { readFile, writeFile } from 'node:fs/promises';
import type { HostEntry } from '../../network/hosts.js';
import type { NetworkMember, NetworkRecord } from './network-store.js';

const MARK = '# tsmoby network ';

export function memberEntry(m: NetworkMember): HostEntry {
  return { ip: m.ip, names: [...new Set([m.name, m.hostname, ...m.aliases])] };
}

export function peersSection(network: string, peers: HostEntry[]): string {
  return `${MARK}${network}\n${peers.map((p) => `${p.ip}\t${p.names.join(' ')}\n`).join('')}`;
}

/** Replaces (or adds, or with `undefined` drops) one network's section of a hosts file text. */
export function replaceSection(text: string, network: string, section: string | undefined): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith(MARK)) skipping = line === `${MARK}${network}`;
    if (!skipping) out.push(line);
  }
  const head = out.length > 0 ? `${out.join('\n')}\n` : '';
  return section === undefined ? head : head + section;
}

/** Rewrites the network's section in every member's hosts file (each sees the others, not itself). */
export async function syncMembersHosts(net: NetworkRecord, removed: NetworkMember[] = []): Promise<void> {
  const members = Object.entries(net.containers);
  await Promise.all(members.map(async ([id, member]) => {
    const peers = members.filter(([other]) => other !== id).map(([, m]) => memberEntry(m));
    const text = await readFile(member.hostsPath, 'utf8').catch(() => undefined);
    if (text !== undefined) await writeFile(member.hostsPath, replaceSection(text, net.name, peersSection(net.name, peers)));
  }));
  await Promise.all(removed.map(async (member) => {
    const text = await readFile(member.hostsPath, 'utf8').catch(() => undefined);
    if (text !== undefined) await writeFile(member.hostsPath, replaceSection(text, net.name, undefined));
  }));
}
