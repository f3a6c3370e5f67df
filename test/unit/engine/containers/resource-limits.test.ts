import { describe, expect, it } from 'vitest';
import {
  parseByteSize, parseCpus, parseLogOptions, parseMemory, parseRestartPolicy, parseUlimit,
} from '../../../../src/engine/containers/resource-limits.js';

describe('sizes', () => {
  it('reads Docker\'s binary units', () => {
    expect(parseByteSize('512', '--x')).toBe(512);
    expect(parseByteSize('100k', '--x')).toBe(102400);
    expect(parseByteSize('10m', '--x')).toBe(10 * 2 ** 20);
    expect(parseByteSize('1g', '--x')).toBe(2 ** 30);
    expect(parseByteSize('1.5G', '--x')).toBe(1.5 * 2 ** 30);
    expect(parseByteSize('64MiB', '--x')).toBe(64 * 2 ** 20);
    expect(parseByteSize('2kb', '--x')).toBe(2048);
    expect(() => parseByteSize('ten', '--log-opt max-size')).toThrow('invalid size for --log-opt max-size: "ten"');
  });

  it('--memory has Docker\'s 6MB floor', () => {
    expect(parseMemory('6m')).toBe(6 * 2 ** 20);
    expect(() => parseMemory('4m')).toThrow('Minimum memory limit allowed is 6MB');
  });

  it('--cpus becomes NanoCpus', () => {
    expect(parseCpus('1.5')).toBe(1_500_000_000);
    expect(parseCpus('.5')).toBe(500_000_000);
    expect(() => parseCpus('0')).toThrow(/at least 0.01/);
    expect(() => parseCpus('two')).toThrow(/invalid value for --cpus/);
  });
});

describe('--ulimit', () => {
  it('soft[:hard], hard defaulting to soft, -1 unlimited', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ name: 'nofile', soft: 1024, hard: 2048 });
    expect(parseUlimit('core=0')).toEqual({ name: 'core', soft: 0, hard: 0 });
    expect(parseUlimit('memlock=-1:-1')).toEqual({ name: 'memlock', soft: -1, hard: -1 });
  });

  it('refuses unknown names, soft above hard and extra values', () => {
    expect(() => parseUlimit('files=1')).toThrow('invalid ulimit type: files');
    expect(() => parseUlimit('nofile=200:100')).toThrow('ulimit soft limit must be less than or equal to hard limit: 200 > 100');
    expect(() => parseUlimit('nofile=-1:100')).toThrow(/soft limit must be less/);
    expect(() => parseUlimit('nofile=1:2:3')).toThrow(/too many limit value arguments/);
    expect(() => parseUlimit('nofile')).toThrow('invalid ulimit argument: nofile');
  });
});

describe('--restart', () => {
  it('accepts the four policies', () => {
    expect(parseRestartPolicy('no')).toEqual({ name: 'no', maximumRetryCount: 0 });
    expect(parseRestartPolicy('always')).toEqual({ name: 'always', maximumRetryCount: 0 });
    expect(parseRestartPolicy('unless-stopped')).toEqual({ name: 'unless-stopped', maximumRetryCount: 0 });
    expect(parseRestartPolicy('on-failure:3')).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(parseRestartPolicy('on-failure')).toEqual({ name: 'on-failure', maximumRetryCount: 0 });
  });

  it('refuses counts elsewhere and unknown names', () => {
    expect(() => parseRestartPolicy('always:3')).toThrow(/only valid with on-failure/);
    expect(() => parseRestartPolicy('on-failure:x')).toThrow(/must be an integer/);
    expect(() => parseRestartPolicy('sometimes')).toThrow(/invalid restart policy "sometimes"/);
  });
});

describe('--log-opt', () => {
  it('understands max-size and max-file, keeps everything', () => {
    expect(parseLogOptions(['max-size=10m', 'max-file=3', 'tag=x'])).toEqual({
      maxSizeBytes: 10 * 2 ** 20, maxFile: 3, raw: { 'max-size': '10m', 'max-file': '3', tag: 'x' },
    });
    expect(parseLogOptions([])).toEqual({ raw: {} });
    expect(() => parseLogOptions(['max-size'])).toThrow(/expected key=value/);
    expect(() => parseLogOptions(['max-file=0'])).toThrow(/max-file "0"/);
  });
});
