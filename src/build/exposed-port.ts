// EXPOSE arguments ("80", "53/udp", "8000-8002/tcp") as image config ExposedPorts keys ("80/tcp").
import { InvalidArgumentError } from '../errors/index.js';

export function parseExposedPort(spec: string): string[] {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
  if (!m) throw new InvalidArgumentError(`invalid containerPort: ${spec}`);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535 || end < start) throw new InvalidArgumentError(`invalid port range: ${spec}`);
  const proto = (m[3] ?? 'tcp').toLowerCase();
  return Array.from({ length: end - start + 1 }, (_, i) => `${start + i}/${proto}`);
}
