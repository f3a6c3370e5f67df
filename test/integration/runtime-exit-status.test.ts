// Liveness from conmon's exit file and pids with start times, on real files and a scripted process table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerLiveness, identify, readExitFile, waitForExitFile } from '../../src/runtime/exit-status.js';
import type { ProcessTable } from '../../src/sys/process-table.js';

const dir = mkdtempSync(join(tmpdir(), 'tsmoby-exits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (live: Record<number, string>): ProcessTable => ({ startTime: (pid) => live[pid] });

describe('exit status', () => {
  it('reads the code conmon wrote, and nothing from an empty or missing file', async () => {
    writeFileSync(join(dir, 'a'), '137');
    writeFileSync(join(dir, 'b'), '');
    expect((await readExitFile(dir, 'a'))?.exitCode).toBe(137);
    expect(await readExitFile(dir, 'b')).toBeUndefined();
    expect(await readExitFile(dir, 'none')).toBeUndefined();
  });

  it('running while the monitor lives with the same start time; lost when its pid was reused', async () => {
    const conmon = { pid: 500, startTime: '111' };
    expect(await containerLiveness({ exitDir: dir, cid: 'c', conmon, processes: table({ 500: '111' }) })).toEqual({ state: 'running' });
    expect(await containerLiveness({ exitDir: dir, cid: 'c', conmon, processes: table({ 500: '999' }) })).toEqual({ state: 'lost' });
    writeFileSync(join(dir, 'c'), '0');
    expect(await containerLiveness({ exitDir: dir, cid: 'c', conmon, processes: table({ 500: '111' }) })).toMatchObject({ state: 'exited', exitCode: 0 });
  });

  it('identifies this process and stops waiting when the monitor is gone without an exit file', async () => {
    expect(identify(process.pid)?.pid).toBe(process.pid);
    const started = Date.now();
    expect(await waitForExitFile(dir, 'never', { conmon: { pid: 1, startTime: 'x' }, processes: table({}), timeoutMs: 5000 })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
