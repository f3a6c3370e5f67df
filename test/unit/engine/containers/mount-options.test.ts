import { describe, expect, it } from 'vitest';
import { parseMountFlag, parseTmpfsFlag, parseVolumeFlag } from '../../../../src/engine/containers/mount-options.js';

describe('-v', () => {
  it('binds an absolute host path, rw by default', () => {
    expect(parseVolumeFlag('/srv/data:/data', '/w')).toEqual({ type: 'bind', source: '/srv/data', target: '/data', readOnly: false });
  });

  it('takes ro, propagation, relabel and mount flags', () => {
    expect(parseVolumeFlag('/a:/b:ro,Z,rslave,noexec', '/w')).toEqual({
      type: 'bind', source: '/a', target: '/b', readOnly: true, relabel: 'Z', propagation: 'rslave', options: ['noexec'],
    });
  });

  it('resolves relative host paths against the caller\'s directory', () => {
    expect(parseVolumeFlag('./conf:/etc/app', '/home/me/proj')).toMatchObject({ source: '/home/me/proj/conf' });
  });

  it('a bare name is a named volume; a bare path an anonymous one', () => {
    expect(parseVolumeFlag('cache:/var/cache:nocopy', '/')).toEqual({
      type: 'volume', source: 'cache', target: '/var/cache', readOnly: false, noCopy: true,
    });
    expect(parseVolumeFlag('/data', '/')).toEqual({ type: 'volume', target: '/data', readOnly: false });
  });

  it('refuses what Docker refuses', () => {
    expect(() => parseVolumeFlag('/a:data', '/')).toThrow(/destination must be an absolute path/);
    expect(() => parseVolumeFlag('/a:/', '/')).toThrow("destination can't be '/'");
    expect(() => parseVolumeFlag('/a:/b:bogus', '/')).toThrow('invalid mode: bogus');
    expect(() => parseVolumeFlag('my vol:/b', '/')).toThrow(/invalid characters for a local volume name/);
    expect(() => parseVolumeFlag('a:b:c:d', '/')).toThrow("invalid volume specification: 'a:b:c:d'");
  });
});

describe('--mount', () => {
  it('bind with aliases and readonly flag', () => {
    expect(parseMountFlag('type=bind,src=/a,dst=/b,readonly,bind-propagation=shared', '/')).toEqual({
      type: 'bind', source: '/a', target: '/b', readOnly: true, propagation: 'shared',
    });
    expect(parseMountFlag('type=bind,source=/a,destination=/b,ro=false', '/')).toMatchObject({ readOnly: false });
  });

  it('volume is the default type; without source it is anonymous', () => {
    expect(parseMountFlag('source=v,target=/d', '/')).toEqual({ type: 'volume', source: 'v', target: '/d', readOnly: false });
    expect(parseMountFlag('type=volume,target=/d,volume-nocopy', '/')).toEqual({
      type: 'volume', target: '/d', readOnly: false, noCopy: true,
    });
  });

  it('tmpfs with size and octal mode', () => {
    expect(parseMountFlag('type=tmpfs,target=/t,tmpfs-size=64m,tmpfs-mode=1770', '/')).toEqual({
      type: 'tmpfs', target: '/t', readOnly: false, sizeBytes: 64 * 2 ** 20, mode: 0o1770,
    });
  });

  it('names the problem', () => {
    expect(() => parseMountFlag('type=bind,src=/a', '/')).toThrow(/target is required/);
    expect(() => parseMountFlag('type=bind,target=/a', '/')).toThrow(/source is required when type is bind/);
    expect(() => parseMountFlag('type=nfs,target=/a', '/')).toThrow(/invalid mount type "nfs"/);
    expect(() => parseMountFlag('type=bind,src=/a,dst=/b,colour=red', '/')).toThrow(/unexpected key 'colour'/);
    expect(() => parseMountFlag('type=volume,target=/b,tmpfs-size=1m', '/')).toThrow(/unexpected key 'tmpfs-size'/);
    expect(() => parseMountFlag('type=tmpfs,target=/b,tmpfs-mode=999', '/')).toThrow(/invalid tmpfs mode "999"/);
  });
});

describe('--tmpfs', () => {
  it('path alone, or with size, mode and flags', () => {
    expect(parseTmpfsFlag('/run')).toEqual({ type: 'tmpfs', target: '/run' });
    expect(parseTmpfsFlag('/tmp:size=100k,mode=1777,noexec')).toEqual({
      type: 'tmpfs', target: '/tmp', sizeBytes: 102400, mode: 0o1777, options: ['noexec'],
    });
    expect(() => parseTmpfsFlag('/tmp:bogus')).toThrow('invalid tmpfs option "bogus"');
  });
});
