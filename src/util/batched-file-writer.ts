// Appends to an open file in large writes: chunks (socket reads, decompressor output) are gathered into
// batches of about 1 MiB, so a 100 MB stream costs ~100 thread-pool round trips instead of thousands, with one
// write in flight while the next batch fills.
import type { FileHandle } from 'node:fs/promises';

export const WRITE_BATCH_BYTES = 1 << 20;

export class BatchedFileWriter {
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private inflight: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly fh: FileHandle,
    private readonly batchBytes_ = WRITE_BATCH_BYTES,
  ) {}

  /** Queues `chunk` (which must not change afterwards); waits only when a full batch has to be handed over. */
  async append(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= this.batchBytes_) await this.handOver();
  }

  /** Writes whatever is queued and waits for every write; throws the first write error. */
  async flush(): Promise<void> {
    await this.handOver();
    await this.settle();
  }

  /** Waits for a write still in flight without writing more (before closing the file after a failure). */
  async abandon(): Promise<void> {
    this.batch = [];
    this.batchBytes = 0;
    await this.inflight;
  }

  private async handOver(): Promise<void> {
    await this.settle();
    if (this.batch.length === 0) return;
    const buffers = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    // Kept as a settled-or-pending promise that never rejects, so a failure waits for the next call.
    this.inflight = writeAll(this.fh, buffers).catch((error: unknown) => { this.failure ??= { error }; });
  }

  private async settle(): Promise<void> {
    await this.inflight;
    this.inflight = undefined;
    if (this.failure) throw this.failure.error;
  }
}

async function writeAll(fh: FileHandle, buffers: Uint8Array[]): Promise<void> {
  const total = buffers.reduce((n, b) => n + b.length, 0);
  let written = buffers.length === 1
    ? (await fh.write(buffers[0]!)).bytesWritten
    : (await fh.writev(buffers)).bytesWritten;
  if (written === total) return;
  // A short write (rare on regular files): finish the rest from one contiguous copy.
  const rest = Buffer.concat(buffers);
  while (written < total) written += (await fh.write(rest, written, total - written)).bytesWritten;
}
