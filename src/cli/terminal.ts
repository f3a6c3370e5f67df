// The CLI side of an attached session: raw mode on a terminal stdin (always restored), the terminal's size
// and its changes (SIGWINCH), signals to proxy to the container, and the detach keys (ctrl-p,ctrl-q).
import { Transform, type Readable } from 'node:stream';
import { InvalidArgumentError } from '../errors/index.js';
import type { AttachControls, TerminalSize } from '../engine/engine.js';
import type { CliIo } from './cli-context.js';

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';
const PROXIED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/** Docker's --detach-keys: comma-separated `ctrl-<c>` or single characters; "" disables detaching. */
export function parseDetachKeys(spec: string): number[] {
  if (spec === '') return [];
  return spec.split(',').map((key) => {
    const ctrl = /^ctrl-(.)$/i.exec(key);
    if (ctrl) {
      const c = ctrl[1]!.toLowerCase();
      if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 96;
      const special = '@[\\]^_'.indexOf(c);
      if (special >= 0) return special === 0 ? 0 : 27 + special - 1;
    } else if (key.length === 1) {
      return key.charCodeAt(0);
    }
    throw new InvalidArgumentError(`invalid detach keys "${spec}": use ctrl-<value> or single characters, comma separated`);
  });
}

/** Passes stdin through, holding back a partial detach sequence; a complete one calls onDetach. */
export function detachKeyFilter(keys: readonly number[], onDetach: () => void): Transform {
  let matched = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (keys.length === 0) return done(null, chunk);
      const out: number[] = [];
      for (const byte of chunk) {
        if (byte === keys[matched]) {
          matched++;
          if (matched === keys.length) {
            matched = 0;
            onDetach();
            return done(null, Buffer.from(out));
          }
          continue;
        }
        out.push(...keys.slice(0, matched));
        matched = 0;
        if (byte === keys[0]) matched = 1;
        else out.push(byte);
      }
      done(null, Buffer.from(out));
    },
  });
}

export interface InteractiveOptions {
  tty: boolean;
  /** Send stdin to the container (-i). */
  stdin: boolean;
  /** Forward the CLI's signals to the container (--sig-proxy). */
  sigProxy: boolean;
  detachKeys?: string;
}

export interface InteractiveSession {
  stdin?: Readable;
  controls: AttachControls;
  /** Leaves raw mode, stops listening for signals and lets stdin go. Safe to call twice. */
  restore(): void;
}

type TtyIn = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
type TtyOut = CliIo['stdout'] & { rows?: number };

function sizeOf(out: TtyOut): TerminalSize | undefined {
  return out.isTTY && out.rows && out.columns ? { height: out.rows, width: out.columns } : undefined;
}

export function startInteractive(io: CliIo, options: InteractiveOptions): InteractiveSession {
  const input = io.stdin as TtyIn;
  const output = io.stdout as TtyOut;
  const detach = new AbortController();
  const cleanups: Array<() => void> = [];
  const raw = options.tty && options.stdin && input.isTTY === true && typeof input.setRawMode === 'function';
  if (raw) {
    input.setRawMode!(true);
    const leaveRaw = () => { input.setRawMode!(false); };
    process.once('exit', leaveRaw); // whatever ends the process, the user's terminal comes back sane
    cleanups.push(() => { leaveRaw(); process.off('exit', leaveRaw); });
  }
  let stdin: Readable | undefined;
  if (options.stdin) {
    const keys = options.tty ? parseDetachKeys(options.detachKeys ?? DEFAULT_DETACH_KEYS) : [];
    stdin = keys.length > 0 ? input.pipe(detachKeyFilter(keys, () => detach.abort())) : input;
    cleanups.push(() => { input.unpipe(); input.destroy(); });
  }
  const controls: AttachControls = {
    signal: detach.signal,
    terminalSize: {
      current: () => sizeOf(output),
      onChange: (listener) => {
        const onResize = () => { const s = sizeOf(output); if (s) listener(s); };
        output.on('resize', onResize);
        return () => { output.off('resize', onResize); };
      },
    },
  };
  if (options.sigProxy) {
    controls.signals = {
      onSignal: (listener) => {
        const handlers = PROXIED_SIGNALS.map((s) => [s, () => listener(s)] as const);
        for (const [s, h] of handlers) process.on(s, h);
        return () => { for (const [s, h] of handlers) process.off(s, h); };
      },
    };
  }
  let restored = false;
  return {
    ...(stdin ? { stdin } : {}),
    controls,
    restore: () => {
      if (restored) return;
      restored = true;
      for (const c of cleanups.reverse()) c();
    },
  };
}

/** Go-style boolean flag values (`--sig-proxy=false`); absent = the default. */
export function parseBool(value: string | undefined, flag: string, defaultValue: boolean): boolean {
  if (value === undefined) return defaultValue;
  if (/^(true|1|t)$/i.test(value)) return true;
  if (/^(false|0|f)$/i.test(value)) return false;
  throw new InvalidArgumentError(`invalid argument "${value}" for "${flag}" flag: a boolean`);
}
