// Timestamps in query strings (`since`, `until`): the docker CLI sends unix seconds with an optional fraction
// ("1700000000.000000001"); other clients send RFC 3339.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';

export function parseDockerTime(name: string, raw: string | null): Date | undefined {
  if (raw === null || raw === '') return undefined;
  const unix = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(raw);
  if (unix) {
    const millis = Number(unix[1]) * 1000 + Number((unix[2] ?? '0').padEnd(9, '0').slice(0, 3));
    return new Date(millis);
  }
  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed)) throw new InvalidArgumentError(`invalid value for ${name}: "${raw}" is not a timestamp`);
  return new Date(parsed);
}

/** ISO date -> unix seconds, the way Docker's summaries carry `Created`. */
export function unixSeconds(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}
