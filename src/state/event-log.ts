// An append-only JSON-lines journal in the runroot (Podman's "file" events backend): every command appends
// its events with one O_APPEND write each (atomic for lines this short), readers replay and then follow it.
// It is rotated by renaming to .1 when it grows past a limit, so a follower re-opens on a new inode.
import { appendFile, mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROTATE_BYTES = 4 * 1024 * 1024;

export class EventLog<T> {
  constructor(
    readonly path: string,
    private readonly pollMs = 200,
  ) {}

  async append(record: T): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    // The directory exists after the first event: create it only when the append says it is missing.
    await appendFile(this.path, line, { mode: 0o600 }).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await appendFile(this.path, line, { mode: 0o600 });
    });
    const size = await stat(this.path).then((s) => s.size, () => 0);
    if (size > ROTATE_BYTES) await rename(this.path, `${this.path}.1`).catch(() => undefined);
  }

  /** Every record already written, then (with follow) each new one until the signal aborts. */
  async *read(options: { follow?: boolean; signal?: AbortSignal } = {}): AsyncGenerator<T> {
    let position = 0;
    let inode: number | undefined;
    let partial = '';
    for (;;) {
      const st = await stat(this.path).catch(() => undefined);
      if (st && (st.ino !== inode || st.size < position)) {
        inode = st.ino;
        position = 0;
        partial = '';
      }
      if (st && st.size > position) {
        const fh = await open(this.path, 'r');
        try {
          const buf = Buffer.alloc(st.size - position);
          const { bytesRead } = await fh.read(buf, 0, buf.length, position);
          position += bytesRead;
          const lines = (partial + buf.subarray(0, bytesRead).toString('utf8')).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            if (!line) continue;
            try { yield JSON.parse(line) as T; } catch { /* a torn line from a crashed writer is skipped */ }
          }
        } finally {
          await fh.close();
        }
      }
      if (!options.follow || options.signal?.aborted) return;
      try {
        await sleep(this.pollMs, undefined, { signal: options.signal });
      } catch {
        return;
      }
    }
  }
}
