import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../../src/state/event-log.js';

const dir = mkdtempSync(join(tmpdir(), 'event-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EventLog', () => {
  it('replays what was appended, in order', async () => {
    const log = new EventLog<{ n: number }>(join(dir, 'a', 'events.log'));
    for (let n = 0; n < 5; n++) await log.append({ n });
    const seen: number[] = [];
    for await (const r of log.read()) seen.push(r.n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows new records until aborted', async () => {
    const log = new EventLog<{ n: number }>(join(dir, 'b', 'events.log'), 20);
    await log.append({ n: 1 });
    const ac = new AbortController();
    const seen: number[] = [];
    const reader = (async () => {
      for await (const r of log.read({ follow: true, signal: ac.signal })) {
        seen.push(r.n);
        if (r.n === 3) ac.abort();
      }
    })();
    await log.append({ n: 2 });
    await log.append({ n: 3 });
    await reader;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('reading a log that does not exist yields nothing', async () => {
    const log = new EventLog(join(dir, 'none', 'events.log'));
    const seen = [];
    for await (const r of log.read()) seen.push(r);
    expect(seen).toEqual([]);
  });
});
