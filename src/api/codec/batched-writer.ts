// Coalesces many small writes (one per log line) into one socket write per event-loop turn or per 64 KiB,
// and waits for the socket to drain when it is behind: a log read then holds at most one batch, not the
// whole log, and allocates one buffer per batch instead of several per line.
import type { Writable } from 'node:stream';

const BATCH_BYTES = 64 * 1024;

export class BatchedWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private pending: NodeJS.Immediate | undefined;

  constructor(private readonly out: Writable, private readonly batchBytes = BATCH_BYTES) {}

  /** Queues `data`; resolves at once unless a full batch had to wait for the socket to drain. */
  async push(data: Buffer): Promise<void> {
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= this.batchBytes) return this.flush();
    // Lines already read arrive in the same turn; what trickles in later (follow) goes out a turn after.
    this.pending ??= setImmediate(() => { void this.flush(); });
  }

  /** Writes what is queued; resolves once the socket can take more (or is gone). */
  async flush(): Promise<void> {
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    if (this.size === 0 || this.out.destroyed) return;
    const data = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    if (this.out.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }
}
