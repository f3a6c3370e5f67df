// Sizes and durations the way Docker and Podman print them (go-units rules): SIZE, CREATED and STATUS
// columns. Pure: the current time is always passed in.

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * go-units HumanSize with 3 significant digits and decimal units: 740 -> "740B", 1200 -> "1.2kB",
 * 5370000 -> "5.37MB". `space: true` gives Podman's `images` form, "5.37 MB".
 */
export function humanSize(bytes: number, options: { space?: boolean } = {}): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) { size /= 1000; unit++; }
  const digits = String(Number(size.toPrecision(3)));
  return `${digits}${options.space ? ' ' : ''}${DECIMAL_UNITS[unit]}`;
}

/** go-units HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks", "2 years". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}

const toMs = (t: Date | number): number => (typeof t === 'number' ? t : t.getTime());

/** "3 minutes ago" for a CREATED column; a time in the future counts as now. */
export function timeAgo(then: Date | number, now: Date | number): string {
  return `${humanDuration(Math.max(0, toMs(now) - toMs(then)))} ago`;
}

export type ContainerStateName = 'created' | 'running' | 'paused' | 'stopped' | 'exited' | 'removing' | 'dead' | 'configured';

export interface ContainerStatusInput {
  state: ContainerStateName;
  startedAt?: Date | number;
  finishedAt?: Date | number;
  exitCode?: number;
}

/** The STATUS column: "Created", "Up 3 minutes", "Up 2 hours (Paused)", "Exited (0) 2 seconds ago". */
export function containerStatus(c: ContainerStatusInput, now: Date | number): string {
  const since = (t: Date | number | undefined) => humanDuration(Math.max(0, toMs(now) - toMs(t ?? now)));
  switch (c.state) {
    case 'created': case 'configured': return 'Created';
    case 'running': return `Up ${since(c.startedAt)}`;
    case 'paused': return `Up ${since(c.startedAt)} (Paused)`;
    case 'stopped': case 'exited': return `Exited (${c.exitCode ?? 0}) ${since(c.finishedAt)} ago`;
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
  }
}
