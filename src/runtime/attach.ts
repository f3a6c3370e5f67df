// A client of conmon's attach socket (SOCK_SEQPACKET: each message is one stream-id byte, 2 stdout, 3 stderr,
// then output) and its `ctl` FIFO for terminal resizes. Node's net module cannot open SEQPACKET, so the fd
// comes from Sys and is read with fs.read, which returns exactly one message per call.
import { close, constants, open, read, write } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { NotFoundError, isSystemError } from '../errors/index.js';
import type { Sys } from '../sys/sys.js';

const readAsync = promisify(read);
const writeAsync = promisify(write);
const closeAsync = promisify(close);
const openAsync = promisify(open);

/** conmon sends at most 8192 bytes of output per message, plus the stream byte. */
const MESSAGE_MAX = 8192 + 1;
const STREAM_STDOUT = 2;
const STREAM_STDERR = 3;

export interface AttachStreams {
  /** Sent to the container's stdin; when it ends the sending side is shut down (the container sees EOF). */
  stdin?: Readable;
  stdout: Writable;
  /** With a terminal everything arrives as stdout. */
  stderr: Writable;
  /** Ends the attachment (detach) without touching the container. */
  signal?: AbortSignal;
  /** Called once connected, before any output is read (an attached exec starts its process then). */
  onConnected?: () => void;
}

/** `<socket-dir>/<cuuid>/attach`: conmon links the short directory to the bundle (sun_path is 108 bytes). */
export function attachSocketPath(socketDir: string, cuuid: string): string {
  return join(socketDir, cuuid, 'attach');
}

/** The ctl FIFO conmon makes in the bundle (or exec session) directory it was given with -b. */
export function ctlFifoPath(bundle: string): string {
  return join(bundle, 'ctl');
}

async function writeAll(fd: number, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) offset += (await writeAsync(fd, chunk, offset, chunk.length - offset)).bytesWritten;
}

function waitWritable(stream: Writable, wrote: boolean): Promise<void> {
  return wrote ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve));
}

/**
 * Connects to the attach socket and copies until the container side closes it; resolves then.
 * stdin is copied concurrently and half-closed at its end; output keeps flowing after that.
 */
export async function attach(sys: Pick<Sys, 'connectSeqpacket' | 'shutdownSocket'>, socketPath: string, streams: AttachStreams): Promise<void> {
  let fd: number;
  try {
    fd = await sys.connectSeqpacket(socketPath);
  } catch (err) {
    if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ECONNREFUSED')) {
      throw new NotFoundError(`the container's attach socket is gone (is it running?): ${socketPath}`, { cause: err });
    }
    throw err;
  }
  streams.onConnected?.();
  let finished = false;
  const shutdown = (how: 'write' | 'both') => {
    try {
      if (!finished) sys.shutdownSocket(fd, how);
    } catch {
      // the peer is gone already
    }
  };
  const onAbort = () => shutdown('both');
  streams.signal?.addEventListener('abort', onAbort, { once: true });
  if (streams.signal?.aborted) onAbort();
  const stopStdin = streams.stdin ? pumpStdin(fd, streams.stdin, () => shutdown('write')) : () => undefined;
  try {
    await pumpOutput(fd, streams);
  } finally {
    finished = true;
    stopStdin();
    streams.signal?.removeEventListener('abort', onAbort);
    await closeAsync(fd);
  }
}

async function pumpOutput(fd: number, streams: AttachStreams): Promise<void> {
  const buffer = Buffer.alloc(MESSAGE_MAX);
  for (;;) {
    let n: number;
    try {
      ({ bytesRead: n } = await readAsync(fd, buffer, 0, buffer.length, null));
    } catch (err) {
      if (isSystemError(err, 'ECONNRESET')) return;
      throw err;
    }
    if (n === 0) return;
    if (n === 1) continue;
    const target = buffer[0] === STREAM_STDERR ? streams.stderr : buffer[0] === STREAM_STDOUT ? streams.stdout : undefined;
    if (target !== undefined) await waitWritable(target, target.write(Buffer.from(buffer.subarray(1, n))));
  }
}

/** Copies stdin to the socket in order; returns a function that stops listening. */
function pumpStdin(fd: number, stdin: Readable, onEnd: () => void): () => void {
  let chain = Promise.resolve();
  let stopped = false;
  const onData = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    stdin.pause();
    chain = chain
      .then(() => (stopped ? undefined : writeAll(fd, data)))
      .catch(() => {
        stopped = true;
      })
      .finally(() => {
        if (!stopped) stdin.resume();
      });
  };
  const onStdinEnd = () => {
    chain = chain.then(() => {
      if (!stopped) onEnd();
    });
  };
  stdin.on('data', onData);
  stdin.once('end', onStdinEnd);
  return () => {
    stopped = true;
    stdin.off('data', onData);
    stdin.off('end', onStdinEnd);
  };
}

/** Tells conmon the terminal's new size through the ctl FIFO (message type 1). */
export async function resizeTerminal(bundle: string, size: { height: number; width: number }): Promise<void> {
  const height = Math.max(0, Math.min(1000, Math.floor(size.height)));
  const width = Math.max(0, Math.min(1000, Math.floor(size.width)));
  let fd: number;
  try {
    // Non-blocking: with no conmon holding the FIFO open, open fails (ENXIO) instead of hanging.
    fd = await openAsync(ctlFifoPath(bundle), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (isSystemError(err, 'ENXIO') || isSystemError(err, 'ENOENT')) {
      throw new NotFoundError(`cannot resize the terminal: the container's monitor is not running`, { cause: err });
    }
    throw err;
  }
  try {
    await writeAll(fd, Buffer.from(`1 ${height} ${width}\n`));
  } finally {
    await closeAsync(fd);
  }
}
