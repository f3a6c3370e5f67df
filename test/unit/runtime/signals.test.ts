import { describe, expect, it } from 'vitest';
import { listSignals, parseSignal, signalName } from '../../../src/runtime/signals.js';

describe('signals', () => {
  it('parses names with or without SIG, in any case, and numbers', () => {
    expect(parseSignal('SIGTERM')).toBe(15);
    expect(parseSignal('term')).toBe(15);
    expect(parseSignal('SigKill')).toBe(9);
    expect(parseSignal('2')).toBe(2);
    expect(parseSignal('SIGIOT')).toBe(6);
    expect(parseSignal('SIGWINCH')).toBe(28);
  });

  it('parses real-time signals relative to both ends', () => {
    expect(parseSignal('SIGRTMIN')).toBe(34);
    expect(parseSignal('RTMIN+3')).toBe(37);
    expect(parseSignal('SIGRTMAX-1')).toBe(63);
    expect(parseSignal('64')).toBe(64);
  });

  it('refuses what is no signal, with the user\'s words', () => {
    expect(() => parseSignal('SIGFOO')).toThrow('invalid signal: SIGFOO');
    expect(() => parseSignal('0')).toThrow('invalid signal: 0');
    expect(() => parseSignal('65')).toThrow('invalid signal: 65');
    expect(() => parseSignal('RTMIN+31')).toThrow('invalid signal');
    expect(() => parseSignal('RTMAX+1')).toThrow('invalid signal');
  });

  it('names numbers as kill -l does', () => {
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalName(34)).toBe('SIGRTMIN');
    expect(signalName(49)).toBe('SIGRTMIN+15');
    expect(signalName(50)).toBe('SIGRTMAX-14');
    expect(signalName(64)).toBe('SIGRTMAX');
    expect(() => signalName(32)).toThrow('invalid signal: 32');
  });

  it('lists 62 signals whose names parse back to their numbers', () => {
    const all = listSignals();
    expect(all).toHaveLength(31 + 31);
    for (const { name, number } of all) expect(parseSignal(name)).toBe(number);
  });
});
