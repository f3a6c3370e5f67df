import { describe, expect, it } from 'vitest';
import {
  findRegistryConfig, isInsecureRegistry, parseRegistriesConf, pullSources, resolveShortName,
} from '../../../src/config/registries-conf.js';
import { loadRegistriesConf, type ConfigFiles } from '../../../src/config/registries-conf-loader.js';
import { InvalidArgumentError, PermissionDeniedError } from '../../../src/errors/index.js';

const CONF = `
unqualified-search-registries = ["registry.example", "docker.io"]
short-name-mode = "enforcing"

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"

[[registry]]
location = "docker.io"
[[registry.mirror]]
location = "127.0.0.1:5000"
insecure = true
[[registry.mirror]]
location = "digest-mirror.example"
pull-from-mirror = "digest-only"

[[registry]]
prefix = "docker.io/library/alpine"
location = "localhost:5000/mirrored/alpine"
insecure = true

[[registry]]
location = "blocked.example"
blocked = true

[[registry]]
prefix = "*.internal.example"
insecure = true
`;

describe('registries.conf', () => {
  const conf = parseRegistriesConf(CONF);

  it('reads search registries, mode and aliases', () => {
    expect(conf.unqualifiedSearchRegistries).toEqual(['registry.example', 'docker.io']);
    expect(resolveShortName(conf, 'fedora')).toEqual({
      alias: 'registry.fedoraproject.org/fedora', searchRegistries: ['registry.example', 'docker.io'], mode: 'enforcing',
    });
    expect(resolveShortName(conf, 'busybox').alias).toBeUndefined();
  });

  it('searches docker.io alone when nothing is configured', () => {
    expect(resolveShortName(parseRegistriesConf(''), 'alpine')).toEqual({ alias: undefined, searchRegistries: ['docker.io'], mode: 'permissive' });
  });

  it('lists mirrors first, then the location, with insecure flags', () => {
    expect(pullSources(conf, 'docker.io/library/busybox', false)).toEqual([
      { name: '127.0.0.1:5000/library/busybox', insecure: true, mirror: true },
      { name: 'docker.io/library/busybox', insecure: false, mirror: false },
    ]);
    expect(pullSources(conf, 'docker.io/library/busybox', true).map((s) => s.name)).toEqual([
      '127.0.0.1:5000/library/busybox', 'digest-mirror.example/library/busybox', 'docker.io/library/busybox',
    ]);
  });

  it('uses the longest matching prefix and rewrites to its location', () => {
    expect(pullSources(conf, 'docker.io/library/alpine', false)).toEqual([
      { name: 'localhost:5000/mirrored/alpine', insecure: true, mirror: false },
    ]);
    expect(findRegistryConfig(conf, 'docker.io/library/alpinex')?.prefix).toBe('docker.io');
  });

  it('matches whole path components and wildcard subdomains', () => {
    expect(findRegistryConfig(conf, 'docker.iox/app')).toBeUndefined();
    expect(isInsecureRegistry(conf, 'a.b.internal.example')).toBe(true);
    expect(isInsecureRegistry(conf, 'internal.example')).toBe(false);
    expect(pullSources(conf, 'r.internal.example/app', false)).toEqual([{ name: 'r.internal.example/app', insecure: true, mirror: false }]);
    expect(pullSources(conf, 'quay.io/app', false)).toEqual([{ name: 'quay.io/app', insecure: false, mirror: false }]);
  });

  it('refuses a blocked registry', () => {
    expect(() => pullSources(conf, 'blocked.example/app', false)).toThrow(PermissionDeniedError);
    expect(() => pullSources(conf, 'blocked.example/app', false)).toThrow('registry "blocked.example/app" is blocked');
  });

  it('names the file in syntax and shape errors', () => {
    expect(() => parseRegistriesConf('x = [', '/etc/r.conf')).toThrow(/invalid registries configuration \/etc\/r.conf/);
    expect(() => parseRegistriesConf('short-name-mode = "loose"')).toThrow('invalid short-name-mode "loose"');
    expect(() => parseRegistriesConf('[registries.search]\nregistries = []')).toThrow(InvalidArgumentError);
    expect(() => parseRegistriesConf('[[registry]]\nprefix = "*.x.com"\nlocation = "y"')).toThrow('cannot have a location');
  });
});

function fakeFiles(tree: Record<string, string>): ConfigFiles {
  return {
    read: async (p) => tree[p],
    list: async (dir) => Object.keys(tree).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
  };
}

describe('loadRegistriesConf', () => {
  it('prefers the user file and merges drop-ins in name order', async () => {
    const files = fakeFiles({
      '/etc/containers/registries.conf': 'unqualified-search-registries = ["system.example"]',
      '/home/u/.config/containers/registries.conf': 'unqualified-search-registries = ["user.example"]\n[aliases]\n"a" = "x.example/a"',
      '/home/u/.config/containers/registries.conf.d/20-b.conf': '[aliases]\n"b" = "x.example/b2"',
      '/home/u/.config/containers/registries.conf.d/10-a.conf': '[aliases]\n"b" = "x.example/b1"\n[[registry]]\nlocation = "m.example"\ninsecure = true',
      '/home/u/.config/containers/registries.conf.d/notes.txt': 'not toml',
    });
    const { conf, files: used } = await loadRegistriesConf(
      { userConfigDir: '/home/u/.config/containers', systemConfigDir: '/etc/containers' }, files,
    );
    expect(used).toEqual([
      '/home/u/.config/containers/registries.conf',
      '/home/u/.config/containers/registries.conf.d/10-a.conf',
      '/home/u/.config/containers/registries.conf.d/20-b.conf',
    ]);
    expect(conf.unqualifiedSearchRegistries).toEqual(['user.example']);
    expect(conf.aliases).toEqual({ a: 'x.example/a', b: 'x.example/b2' });
    expect(isInsecureRegistry(conf, 'm.example')).toBe(true);
  });

  it('uses an explicit path alone, and the empty configuration when nothing exists', async () => {
    const files = fakeFiles({ '/etc/containers/registries.conf': 'unqualified-search-registries = ["s"]', '/t/r.conf': '' });
    expect((await loadRegistriesConf({ explicitPath: '/t/r.conf', systemConfigDir: '/etc/containers' }, files)).conf.unqualifiedSearchRegistries).toBeUndefined();
    expect((await loadRegistriesConf({ systemConfigDir: '/etc/containers' }, files)).conf.unqualifiedSearchRegistries).toEqual(['s']);
    expect((await loadRegistriesConf({ systemConfigDir: '/nowhere' }, files)).files).toEqual([]);
  });
});
