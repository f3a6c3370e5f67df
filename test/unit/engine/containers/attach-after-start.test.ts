// Which attachments follow the log from the start instead of conmon's socket: output-only, to a run that
// started moments ago (a client that starts first and attaches after).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ATTACH_AFTER_START_MS, attachesJustAfterStart } from '../../../../src/engine/containers/attach-after-exit.js';
import { fakeRecord } from '../../../fakes/fake-container-deps.js';

const started = '2024-05-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(started) + ms);

describe('attachesJustAfterStart', () => {
  const running = fakeRecord('c1', 'web', {}, { status: 'running', startedAt: started });
  const out = { stdout: new PassThrough() };

  it('takes output-only attachments within moments of the start', () => {
    expect(attachesJustAfterStart(running, out, at(50))).toBe(true);
    expect(attachesJustAfterStart(running, { ...out, stderr: new PassThrough() }, at(ATTACH_AFTER_START_MS - 1))).toBe(true);
  });

  it('leaves later attachments, stdin, and runs that are not running to conmon\'s socket', () => {
    expect(attachesJustAfterStart(running, out, at(ATTACH_AFTER_START_MS))).toBe(false);
    expect(attachesJustAfterStart(running, { ...out, stdin: new PassThrough() }, at(50))).toBe(false);
    const created = fakeRecord('c2', 'db', {}, { status: 'created' });
    expect(attachesJustAfterStart(created, out, at(50))).toBe(false);
  });
});
