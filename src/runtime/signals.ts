// Signal names <-> numbers as Linux numbers them on x86_64 and arm64 (the generic layout; both agree).
// Real-time signals follow glibc's view: SIGRTMIN is 34 because glibc keeps 32 and 33 for itself.
import { InvalidArgumentError } from '../errors/index.js';

const STANDARD_SIGNALS: ReadonlyArray<readonly [string, number]> = [
  ['SIGHUP', 1], ['SIGINT', 2], ['SIGQUIT', 3], ['SIGILL', 4], ['SIGTRAP', 5], ['SIGABRT', 6],
  ['SIGBUS', 7], ['SIGFPE', 8], ['SIGKILL', 9], ['SIGUSR1', 10], ['SIGSEGV', 11], ['SIGUSR2', 12],
  ['SIGPIPE', 13], ['SIGALRM', 14], ['SIGTERM', 15], ['SIGSTKFLT', 16], ['SIGCHLD', 17], ['SIGCONT', 18],
  ['SIGSTOP', 19], ['SIGTSTP', 20], ['SIGTTIN', 21], ['SIGTTOU', 22], ['SIGURG', 23], ['SIGXCPU', 24],
  ['SIGXFSZ', 25], ['SIGVTALRM', 26], ['SIGPROF', 27], ['SIGWINCH', 28], ['SIGIO', 29], ['SIGPWR', 30],
  ['SIGSYS', 31],
];

/** Aliases the kernel headers define for the same numbers; accepted on input, never printed. */
const ALIASES: ReadonlyArray<readonly [string, number]> = [
  ['SIGIOT', 6], ['SIGCLD', 17], ['SIGPOLL', 29], ['SIGUNUSED', 31],
];

export const SIGRTMIN = 34;
export const SIGRTMAX = 64;

const numberByName = new Map<string, number>([...STANDARD_SIGNALS, ...ALIASES]);
const nameByNumber = new Map<number, string>(STANDARD_SIGNALS.map(([name, n]) => [n, name]));

/** Every signal by its canonical name, SIGRTMIN+n included, ordered by number. */
export function listSignals(): Array<{ name: string; number: number }> {
  const out = STANDARD_SIGNALS.map(([name, number]) => ({ name, number }));
  for (let n = SIGRTMIN; n <= SIGRTMAX; n++) out.push({ name: signalName(n), number: n });
  return out;
}

/** The canonical name: SIGTERM, SIGRTMIN+3, SIGRTMAX-1 (the nearer end, as `kill -l` prints them). */
export function signalName(signal: number): string {
  const known = nameByNumber.get(signal);
  if (known) return known;
  if (!Number.isInteger(signal) || signal < SIGRTMIN || signal > SIGRTMAX) {
    throw new InvalidArgumentError(`invalid signal: ${signal}`);
  }
  const fromMin = signal - SIGRTMIN;
  const fromMax = SIGRTMAX - signal;
  if (fromMin === 0) return 'SIGRTMIN';
  if (fromMax === 0) return 'SIGRTMAX';
  return fromMin <= fromMax ? `SIGRTMIN+${fromMin}` : `SIGRTMAX-${fromMax}`;
}

/**
 * Parses what users type for --stop-signal, `kill -s` and STOPSIGNAL: a number (1-64), a name with or
 * without the SIG prefix in any case (TERM, sigterm, SIGTERM), or RTMIN+n / RTMAX-n.
 */
export function parseSignal(input: string): number {
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= SIGRTMAX) return n;
    throw new InvalidArgumentError(`invalid signal: ${input}`);
  }
  let name = text.toUpperCase();
  if (!name.startsWith('SIG')) name = `SIG${name}`;
  const known = numberByName.get(name);
  if (known !== undefined) return known;
  const rt = /^SIGRT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (rt) {
    const base = rt[1] === 'MIN' ? SIGRTMIN : SIGRTMAX;
    const offset = rt[3] === undefined ? 0 : Number(rt[3]) * (rt[2] === '-' ? -1 : 1);
    const n = base + offset;
    if (n >= SIGRTMIN && n <= SIGRTMAX) return n;
  }
  throw new InvalidArgumentError(`invalid signal: ${input}`);
}
