// Hijacked connections (attach, exec start): after `101 UPGRADED` the socket carries raw or stdcopy-framed bytes
// both ways. The client half-closes its write side when it has no more stdin; output must keep flowing after
// that, so the socket is half-open (http.Server sockets are allowHalfOpen) and only our side ends it.
import type { Duplex, Readable, Writable } from 'node:stream';

export const MULTIPLEXED_STREAM = 'application/vnd.docker.multiplexed-stream';
export const RAW_STREAM = 'application/vnd.docker.raw-stream';

/** The connection a hijacking route talks over: what the client sends, and where output goes. */
export interface HijackedConnection {
  input: Readable;
  output: Writable;
  /** true when the client upgraded (stdin available, 101 sent); false for a plain streamed response. */
  upgraded: boolean;
  /** Ends our side; the connection closes once the client has ended too. */
  end(): void;
}

export function upgradeResponseHead(contentType: string): string {
  return `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`;
}

/** Answers the upgrade on a raw socket and hands it over. `head` is what the parser read past the headers. */
export function hijackSocket(socket: Duplex, head: Buffer, contentType: string): HijackedConnection {
  if (head.length > 0) socket.unshift(head);
  socket.write(upgradeResponseHead(contentType));
  // The client may already have half-closed: reading to the end lets the socket close once both sides ended.
  socket.once('end', () => { if (socket.writableEnded) socket.destroy(); });
  return {
    input: socket,
    output: socket,
    upgraded: true,
    end: () => {
      if (socket.readableEnded) socket.end(() => socket.destroy());
      else socket.end();
    },
  };
}

/**
 * Node's parser stops at the headers of an upgrade request: its body (exec start's `{"Detach":false}`) arrives
 * in `head` and on the socket, before any stdin. Splits `length` body bytes off; the rest is the stream's.
 */
export async function splitUpgradeBody(socket: Duplex, head: Buffer, length: number, timeoutMs = 10_000): Promise<{ body: Buffer; rest: Buffer }> {
  let buffered = head;
  if (buffered.length < length) {
    buffered = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [head];
      let size = head.length;
      const timer = setTimeout(() => finish(new Error(`request body incomplete: ${size} of ${length} bytes`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= length) finish();
      };
      const onEnd = () => finish(new Error(`request body incomplete: ${size} of ${length} bytes`));
      function finish(err?: Error) {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('end', onEnd);
        socket.pause();
        if (err) reject(err);
        else resolve(Buffer.concat(chunks));
      }
      socket.on('data', onData);
      socket.once('end', onEnd);
    });
  }
  return { body: buffered.subarray(0, length), rest: buffered.subarray(length) };
}
