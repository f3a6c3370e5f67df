// How tsmoby waits for a network helper (slirp4netns, tsmoby-portfwd) that reports readiness with one byte
// on a pipe: ready on that byte; dead when the pipe closes first (then its exit status and stderr say why);
// never longer than the timeout.
import type { Readable } from 'node:stream';
import type { SpawnedProcess } from '../sys/sys.js';

export type HelperFailure = { timedOut: true } | { timedOut: false; exitCode: number; stderr: string };

function collectText(stream: Readable | undefined): Promise<string> {
  if (stream === undefined) return Promise.resolve('');
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (c: Buffer) => { text += c.toString(); });
    stream.on('close', () => resolve(text));
    stream.on('error', () => resolve(text));
  });
}

export function waitForReadyByte(
  child: SpawnedProcess, readyFd: number, timeoutMs: number, failure: (why: HelperFailure) => Error,
): Promise<void> {
  const ready = child.pipes[readyFd] as Readable;
  const stderr = collectText(child.pipes[2] as Readable | undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(failure({ timedOut: true })), timeoutMs);
    let done = false;
    ready.once('data', () => {
      done = true;
      clearTimeout(timer);
      resolve();
    });
    // EOF before the ready byte: the helper died. Waiting only then keeps a healthy, detached helper from
    // holding this process open.
    ready.once('close', () => {
      if (done) return;
      clearTimeout(timer);
      void child.wait().then(async (status) => reject(failure({ timedOut: false, exitCode: status.exitCode, stderr: await stderr })));
    });
  });
}

/** Waits for a helper that was told to end (its exit pipe closed, or a signal), killing it after `timeoutMs`. */
export async function endWithin(child: SpawnedProcess, timeoutMs: number): Promise<void> {
  const timer = setTimeout(() => {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch { /* already gone */ }
  }, timeoutMs);
  await child.wait();
  clearTimeout(timer);
}
