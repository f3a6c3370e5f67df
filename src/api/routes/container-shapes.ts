// Docker's documents for containers: the /containers/json summary (Names with "/", State and the human
// Status "Up 5 seconds" / "Exited (0) 3 minutes ago", Created in unix seconds) and the inspect adjustments.
import type { ContainerInspect, ContainerSummary } from '../../engine/engine.js';
import { unixSeconds } from '../codec/docker-time.js';
import { familiarName } from '../codec/docker-names.js';

/** Go's units.HumanDuration, which Docker's Status strings use. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

export function dockerState(status: ContainerSummary['status']): string {
  return status === 'stopped' ? 'exited' : status;
}

export function statusText(c: ContainerSummary, now = Date.now()): string {
  const state = dockerState(c.status);
  if (state === 'running') return `Up ${humanDuration(now - Date.parse(c.startedAt ?? c.created))}`;
  if (state === 'exited') {
    return c.finishedAt ? `Exited (${c.exitCode}) ${humanDuration(now - Date.parse(c.finishedAt))} ago` : `Exited (${c.exitCode})`;
  }
  if (state === 'removing') return 'Removal In Progress';
  return 'Created';
}

interface PortDocument { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }

/** "0.0.0.0:8080-8081->80-81/tcp" -> one entry per port. */
export function portDocuments(formatted: readonly string[]): PortDocument[] {
  const out: PortDocument[] = [];
  for (const f of formatted) {
    const m = /^(.*):(\d+)(?:-\d+)?->(\d+)(?:-(\d+))?\/(\w+)$/.exec(f);
    if (!m) continue;
    const ip = m[1]!.replace(/^\[|\]$/g, '');
    const count = m[4] ? Number(m[4]) - Number(m[3]) + 1 : 1;
    for (let i = 0; i < count; i++) {
      const host = Number(m[2]);
      out.push({ IP: ip, PrivatePort: Number(m[3]) + i, ...(host > 0 ? { PublicPort: host + i } : {}), Type: m[5]! });
    }
  }
  return out;
}

function shellJoin(argv: readonly string[]): string {
  return argv.map((a) => (a === '' || /[\s"'\\$`]/.test(a) ? `"${a.replace(/(["\\$`])/g, '\\$1')}"` : a)).join(' ');
}

/** `networks` defaults to the summary's own (NetworkID still the name); the list route passes them with ids. */
export function containerSummaryDocument(c: ContainerSummary, networks: ContainerSummary['networks'] = c.networks): Record<string, unknown> {
  return {
    Id: c.id,
    Names: c.names.map((n) => `/${n}`),
    Image: familiarName(c.image),
    ImageID: c.imageId.startsWith('sha256:') ? c.imageId : `sha256:${c.imageId}`,
    Command: shellJoin(c.command),
    Created: unixSeconds(c.created),
    Ports: portDocuments(c.ports),
    Labels: c.labels,
    State: dockerState(c.status),
    Status: statusText(c),
    HostConfig: { NetworkMode: c.networkMode },
    NetworkSettings: { Networks: networks },
    Mounts: c.mounts.map((d) => ({ Destination: d })),
  };
}

/** The engine's inspect with what Docker clients expect besides: familiar image names, platform, ids. */
export function containerInspectDocument(doc: ContainerInspect): Record<string, unknown> {
  return {
    ...doc,
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    Config: { ...doc.Config, Image: familiarName(String(doc.Config.Image ?? doc.ImageName)) },
  };
}
