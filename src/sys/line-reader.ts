// Reads one newline-terminated line from a stream within a time bound (for start-up handshakes).
import type { Readable } from 'node:stream';

/** The next line without its newline; undefined at end of stream. Rejects when the bound passes. */
export function readLine(stream: Readable, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onError);
      fn();
    };
    const onReadable = () => {
      for (;;) {
        const chunk = stream.read(1) as Buffer | string | null;
        if (chunk === null) return;
        const char = chunk.toString();
        if (char === '\n') return finish(() => resolve(buffered));
        buffered += char;
      }
    };
    const onEnd = () => finish(() => resolve(buffered === '' ? undefined : buffered));
    const onError = (err: Error) => finish(() => reject(err));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('close', onEnd);
    stream.once('error', onError);
    onReadable();
  });
}
