import { describe, expect, it } from 'vitest';
import { resolveGroupAdd, resolveUser } from '../../../../src/engine/containers/resolve-user.js';

const files = {
  passwd: [
    'root:x:0:0:root:/root:/bin/sh',
    'app:x:1000:1000:App:/home/app:/bin/sh',
    'nohome:x:1001:1001::',
    '# a comment',
    'broken:x:abc:1:::',
  ].join('\n'),
  group: ['root:x:0:', 'wheel:x:10:root,app', 'app:x:1000:', 'video:x:44:app', 'staff:x:50:'].join('\n'),
};

describe('resolveUser', () => {
  it('no -u is root, with root\'s home and root\'s supplementary groups', () => {
    expect(resolveUser(undefined, files)).toEqual({ uid: 0, gid: 0, additionalGids: [10], home: '/root' });
    expect(resolveUser('', {})).toEqual({ uid: 0, gid: 0, additionalGids: [], home: '/' });
  });

  it('a name takes uid, gid and home from passwd, groups from membership', () => {
    expect(resolveUser('app', files)).toEqual({ uid: 1000, gid: 1000, additionalGids: [10, 44], home: '/home/app' });
  });

  it('a uid listed in passwd is that user', () => {
    expect(resolveUser('1000', files)).toMatchObject({ uid: 1000, gid: 1000, home: '/home/app' });
  });

  it('numeric ids work without any passwd entry: gid 0, home /', () => {
    expect(resolveUser('4242', files)).toEqual({ uid: 4242, gid: 0, additionalGids: [], home: '/' });
    expect(resolveUser('12:34', {})).toEqual({ uid: 12, gid: 34, additionalGids: [], home: '/' });
  });

  it('an explicit group replaces the primary group and the supplementary ones', () => {
    expect(resolveUser('app:staff', files)).toEqual({ uid: 1000, gid: 50, additionalGids: [], home: '/home/app' });
    expect(resolveUser('app:99', files)).toMatchObject({ gid: 99 });
  });

  it('an empty home field falls back to /', () => {
    expect(resolveUser('nohome', files).home).toBe('/');
  });

  it('unknown names fail as Docker says', () => {
    expect(() => resolveUser('ghost', files)).toThrow('unable to find user ghost: no matching entries in passwd file');
    expect(() => resolveUser('app', {})).toThrow('unable to find user app: no matching entries in passwd file');
    expect(() => resolveUser('app:ghosts', files)).toThrow(
      'unable to find group ghosts: no matching entries in group file',
    );
  });

  it('refuses ids beyond the kernel\'s range', () => {
    expect(() => resolveUser('99999999999', files)).toThrow(/out of range/);
  });

  it('--group-add resolves names and takes numbers as they are', () => {
    expect(resolveGroupAdd(['video', '777'], files)).toEqual([44, 777]);
    expect(() => resolveGroupAdd(['nope'], files)).toThrow('unable to find group nope');
  });
});
