// -p/-P for one container: which host port each container port gets (chosen before anything starts), and
// the helpers that carry them: TCP through tsmoby-portfwd, UDP through slirp4netns's host forwards on the
// default rootless network and through tsmoby-portfwd on a bridge.
import { isIP } from 'node:net';
import { InvalidArgumentError } from '../../errors/index.js';
import { pickHostPort } from '../../network/free-port.js';
import { publishAllExposed, parseExpose, type PortMapping } from '../../network/port-mapping.js';
import type { ContainerRecord, PublishedPort } from '../containers/container-record.js';

/** The mappings a container asked for: -p as given, plus every exposed port (image and --expose) with -P. */
export function requestedMappings(record: ContainerRecord): PortMapping[] {
  const { config, imageConfig } = record;
  const mappings = [...config.portMappings];
  if (config.publishAll) {
    const exposed = [...Object.keys(imageConfig.ExposedPorts ?? {}).map(parseExpose), ...config.expose];
    const taken = new Set(mappings.map((m) => `${m.containerPort}/${m.protocol}`));
    mappings.push(...publishAllExposed(exposed).filter((m) => !taken.has(`${m.containerPort}/${m.protocol}`)));
  }
  return mappings;
}

/** One PublishedPort per port, host ports chosen where the user left them open. */
export async function resolvePorts(mappings: PortMapping[]): Promise<PublishedPort[]> {
  const ports: PublishedPort[] = [];
  for (const m of mappings) {
    if (m.protocol === 'sctp') throw new InvalidArgumentError('publishing sctp ports is not supported');
    for (let i = 0; i < m.range; i++) {
      let hostPort = m.hostPort === 0 ? 0 : m.hostPort + i;
      if (hostPort === 0 || m.hostRange > 1) hostPort = await pickHostPort(m.protocol, m.hostIp, hostPort, m.hostRange);
      ports.push({ hostIp: m.hostIp, hostPort, containerPort: m.containerPort + i, protocol: m.protocol });
    }
  }
  return ports;
}

/** Docker's rendering, one per port: 0.0.0.0:8080->80/tcp. */
export function formatPublishedPort(p: PublishedPort): string {
  const ip = p.hostIp === '' ? '0.0.0.0' : isIP(p.hostIp) === 6 ? `[${p.hostIp}]` : p.hostIp;
  return `${ip}:${p.hostPort}->${p.containerPort}/${p.protocol}`;
}
