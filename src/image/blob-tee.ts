// The two halves of storing a blob while something else reads it: VerifiedSink hashes, size-checks and writes
// the bytes into the temp file; Tee reads the source once and hands every chunk to the sink and to a reader
// that may stop early (the rest still reaches the sink).
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { BatchedFileWriter } from '../util/batched-file-writer.js';
import { DigestMismatchError } from './digest.js';

export class VerifiedSink {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly out: BatchedFileWriter;

  constructor(
    private readonly fh: FileHandle,
    readonly expected: string,
    readonly expectedSize?: number,
  ) {
    this.out = new BatchedFileWriter(fh);
  }

  get size(): number {
    return this.bytes;
  }

  async append(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize) {
      throw new DigestMismatchError(`${this.expected} (${this.expectedSize} bytes)`, `more than ${this.expectedSize} bytes`);
    }
    this.hash.update(chunk);
    await this.out.append(chunk);
  }

  /** Everything written and matched, then made durable; throws DigestMismatchError when it does not match. */
  async finish(): Promise<void> {
    await this.out.flush();
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize) {
      throw new DigestMismatchError(`${this.expected} (${this.expectedSize} bytes)`, `${actual} (${this.bytes} bytes)`);
    }
    if (actual !== this.expected) throw new DigestMismatchError(this.expected, actual);
    await this.fh.sync();
  }

  async abandon(): Promise<void> {
    await this.out.abandon();
  }
}

type Source = AsyncIterable<Uint8Array> & { destroy?: (err?: Error) => unknown };

export class Tee {
  private readonly it: AsyncIterator<Uint8Array>;
  private readonly pump: AsyncGenerator<Uint8Array, void>;
  private detached = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly source: Source,
    sink: VerifiedSink,
    onProgress?: (bytes: number) => void,
  ) {
    this.it = source[Symbol.asyncIterator]();
    this.pump = this.run(sink, onProgress);
  }

  /** Only this generator reads the source, so the sink sees every chunk once and in order, whoever asks. */
  private async *run(sink: VerifiedSink, onProgress?: (bytes: number) => void): AsyncGenerator<Uint8Array, void> {
    try {
      for (;;) {
        const next = await this.it.next();
        if (next.done) return;
        await sink.append(next.value);
        onProgress?.(sink.size);
        yield next.value;
      }
    } catch (error) {
      this.failure ??= { error };
      throw error;
    }
  }

  /** The content for the reader; its return() (a reader stopping early) leaves the rest to drain(). */
  view(): AsyncIterable<Uint8Array> {
    const done = { done: true as const, value: undefined };
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => (this.detached ? done : this.pump.next()),
        return: async () => {
          this.detached = true;
          return done;
        },
      }),
    } as AsyncIterable<Uint8Array>;
  }

  /** Throws what broke the source or the sink, if anything did. */
  rethrowSourceFailure(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Reads what the reader left to the end into the sink; throws what broke the source or the sink. */
  async drain(): Promise<void> {
    this.detached = true;
    for (let n = await this.pump.next(); !n.done; n = await this.pump.next()) void n;
    if (this.failure) throw this.failure.error;
  }

  /** Stops reading: the source is destroyed and the pump settles. */
  async abort(): Promise<void> {
    this.detached = true;
    if (typeof this.source.destroy === 'function') this.source.destroy();
    else await this.it.return?.().catch(() => undefined);
    await this.drain().catch(() => undefined);
  }
}
