import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_STALE_MS, Locks } from '../../../src/state/lock.js';
import { exited, startChild, waitForLine } from './child-process.js';

let dir: string;
let locks: Locks;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsmoby-locks-'));
  locks = new Locks(join(dir, 'locks'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Locks in one process', () => {
  it('serializes holders of the same name and releases on error', async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setImmediate(r));
      inside--;
    };
    await Promise.all([1, 2, 3].map(() => locks.withLock('layer-a', work)));
    expect(most).toBe(1);
    await expect(locks.withLock('layer-a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.withLock('layer-a', async () => 'free again')).toBe('free again');
  });

  it('tryLock reports a held lock without waiting', async () => {
    const release = await locks.tryLock('c1');
    expect(release).toBeDefined();
    expect(await locks.tryLock('c1')).toBeUndefined();
    await release!();
    const again = await locks.tryLock('c1');
    expect(again).toBeDefined();
    await again!();
  });

  it('keeps the store-wide lock apart from named locks', async () => {
    const outer = await locks.tryLock('store');
    expect(await locks.withStoreLock(async () => 'gc ran')).toBe('gc ran');
    await outer!();
  });

  it('refuses names that are not plain file names', async () => {
    await expect(locks.withLock('../x', async () => 1)).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(locks.withLock('.store', async () => 1)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});

describe('Locks between processes', () => {
  it('waits for a lock another process holds, and gets it when that process releases', async () => {
    const child = startChild(['hold', locks.locksDir, 'image-x']);
    await waitForLine(child, 'locked');
    expect(await locks.tryLock('image-x')).toBeUndefined();
    await expect(locks.withLock('image-x', async () => 1, { timeoutMs: 300 })).rejects.toThrow(/timed out waiting/);
    const got = locks.withLock('image-x', async () => 'mine', { timeoutMs: 20_000 });
    child.stdin!.end();
    expect(await got).toBe('mine');
    expect(await exited(child)).toBe(0);
  });

  it('takes over the lock of a process killed with SIGKILL within the stale interval', async () => {
    const child = startChild(['hold', locks.locksDir, 'container-y']);
    await waitForLine(child, 'locked');
    child.kill('SIGKILL');
    await exited(child);
    const started = Date.now();
    expect(await locks.withLock('container-y', async () => 'recovered', { timeoutMs: 20_000 })).toBe('recovered');
    expect(Date.now() - started).toBeLessThan(LOCK_STALE_MS + 2000);
  });
});
