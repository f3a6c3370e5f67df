// The container operations' decisions, with fakes: restart policies applied at cleanup, liveness
// reconciliation (a vanished runroot after a reboot reads as Exited), inspect's shape, and name conflicts.
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../../src/errors/index.js';
import { cleanupLocked, shouldRestart } from '../../../../src/engine/containers/container-cleanup.js';
import { LocalContainerEngine } from '../../../../src/engine/containers/container-engine.js';
import { LOST_EXIT_CODE, observedState } from '../../../../src/engine/containers/container-liveness.js';
import type { ContainerRecord } from '../../../../src/engine/containers/container-record.js';
import { fakeContainerWorld, fakeRecord, type FakeContainerWorld } from '../../../fakes/fake-container-deps.js';

const ID = '1'.repeat(64);
const running = { status: 'running' as const, mounted: true, conmon: { pid: 50, startTime: 's50' }, process: { pid: 51, startTime: 's51' }, startedAt: '2024-05-01T09:30:00Z' };

describe('shouldRestart (Docker restart policies)', () => {
  const exited = (policy: ContainerRecord['config']['restartPolicy'], exitCode: number, restartCount = 0, stoppedByUser = false) =>
    fakeRecord(ID, 'c', { restartPolicy: policy }, { status: 'exited', exitCode, restartCount, stoppedByUser });

  it('restarts on-failure only after a non-zero exit and within its retry count', () => {
    expect(shouldRestart(exited({ name: 'on-failure', maximumRetryCount: 2 }, 1, 0))).toBe(true);
    expect(shouldRestart(exited({ name: 'on-failure', maximumRetryCount: 2 }, 1, 2))).toBe(false);
    expect(shouldRestart(exited({ name: 'on-failure', maximumRetryCount: 2 }, 0, 0))).toBe(false);
    expect(shouldRestart(exited({ name: 'on-failure', maximumRetryCount: 0 }, 3, 50))).toBe(true);
  });

  it('restarts always and unless-stopped whatever the code, never after the user stopped it, never with no', () => {
    expect(shouldRestart(exited({ name: 'always', maximumRetryCount: 0 }, 0))).toBe(true);
    expect(shouldRestart(exited({ name: 'unless-stopped', maximumRetryCount: 0 }, 137))).toBe(true);
    expect(shouldRestart(exited({ name: 'always', maximumRetryCount: 0 }, 137, 0, true))).toBe(false);
    expect(shouldRestart(exited({ name: 'no', maximumRetryCount: 0 }, 1))).toBe(false);
  });
});

describe('container operations with fakes', () => {
  let w: FakeContainerWorld;
  let engine: LocalContainerEngine;
  beforeEach(() => {
    w = fakeContainerWorld();
    engine = new LocalContainerEngine(w.deps);
  });
  afterEach(() => w.dispose());

  const exitFile = (id: string, code: number) => {
    const path = w.deps.store.paths(id).exitFile;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${code}\n`);
  };

  it('reads a running record whose monitor and process vanished (runroot gone after a reboot) as exited', async () => {
    await w.deps.store.write(fakeRecord(ID, 'web', {}, running));
    const state = observedState((await w.deps.store.read(ID))!, w.deps.store.paths(ID).exitFile, w.deps.processes);
    expect(state).toMatchObject({ status: 'exited', exitCode: LOST_EXIT_CODE });
    expect(state.conmon).toBeUndefined();
    const [summary] = await engine.list({ all: true });
    expect(summary).toMatchObject({ names: ['web'], status: 'exited', exitCode: 255 });
    expect(await engine.list()).toEqual([]);
  });

  it('keeps a running container running while conmon lives, and takes the exit file over the pids', async () => {
    w.alive.set(50, 's50');
    await w.deps.store.write(fakeRecord(ID, 'web', {}, running));
    expect((await engine.inspect('web')).State).toMatchObject({ Status: 'running', Running: true });
    exitFile(ID, 3);
    expect((await engine.inspect('web')).State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 3 });
  });

  it('does not take a reused pid (other start time) for the container monitor', async () => {
    w.alive.set(50, 'someone-else');
    await w.deps.store.write(fakeRecord(ID, 'web', {}, running));
    expect((await engine.inspect('web')).State.Status).toBe('exited');
  });

  it('cleanup records the exit, unmounts, forgets the runtime state and applies on-failure', async () => {
    await w.deps.store.write(fakeRecord(ID, 'flaky', { restartPolicy: { name: 'on-failure', maximumRetryCount: 1 } }, running));
    exitFile(ID, 1);
    const removed: string[] = [];
    const outcome = await cleanupLocked(w.deps, (await w.deps.store.read(ID))!, async (r) => { removed.push(r.config.id); });
    expect(outcome).toEqual({ restarted: true, removed: false });
    expect(w.calls).toEqual(expect.arrayContaining(['fs umount', `delete ${ID.slice(0, 4)}`, 'create flaky', `start ${ID.slice(0, 4)}`]));
    const after = (await w.deps.store.read(ID))!;
    expect(after.state).toMatchObject({ status: 'running', restartCount: 1 });
    // The second failure exhausts on-failure:1 and leaves it exited.
    rmSync(w.deps.store.paths(ID).exitFile, { force: true });
    w.alive.clear();
    exitFile(ID, 1);
    expect(await cleanupLocked(w.deps, after, async () => undefined)).toEqual({ restarted: false, removed: false });
    expect((await w.deps.store.read(ID))!.state).toMatchObject({ status: 'exited', exitCode: 1, restartCount: 1, mounted: false });
  });

  it('cleanup removes an --rm container and does not restart one the user stopped', async () => {
    await w.deps.store.write(fakeRecord(ID, 'gone', { autoRemove: true }, running));
    exitFile(ID, 0);
    const removed: string[] = [];
    expect(await cleanupLocked(w.deps, (await w.deps.store.read(ID))!, async (r) => { removed.push(r.config.name); }))
      .toEqual({ restarted: false, removed: true });
    expect(removed).toEqual(['gone']);
    const other = '2'.repeat(64);
    await w.deps.store.write(fakeRecord(other, 'kept', { restartPolicy: { name: 'always', maximumRetryCount: 0 } }, { ...running, stoppedByUser: true }));
    exitFile(other, 137);
    expect(await cleanupLocked(w.deps, (await w.deps.store.read(other))!, async () => undefined)).toEqual({ restarted: false, removed: false });
    expect(w.calls).not.toContain('create kept');
  });

  it('kill ends the restart policy as Docker does: SIGKILL or the stop signal always, another signal only for unless-stopped', async () => {
    const killWith = async (id: string, policy: ContainerRecord['config']['restartPolicy']['name'], signal: string, stopSignal?: number) => {
      w.alive.set(50, 's50');
      await w.deps.store.write(fakeRecord(id, `k${id[0]}`, {
        restartPolicy: { name: policy, maximumRetryCount: 0 }, ...(stopSignal !== undefined ? { stopSignal } : {}),
      }, running));
      await engine.kill([id], { signal });
      return (await w.deps.store.read(id))!.state.stoppedByUser;
    };
    expect(await killWith('3'.repeat(64), 'always', 'KILL', 2)).toBe(true);
    expect(await killWith('4'.repeat(64), 'always', 'INT', 2)).toBe(true);
    expect(await killWith('5'.repeat(64), 'always', 'HUP')).toBe(true);
    expect(await killWith('6'.repeat(64), 'always', 'HUP', 2)).toBe(false);
    expect(await killWith('7'.repeat(64), 'on-failure', 'USR1', 15)).toBe(false);
    expect(await killWith('8'.repeat(64), 'unless-stopped', 'HUP', 2)).toBe(true);
  });

  it('cleanup is a no-op for a container that is still running', async () => {
    w.alive.set(50, 's50');
    await w.deps.store.write(fakeRecord(ID, 'web', {}, running));
    expect(await cleanupLocked(w.deps, (await w.deps.store.read(ID))!, async () => undefined)).toEqual({ restarted: false, removed: false });
    expect(w.calls).toEqual([]);
  });

  it('shapes inspect as Docker: name with a slash, state, config, host config and mounts', async () => {
    await w.deps.store.write(fakeRecord(ID, 'shaped', {
      labels: { tier: 'web' }, env: ['A=1'], autoRemove: true, restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      mounts: [{ type: 'tmpfs', target: '/scratch', readOnly: false } as never],
    }, { status: 'exited', exitCode: 2, finishedAt: '2024-05-01T09:45:00Z', startedAt: '2024-05-01T09:30:00Z' }));
    const doc = await engine.inspect(ID.slice(0, 6));
    expect(doc.Id).toBe(ID);
    expect(doc.Name).toBe('/shaped');
    expect(doc.State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 2, Pid: 0, FinishedAt: '2024-05-01T09:45:00Z' });
    expect(doc.Config).toMatchObject({ Labels: { tier: 'web' } });
    expect(doc.HostConfig).toMatchObject({ AutoRemove: true, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } });
    expect(doc.Mounts).toEqual([expect.objectContaining({ Type: 'tmpfs', Destination: '/scratch' })]);
    expect(doc.Image).toBe(`sha256:${'a'.repeat(64)}`);
  });

  it('refuses a name in use, for create and for rename, and resolves names, ids and prefixes', async () => {
    await w.deps.store.write(fakeRecord(ID, 'taken'));
    await expect(w.deps.store.createRecord('taken', async (id, name) => fakeRecord(id, name))).rejects.toBeInstanceOf(ConflictError);
    await expect(w.deps.store.createRecord('taken', async (id, name) => fakeRecord(id, name))).rejects.toThrow(/already in use by 1111/);
    const other = await w.deps.store.createRecord(undefined, async (id, name) => fakeRecord(id, name));
    expect(other.config.name).toMatch(/^[a-z]+_[a-z]+\d*$/);
    await expect(engine.rename(other.config.id, 'taken')).rejects.toBeInstanceOf(ConflictError);
    await engine.rename('taken', 'renamed');
    expect((await w.deps.store.resolve('renamed')).config.id).toBe(ID);
    await expect(w.deps.store.resolve('taken')).rejects.toBeInstanceOf(NotFoundError);
    expect(await engine.exists(ID.slice(0, 12))).toBe(true);
  });

  it('gives the name to the create that writes its record first and discards what the other one prepared', async () => {
    const discarded: string[] = [];
    const loser = w.deps.store.createRecord('contested', async (id, name) => {
      // Another create takes the name while this one prepares its files outside the names lock.
      await w.deps.store.createRecord('contested', async (otherId, otherName) => fakeRecord(otherId, otherName));
      return fakeRecord(id, name);
    }, async (prepared) => {
      discarded.push(prepared.config.id);
    });
    await expect(loser).rejects.toThrow(/"contested" is already in use/);
    const winner = await w.deps.store.resolve('contested');
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).not.toBe(winner.config.id);
    expect(await w.deps.store.read(discarded[0]!)).toBeUndefined();
  });
});
