// --storage-opt and storage.conf: where the overlay mount program comes from.
import { describe, expect, it } from 'vitest';
import { loadStorageOptions, parseStorageConf, parseStorageOpts } from '../../../src/config/storage-options.js';
import type { ConfigFiles } from '../../../src/config/registries-conf-loader.js';

const files = (map: Record<string, string>): ConfigFiles => ({
  read: async (path) => map[path],
  list: async () => [],
});

describe('storage options', () => {
  it('reads overlay.mount_program from the command line, and refuses what it does not support', () => {
    expect(parseStorageOpts(['overlay.mount_program=/usr/bin/fuse-overlayfs'])).toEqual({ mountProgram: '/usr/bin/fuse-overlayfs' });
    expect(() => parseStorageOpts(['overlay.size=10G'])).toThrow('unsupported storage option "overlay.size=10G"');
    expect(() => parseStorageOpts(['overlay.mount_program=fuse-overlayfs'])).toThrow(/absolute path/);
  });

  it('reads the overlay table of storage.conf and the older top-level key', () => {
    const conf = '[storage]\ndriver = "overlay"\n[storage.options.overlay]\nmount_program = "/usr/bin/fuse-overlayfs"\n';
    expect(parseStorageConf(conf)).toEqual({ mountProgram: '/usr/bin/fuse-overlayfs' });
    expect(parseStorageConf('[storage.options]\nmount_program = "/x/fuse"\n')).toEqual({ mountProgram: '/x/fuse' });
    expect(parseStorageConf('[storage]\ndriver = "overlay"\n')).toEqual({});
    expect(() => parseStorageConf('[storage', '/etc/containers/storage.conf')).toThrow(/cannot parse \/etc\/containers\/storage.conf/);
  });

  it('prefers the command line, then the user file, then the system file', async () => {
    const conf = (p: string) => `[storage.options.overlay]\nmount_program = "${p}"\n`;
    const both = files({ '/home/u/.config/containers/storage.conf': conf('/user'), '/etc/containers/storage.conf': conf('/system') });
    const lookup = { userConfigDir: '/home/u/.config/containers', systemConfigDir: '/etc/containers' };
    expect(await loadStorageOptions({ ...lookup, cliOpts: ['overlay.mount_program=/cli'] }, both)).toEqual({ mountProgram: '/cli' });
    expect(await loadStorageOptions({ ...lookup, cliOpts: [] }, both)).toEqual({ mountProgram: '/user' });
    expect(await loadStorageOptions({ systemConfigDir: '/etc/containers', cliOpts: [] }, both)).toEqual({ mountProgram: '/system' });
    expect(await loadStorageOptions({ ...lookup, cliOpts: [] }, files({}))).toEqual({});
  });
});
