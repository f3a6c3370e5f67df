import { describe, expect, it } from 'vitest';
import { findSubordinateRange, idMapText, newIdMapArgv, rootlessIdMap } from '../../../src/sys/id-maps.js';

const SUBUID = `# comment
alice:100000:65536
1001:300000:1000
bob:200000:65536
bob:500000:10
broken:line
`;

describe('findSubordinateRange', () => {
  it('finds the first range by user name', () => {
    expect(findSubordinateRange(SUBUID, { name: 'bob', id: 1002 })).toEqual({ start: 200000, count: 65536 });
  });
  it('finds a range by numeric uid', () => {
    expect(findSubordinateRange(SUBUID, { name: 'carol', id: 1001 })).toEqual({ start: 300000, count: 1000 });
  });
  it('returns undefined for a user without a range, and skips malformed lines', () => {
    expect(findSubordinateRange(SUBUID, { name: 'broken', id: 5 })).toBeUndefined();
    expect(findSubordinateRange('', { name: 'alice', id: 1000 })).toBeUndefined();
    expect(findSubordinateRange('alice:x:10\nalice:7:0\n', { name: 'alice', id: 1000 })).toBeUndefined();
  });
});

describe('id map argv', () => {
  it('maps the own id to 0 and the range from 1', () => {
    const map = rootlessIdMap(1001, { start: 200000, count: 65536 });
    expect(newIdMapArgv('newuidmap', 77, map)).toEqual(['newuidmap', '77', '0', '1001', '1', '1', '200000', '65536']);
    expect(idMapText(map)).toBe('0 1001 1\n1 200000 65536\n');
  });
  it('maps only the own id without a range', () => {
    expect(idMapText(rootlessIdMap(1001, undefined))).toBe('0 1001 1\n');
  });
});
