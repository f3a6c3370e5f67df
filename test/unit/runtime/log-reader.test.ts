import { describe, expect, it } from 'vitest';
import { formatLogRecord, parseLogLine } from '../../../src/runtime/log-reader.js';

describe('parseLogLine', () => {
  it('reads time, stream, partial flag and text (spaces kept)', () => {
    expect(parseLogLine('2024-05-01T10:00:00.123456789+02:00 stderr P  two  spaces')).toMatchObject({
      timestamp: '2024-05-01T10:00:00.123456789+02:00', stream: 'stderr', partial: true, text: ' two  spaces',
    });
    expect(parseLogLine('2024-05-01T10:00:00.123456789+02:00 stdout F')?.text).toBe('');
    expect(parseLogLine('2024-05-01T10:00:00.123456789+02:00 stdout F x')?.time.toISOString()).toBe('2024-05-01T08:00:00.123Z');
  });

  it('rejects lines that are not k8s-file records', () => {
    expect(parseLogLine('garbage')).toBeUndefined();
    expect(parseLogLine('notatime stdout F x')).toBeUndefined();
    expect(parseLogLine('2024-05-01T10:00:00Z stdin F x')).toBeUndefined();
  });

  it('formats with and without timestamps', () => {
    const record = { timestamp: '2024-05-01T10:00:00.1+00:00', time: new Date(0), stream: 'stdout' as const, text: 'hi\n' };
    expect(formatLogRecord(record)).toBe('hi\n');
    expect(formatLogRecord(record, { timestamps: true })).toBe('2024-05-01T10:00:00.1+00:00 hi\n');
  });
});
