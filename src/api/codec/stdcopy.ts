// Docker's multiplexed stream framing (attach, logs and exec without a TTY): each frame is an 8-byte header
// [stream type, 0, 0, 0, big-endian uint32 length] followed by that many bytes of payload.
export type StdStream = 0 | 1 | 2;

export const STDIN: StdStream = 0;
export const STDOUT: StdStream = 1;
export const STDERR: StdStream = 2;

const HEADER = 8;
/** Large writes are split so a frame never exceeds what a client buffers comfortably. */
const MAX_FRAME = 32 * 1024;

/** One frame for a short text (a log line) built in a single buffer; longer texts go through stdcopyFrames. */
export function stdcopyTextFrame(stream: StdStream, text: string): Buffer {
  const length = Buffer.byteLength(text);
  if (length === 0 || length > MAX_FRAME) return stdcopyFrames(stream, Buffer.from(text));
  const frame = Buffer.allocUnsafe(HEADER + length);
  frame.writeUInt32BE(0, 0);
  frame[0] = stream;
  frame.writeUInt32BE(length, 4);
  frame.write(text, HEADER);
  return frame;
}

export function stdcopyFrames(stream: StdStream, data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let off = 0; off < data.length; off += MAX_FRAME) {
    const payload = data.subarray(off, off + MAX_FRAME);
    const header = Buffer.alloc(HEADER);
    header[0] = stream;
    header.writeUInt32BE(payload.length, 4);
    parts.push(header, payload);
  }
  return Buffer.concat(parts);
}

export interface StdFrame {
  stream: StdStream;
  data: Buffer;
}

/** Incremental demultiplexer: push chunks as they arrive, get back the complete frames. */
export class StdcopyDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): StdFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: StdFrame[] = [];
    while (this.pending.length >= HEADER) {
      const stream = this.pending[0]!;
      if (stream > 2) throw new Error(`invalid stdcopy frame: stream type ${stream}`);
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER + size) break;
      frames.push({ stream: stream as StdStream, data: this.pending.subarray(HEADER, HEADER + size) });
      this.pending = this.pending.subarray(HEADER + size);
    }
    return frames;
  }

  /** Bytes of an unfinished frame left at the end of the stream (0 when it ended cleanly). */
  get leftover(): number {
    return this.pending.length;
  }
}
