import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordStore, readRecord, writeRecord } from '../../../src/state/record-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsmoby-records-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Net {
  name: string;
  subnet: string;
}

describe('records', () => {
  it('writes, reads back, replaces and removes a record, leaving no temp files', async () => {
    const store = new RecordStore<Net>(join(dir, 'networks'));
    expect(await store.read('web')).toBeUndefined();
    await store.write('web', { name: 'web', subnet: '10.89.0.0/24' });
    await store.write('web', { name: 'web', subnet: '10.89.1.0/24' });
    expect(await store.read('web')).toEqual({ name: 'web', subnet: '10.89.1.0/24' });
    expect(await readdir(join(dir, 'networks'))).toEqual(['web.json']);
    expect(await store.remove('web')).toBe(true);
    expect(await store.remove('web')).toBe(false);
  });

  it('lists records sorted, skipping temp files and reporting corrupt ones without hiding the rest', async () => {
    const store = new RecordStore<Net>(join(dir, 'networks'));
    await store.write('b', { name: 'b', subnet: '2' });
    await store.write('a', { name: 'a', subnet: '1' });
    await writeFile(join(dir, 'networks', '.c.json.123.tmp'), '{"half');
    await writeFile(join(dir, 'networks', 'broken.json'), '{"half');
    const corrupt: string[] = [];
    const listed = await store.list((path) => corrupt.push(path));
    expect(listed.map((r) => r.value.name)).toEqual(['a', 'b']);
    expect(corrupt).toEqual([join(dir, 'networks', 'broken.json')]);
  });

  it('lists per-directory records (containers/<id>/record.json), skipping a directory without its record', async () => {
    const store = new RecordStore<{ id: string }>(join(dir, 'containers'), { kind: 'subdir', file: 'record.json' });
    await store.write('c1', { id: 'c1' });
    await mkdir(join(dir, 'containers', 'c2'));
    expect((await store.list()).map((r) => r.name)).toEqual(['c1']);
  });

  it('tolerates records vanishing and being replaced while a reader lists', async () => {
    const store = new RecordStore<{ n: number }>(join(dir, 'images'));
    for (let i = 0; i < 50; i++) await store.write(`r${i}`, { n: i });
    const churn = (async () => {
      for (let round = 0; round < 20; round++) {
        for (let i = 0; i < 50; i += 2) await store.remove(`r${i}`);
        for (let i = 1; i < 50; i += 2) await store.write(`r${i}`, { n: i + round });
        for (let i = 0; i < 50; i += 2) await store.write(`r${i}`, { n: i });
      }
    })();
    const lists: number[] = [];
    for (let k = 0; k < 20; k++) {
      const listed = await store.list(() => {
        throw new Error('a reader saw a torn record');
      });
      lists.push(listed.length);
    }
    await churn;
    expect(lists.every((n) => n >= 25 && n <= 50)).toBe(true);
  });

  it('readRecord is undefined for a missing file and writeRecord creates directories', async () => {
    expect(await readRecord(join(dir, 'nope', 'x.json'))).toBeUndefined();
    await writeRecord(join(dir, 'deep', 'er', 'x.json'), { ok: true });
    expect(await readRecord(join(dir, 'deep', 'er', 'x.json'))).toEqual({ ok: true });
  });
});
