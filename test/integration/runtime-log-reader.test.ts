// The k8s-file reader on real files: partial records joined, --tail, --since/--until, and follow mode across
// appends, truncation (conmon's --log-size-max) and replacement by rename, ending when told the container is done.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLog, type LogRecord } from '../../src/runtime/log-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'tsmoby-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ts = (s: number) => `2024-05-01T10:00:${String(s).padStart(2, '0')}.000000001+02:00`;
const rec = (s: number, stream: string, tag: string, text: string) => `${ts(s)} ${stream} ${tag} ${text}\n`;

async function collect(it: AsyncIterable<LogRecord>): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('readLog', () => {
  const path = join(dir, 'ctr.log');
  writeFileSync(path, [
    rec(1, 'stdout', 'F', 'one'), rec(2, 'stdout', 'P', 'two-a'), rec(3, 'stderr', 'F', 'err'),
    rec(4, 'stdout', 'F', '-b'), rec(5, 'stdout', 'F', 'three'), rec(6, 'stdout', 'P', 'no newline'),
  ].join(''));

  it('joins partial records per stream and keeps a trailing partial without newline', async () => {
    const records = await collect(readLog(path));
    expect(records.map((r) => [r.stream, r.text])).toEqual([
      ['stdout', 'one\n'], ['stderr', 'err\n'], ['stdout', 'two-a-b\n'], ['stdout', 'three\n'], ['stdout', 'no newline'],
    ]);
    expect(records[2]!.timestamp).toBe(ts(2));
  });

  it('--tail N gives the last N whole records, --since and --until cut by time', async () => {
    expect((await collect(readLog(path, { tail: 2 }))).map((r) => r.text)).toEqual(['two-a-b\n', 'three\n', 'no newline']);
    expect((await collect(readLog(path, { tail: 0 }))).map((r) => r.text)).toEqual(['no newline']);
    const since = new Date('2024-05-01T08:00:03Z');
    const until = new Date('2024-05-01T08:00:04.5Z');
    expect((await collect(readLog(path, { since, until }))).map((r) => r.text)).toEqual(['err\n']);
  });

  it('follows appends, truncation and replacement until the container is done', async () => {
    const live = join(dir, 'live.log');
    writeFileSync(live, rec(1, 'stdout', 'F', 'first'));
    let done = false;
    const seen: string[] = [];
    const reading = (async () => {
      for await (const r of readLog(live, { follow: { done: () => done, pollMs: 10 } })) seen.push(r.text);
    })();
    const until = async (n: number) => {
      const deadline = Date.now() + 5000;
      while (seen.length < n) {
        if (Date.now() > deadline) throw new Error(`saw only ${JSON.stringify(seen)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(1);
    appendFileSync(live, rec(2, 'stdout', 'F', 'appended'));
    await until(2);
    writeFileSync(live, rec(3, 'stdout', 'F', 'after truncation'));
    await until(3);
    writeFileSync(`${live}.tmp`, rec(4, 'stderr', 'F', 'after rename'));
    renameSync(`${live}.tmp`, live);
    await until(4);
    appendFileSync(live, rec(5, 'stdout', 'F', 'last words'));
    done = true;
    await reading;
    expect(seen).toEqual(['first\n', 'appended\n', 'after truncation\n', 'after rename\n', 'last words\n']);
  });
});
