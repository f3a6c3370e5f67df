import { describe, expect, it } from 'vitest';
import {
  isOverlayWhiteout,
  ociOpaqueName,
  ociWhiteoutName,
  opaqueDirOp,
  parseWhiteoutName,
  whiteoutDeviceOp,
} from '../../../src/storage/whiteout.js';

const st = (char: boolean, rdev: number) => ({ isCharacterDevice: () => char, rdev });

describe('whiteouts', () => {
  it('classifies OCI whiteout names', () => {
    expect(parseWhiteoutName('.wh.motd')).toEqual({ kind: 'file', target: 'motd' });
    expect(parseWhiteoutName('.wh..wh..opq')).toEqual({ kind: 'opaque' });
    expect(parseWhiteoutName('.wh..wh.plnk')).toEqual({ kind: 'aufs-meta' });
    expect(parseWhiteoutName('motd')).toBeUndefined();
    expect(parseWhiteoutName('.wh..')).toBeUndefined();
  });

  it('translates them to overlay ops', () => {
    expect(whiteoutDeviceOp('/l/etc', 'motd')).toEqual({ op: 'mknod', path: '/l/etc/motd', mode: 0o020000, major: 0, minor: 0 });
    expect(opaqueDirOp('/l/var', true)).toEqual({ op: 'lsetxattr', path: '/l/var', name: 'user.overlay.opaque', value: 'y' });
    expect(opaqueDirOp('/l/var', false)).toMatchObject({ name: 'trusted.overlay.opaque' });
  });

  it('translates overlay whiteouts back to OCI names', () => {
    expect(isOverlayWhiteout(st(true, 0))).toBe(true);
    expect(isOverlayWhiteout(st(true, 259))).toBe(false);
    expect(isOverlayWhiteout(st(false, 0))).toBe(false);
    expect(ociWhiteoutName('etc', 'motd')).toBe('etc/.wh.motd');
    expect(ociWhiteoutName('', 'motd')).toBe('.wh.motd');
    expect(ociOpaqueName('var/cache')).toBe('var/cache/.wh..wh..opq');
    expect(ociOpaqueName('')).toBe('.wh..wh..opq');
  });
});
