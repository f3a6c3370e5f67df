// Reads a container's k8s-file log as conmon writes it: `<RFC3339Nano time> <stdout|stderr> <P|F> <text>`.
// P records are joined with what follows on the same stream; --tail, --since/--until, and follow mode,
// which survives conmon's truncation/rotation (a new inode or a shorter file) and ends when the container does.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { delay } from './exit-status.js';

export interface LogRecord {
  /** The timestamp as written (local time with offset, nanoseconds). */
  timestamp: string;
  time: Date;
  stream: 'stdout' | 'stderr';
  /** The output, ending in '\n' unless the container's last write did not. */
  text: string;
}

export interface LogReadOptions {
  /** Only the last N records (before following). */
  tail?: number;
  since?: Date;
  until?: Date;
  follow?: {
    /** True once the container has exited (e.g. its exit file exists): the reader drains and stops. */
    done: () => boolean | Promise<boolean>;
    pollMs?: number;
  };
  signal?: AbortSignal;
}

interface RawLine {
  timestamp: string;
  time: Date;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  text: string;
}

export function parseLogLine(line: string): RawLine | undefined {
  const m = /^(\S+) (stdout|stderr) ([PF])(?: (.*))?$/s.exec(line);
  if (!m) return undefined;
  const time = new Date(m[1]!);
  if (Number.isNaN(time.getTime())) return undefined;
  return { timestamp: m[1]!, time, stream: m[2] as 'stdout' | 'stderr', partial: m[3] === 'P', text: m[4] ?? '' };
}

/** `--timestamps` output: the record's timestamp, a space, the text. */
export function formatLogRecord(record: LogRecord, opts: { timestamps?: boolean } = {}): string {
  return opts.timestamps ? `${record.timestamp} ${record.text}` : record.text;
}

/** Joins partial lines per stream; feed lines, get whole records. */
class RecordAssembler {
  private readonly pending = new Map<string, RawLine & { parts: string[] }>();

  push(raw: RawLine): LogRecord | undefined {
    const open = this.pending.get(raw.stream);
    const head = open ?? { ...raw, parts: [] };
    head.parts.push(raw.text);
    if (raw.partial) {
      this.pending.set(raw.stream, head);
      return undefined;
    }
    this.pending.delete(raw.stream);
    return { timestamp: head.timestamp, time: head.time, stream: head.stream, text: `${head.parts.join('')}\n` };
  }

  /** Partials with nothing after them (the container ended mid-line). */
  flush(): LogRecord[] {
    const out = [...this.pending.values()].map((h) => ({ timestamp: h.timestamp, time: h.time, stream: h.stream, text: h.parts.join('') }));
    this.pending.clear();
    return out;
  }
}

const MIN_READ = 4096;
const MAX_READ = 64 * 1024;

/** Reads from `offset` to the end of the file, returning the complete lines and the new offset. */
class LogCursor {
  private handle: FileHandle | undefined;
  private ino = -1;
  private offset = 0;
  private rest = '';
  private size = 0;
  private buffer: Buffer | undefined;

  constructor(private readonly path: string) {}

  async readLines(): Promise<string[]> {
    await this.reopenIfReplaced();
    if (this.handle === undefined) return [];
    const lines: string[] = [];
    const buffer = this.readBuffer();
    for (;;) {
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
      if (bytesRead === 0) break;
      this.offset += bytesRead;
      const parts = (this.rest + buffer.toString('utf8', 0, bytesRead)).split('\n');
      this.rest = parts.pop()!;
      lines.push(...parts);
    }
    return lines;
  }

  /** One buffer per cursor, as large as what is left to read (up to 64 KiB): a server reads many small logs. */
  private readBuffer(): Buffer {
    const wanted = Math.min(MAX_READ, Math.max(MIN_READ, this.size - this.offset));
    if (this.buffer === undefined || this.buffer.length < wanted) this.buffer = Buffer.allocUnsafe(wanted);
    return this.buffer;
  }

  private async reopenIfReplaced(): Promise<void> {
    let info;
    try {
      info = await stat(this.path);
    } catch {
      return; // between conmon's rename steps, or not written yet: try again later
    }
    this.size = info.size;
    if (this.handle !== undefined && info.ino === this.ino && info.size >= this.offset) return;
    await this.close();
    try {
      this.handle = await open(this.path, 'r');
    } catch {
      return;
    }
    this.ino = (await this.handle.stat()).ino;
    this.offset = 0;
    this.rest = '';
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

function inWindow(record: LogRecord, opts: LogReadOptions): boolean {
  if (opts.since !== undefined && record.time < opts.since) return false;
  if (opts.until !== undefined && record.time > opts.until) return false;
  return true;
}

function* assemble(lines: string[], assembler: RecordAssembler, opts: LogReadOptions): Generator<LogRecord> {
  for (const line of lines) {
    const raw = parseLogLine(line);
    const record = raw === undefined ? undefined : assembler.push(raw);
    if (record !== undefined && inWindow(record, opts)) yield record;
  }
}

/** The records of a k8s-file log; with `follow`, new ones as they are written until the container is done. */
export async function* readLog(path: string, opts: LogReadOptions = {}): AsyncGenerator<LogRecord> {
  const cursor = new LogCursor(path);
  const assembler = new RecordAssembler();
  try {
    const first = [...assemble(await cursor.readLines(), assembler, opts)];
    yield* opts.tail !== undefined && opts.tail >= 0 ? first.slice(Math.max(0, first.length - opts.tail)) : first;
    if (opts.follow === undefined) {
      yield* assembler.flush().filter((r) => inWindow(r, opts));
      return;
    }
    for (;;) {
      // Decide before reading, so that everything written before the exit is still read.
      const done = await opts.follow.done();
      yield* assemble(await cursor.readLines(), assembler, opts);
      if (done || opts.signal?.aborted) break;
      await delay(opts.follow.pollMs ?? 100, opts.signal);
    }
    yield* assembler.flush().filter((r) => inWindow(r, opts));
  } finally {
    await cursor.close();
  }
}
