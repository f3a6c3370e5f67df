import { describe, expect, it } from 'vitest';
import { containerStatus, humanDuration, humanSize, timeAgo } from '../../../../src/cli/render/human-units.js';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

describe('humanSize', () => {
  it('uses 3 significant digits and decimal units like go-units', () => {
    expect(humanSize(740)).toBe('740B');
    expect(humanSize(0)).toBe('0B');
    expect(humanSize(1200)).toBe('1.2kB');
    expect(humanSize(5_370_000)).toBe('5.37MB');
    expect(humanSize(1_987_655)).toBe('1.99MB');
    expect(humanSize(7_800_000_000)).toBe('7.8GB');
  });

  it('puts a space before the unit in Podman images style', () => {
    expect(humanSize(1_987_655, { space: true })).toBe('1.99 MB');
    expect(humanSize(2_000_000, { space: true })).toBe('2 MB');
  });
});

describe('humanDuration', () => {
  it.each([
    [400, 'Less than a second'], [S, '1 second'], [45 * S, '45 seconds'], [90 * S, 'About a minute'],
    [3 * M, '3 minutes'], [59 * M, '59 minutes'], [H, 'About an hour'], [2 * H, '2 hours'], [47 * H, '47 hours'],
    [2 * D, '2 days'], [13 * D, '13 days'], [21 * D, '3 weeks'], [120 * D, '4 months'], [800 * D, '2 years'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('adds " ago" for times in the past', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    expect(timeAgo(new Date('2024-05-01T11:57:00Z'), now)).toBe('3 minutes ago');
    expect(timeAgo(now.getTime() + 5000, now)).toBe('Less than a second ago');
  });
});

describe('containerStatus', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('reads as in ps', () => {
    expect(containerStatus({ state: 'created' }, now)).toBe('Created');
    expect(containerStatus({ state: 'running', startedAt: now - 3 * M }, now)).toBe('Up 3 minutes');
    expect(containerStatus({ state: 'paused', startedAt: now - 2 * H }, now)).toBe('Up 2 hours (Paused)');
    expect(containerStatus({ state: 'exited', exitCode: 0, finishedAt: now - 2 * S }, now)).toBe('Exited (0) 2 seconds ago');
    expect(containerStatus({ state: 'stopped', exitCode: 137, finishedAt: now - D * 3 }, now)).toBe('Exited (137) 3 days ago');
  });
});
