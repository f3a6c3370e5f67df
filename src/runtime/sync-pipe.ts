// Reads conmon's sync (and attach) pipe: one JSON object per line, `{"data": N}` or
// `{"data": -1, "message": "..."}`. Each wait is bounded by its caller.
import type { Readable } from 'node:stream';
import { InternalError } from '../errors/index.js';

export interface SyncMessage {
  data: number;
  message?: string;
}

export class SyncPipeReader {
  private buffer = '';
  private readonly lines: string[] = [];
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly stream: Readable, private readonly what: string) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.wake?.();
    });
    stream.on('error', (err) => {
      this.error = err;
      this.wake?.();
    });
    stream.on('close', () => {
      if (this.buffer.trim() !== '') this.lines.push(this.buffer);
      this.buffer = '';
      this.ended = true;
      this.wake?.();
    });
  }

  /** The next message; undefined when the pipe closed first. timeoutMs undefined waits as long as it takes. */
  async next(timeoutMs?: number): Promise<SyncMessage | undefined> {
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    while (this.lines.length === 0 && !this.ended && this.error === undefined) {
      const left = deadline === undefined ? undefined : deadline - Date.now();
      if (left !== undefined && left <= 0) throw new InternalError(`conmon sent nothing on its ${this.what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = left === undefined ? undefined : setTimeout(resolve, left);
        this.wake = () => {
          if (timer !== undefined) clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
    const line = this.lines.shift();
    if (line === undefined) {
      if (this.error) throw new InternalError(`reading conmon's ${this.what}: ${this.error.message}`, { cause: this.error });
      return undefined;
    }
    return parseSyncMessage(line, this.what);
  }

  close(): void {
    this.stream.destroy();
  }

  /** Lets the process exit while a message is still awaited: a detached exec's exit code is wanted only by
   *  a caller that lives on anyway (the API server); a short CLI must not wait for the process to end. */
  unref(): void {
    (this.stream as Readable & { unref?: () => void }).unref?.();
  }
}

export function parseSyncMessage(line: string, what = 'sync pipe'): SyncMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    throw new InternalError(`conmon wrote an unreadable message on its ${what}: ${line}`, { cause: err });
  }
  const record = parsed as Record<string, unknown>;
  const data = record.data ?? record.pid ?? record.exit_code;
  if (typeof data !== 'number') throw new InternalError(`conmon wrote an unexpected message on its ${what}: ${line}`);
  return typeof record.message === 'string' ? { data, message: record.message } : { data };
}
