// Named file locks between tsmoby processes (proper-lockfile: a lock is the directory <root>/locks/<name>,
// kept fresh by its holder). A store-wide lock exists for GC and reset only; everything else locks narrowly.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { InvalidArgumentError, UnavailableError, isSystemError } from '../errors/index.js';

/**
 * Stale/update intervals. The holder touches its lock every UPDATE_MS; another process treats a lock that was
 * not touched for STALE_MS as abandoned and takes it over. A holder killed with SIGKILL therefore blocks the next
 * command for at most about STALE_MS. A live holder is only mistaken for dead if its event loop stalls for
 * STALE_MS - UPDATE_MS (4 s), which tsmoby never does: extraction and I/O are asynchronous. A lock that is
 * taken over anyway is reported ("compromised") and the holder's operation fails instead of corrupting state.
 */
export const LOCK_STALE_MS = 5000;
export const LOCK_UPDATE_MS = 1000;

const STORE_LOCK = '.store';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export interface LockWaitOptions {
  /** Give up after this long (default 10 minutes: a layer extraction may legitimately hold a lock that long). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type ReleaseLock = () => Promise<void>;

/** The locks of one store; `locksDir` comes from storeLayout().locks. */
export class Locks {
  constructor(readonly locksDir: string) {}

  /** Runs fn while holding the named lock, waiting for it if another process holds it. */
  async withLock<T>(name: string, fn: () => Promise<T>, opts: LockWaitOptions = {}): Promise<T> {
    return this.holding(checkName(name), fn, opts);
  }

  /** The store-wide lock: only GC and reset take it. */
  async withStoreLock<T>(fn: () => Promise<T>, opts: LockWaitOptions = {}): Promise<T> {
    return this.holding(STORE_LOCK, fn, opts);
  }

  /** Takes the lock if it is free (or stale) right now; undefined when someone else holds it. */
  async tryLock(name: string): Promise<ReleaseLock | undefined> {
    const state = { compromised: undefined as Error | undefined };
    return this.acquireOnce(checkName(name), state);
  }

  private async holding<T>(name: string, fn: () => Promise<T>, opts: LockWaitOptions): Promise<T> {
    const state = { compromised: undefined as Error | undefined };
    const release = await this.acquire(name, state, opts);
    let result: T;
    try {
      result = await fn();
    } finally {
      await release().catch(() => undefined);
    }
    if (state.compromised) {
      throw new UnavailableError(`lock "${name}" was taken over by another process while held`, {
        cause: state.compromised,
      });
    }
    return result;
  }

  private async acquire(name: string, state: { compromised?: Error }, opts: LockWaitOptions): Promise<ReleaseLock> {
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    // Short, jittered retries: most locks are held for milliseconds (a name reservation, a record write),
    // and waiters that all back off to the same long interval leave a free lock idle and retry in a herd.
    let delay = 10;
    for (;;) {
      opts.signal?.throwIfAborted();
      const release = await this.acquireOnce(name, state);
      if (release) return release;
      if (Date.now() >= deadline) {
        throw new UnavailableError(`timed out waiting for lock "${name}" (held by another tsmoby process)`);
      }
      await waitFor(Math.min(delay * (0.5 + Math.random()), deadline - Date.now()), opts.signal);
      delay = Math.min(delay * 2, 100);
    }
  }

  private async acquireOnce(name: string, state: { compromised?: Error }): Promise<ReleaseLock | undefined> {
    const path = join(this.locksDir, name);
    await mkdir(this.locksDir, { recursive: true, mode: 0o700 });
    try {
      return await lockfile.lock(path, {
        realpath: false,
        lockfilePath: path,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        retries: 0,
        onCompromised: (err) => {
          state.compromised = err;
        },
      });
    } catch (err) {
      if (isSystemError(err, 'ELOCKED')) return undefined;
      throw new UnavailableError(`cannot take lock "${name}": ${(err as Error).message}`, { cause: err });
    }
  }
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new InvalidArgumentError(`invalid lock name: "${name}"`);
  return name;
}

function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, Math.max(ms, 0));
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
