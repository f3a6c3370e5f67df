// Go's time.ParseDuration syntax ("30s", "1m30s", "500ms"), as HEALTHCHECK flags take it; nanoseconds out.
import { InvalidArgumentError } from '../../errors/index.js';

const UNIT_NS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

export function parseDuration(text: string, what: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_NS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== text.length) throw new InvalidArgumentError(`${what}: invalid duration "${text}"`);
  return Math.round(total);
}
