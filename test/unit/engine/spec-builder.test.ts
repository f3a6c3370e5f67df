import { describe, expect, it } from 'vitest';
import { defaultContainerSettings, type ContainerConfig } from '../../../src/engine/containers/container-config.js';
import { buildSpec, commandLine, mergeEnv, type SpecBuildInput } from '../../../src/engine/spec-builder.js';
import { DEFAULT_CAPABILITIES } from '../../../src/runtime/oci-spec.js';

const ID = 'a1b2c3d4e5f6a7b8c9d0';
const config = (over: Partial<ContainerConfig> = {}): ContainerConfig => ({
  ...defaultContainerSettings(), id: ID, name: 'web', image: { id: 'sha256:1', name: 'alpine' },
  created: '2024-01-01T00:00:00Z', ...over,
});
const input = (over: Partial<SpecBuildInput> = {}, cfg: Partial<ContainerConfig> = {}): SpecBuildInput => ({
  config: config(cfg),
  image: { Env: ['PATH=/usr/bin:/bin', 'LANG=C'], Cmd: ['/bin/sh'], WorkingDir: '' },
  rootfs: '/store/merged',
  user: { uid: 0, gid: 0, additionalGids: [], home: '/root' },
  rootless: true,
  hostNofileHard: 20000,
  ...over,
});
const mount = (spec: ReturnType<typeof buildSpec>, dest: string) => spec.mounts.find((m) => m.destination === dest);

describe('commandLine (Docker semantics)', () => {
  const image = { Entrypoint: ['/entry'], Cmd: ['serve'] };
  it('entrypoint + cmd; a command replaces cmd only', () => {
    expect(commandLine(defaultContainerSettings(), image)).toEqual(['/entry', 'serve']);
    expect(commandLine({ ...defaultContainerSettings(), command: ['x'] }, image)).toEqual(['/entry', 'x']);
  });
  it('--entrypoint drops the image cmd; "" resets the entrypoint', () => {
    expect(commandLine({ ...defaultContainerSettings(), entrypoint: ['/other'] }, image)).toEqual(['/other']);
    expect(commandLine({ ...defaultContainerSettings(), entrypoint: [], command: ['ls'] }, image)).toEqual(['ls']);
  });
  it('nothing to run is an error', () => {
    expect(() => commandLine(defaultContainerSettings(), {})).toThrow(/no command or entrypoint provided/);
  });
});

describe('buildSpec', () => {
  it('a plain rootless container matches what Podman 4 writes', () => {
    const spec = buildSpec(input({ networkNamespacePath: '/run/netns/x' }));
    expect(spec.process.args).toEqual(['/bin/sh']);
    expect(spec.process.cwd).toBe('/');
    expect(spec.process.user).toEqual({ uid: 0, gid: 0, umask: 0o22, additionalGids: [0] });
    expect(spec.process.env).toEqual(['PATH=/usr/bin:/bin', 'container=tsmoby', 'LANG=C', `HOSTNAME=${ID.slice(0, 12)}`, 'HOME=/root']);
    expect(spec.process.capabilities.bounding).toEqual(DEFAULT_CAPABILITIES);
    expect(spec.process.capabilities.ambient).toBeUndefined();
    expect(spec.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', hard: 20000, soft: 20000 }]);
    expect(spec.hostname).toBe(ID.slice(0, 12));
    expect(spec.root).toEqual({ path: '/store/merged', readonly: false });
    expect(spec.linux.namespaces).toEqual([
      { type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network', path: '/run/netns/x' },
    ]);
    expect(spec.linux.uidMappings).toBeUndefined();
    expect(spec.linux.resources).toEqual({});
    expect(spec.linux.sysctl).toEqual({ 'net.ipv4.ping_group_range': '0 0' });
    expect(mount(spec, '/sys')?.type).toBe('sysfs');
    expect(mount(spec, '/dev/pts')?.options).toContain('gid=5');
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.readonlyPaths).toContain('/proc/sys');
    expect(spec.annotations).toEqual({ 'org.opencontainers.image.stopSignal': '15' });
  });

  it('root on the host gets a device deny-all and the full nofile default', () => {
    const spec = buildSpec(input({ rootless: false, hostNofileHard: 2 ** 30 }));
    expect(spec.linux.resources?.devices).toEqual([{ allow: false, access: 'rwm' }]);
    expect(spec.process.rlimits[0]).toEqual({ type: 'RLIMIT_NOFILE', hard: 1048576, soft: 1048576 });
  });

  it('rootless on the host network binds /sys and masks /sys/kernel, as runc spec --rootless', () => {
    const spec = buildSpec(input({ hostHostname: 'box' }, { network: { mode: 'host' } }));
    expect(mount(spec, '/sys')).toMatchObject({ type: 'bind', source: '/sys' });
    expect(mount(spec, '/sys')?.options).toEqual(expect.arrayContaining(['rbind', 'ro']));
    expect(mount(spec, '/sys/fs/cgroup')).toBeUndefined();
    expect(spec.linux.maskedPaths).toContain('/sys/kernel');
    expect(spec.linux.namespaces.map((n) => n.type)).not.toContain('network');
    expect(spec.linux.sysctl).toBeUndefined();
    expect(spec.hostname).toBe('box');
  });

  it('devpts drops gid=5 where gid 5 is not mapped', () => {
    const spec = buildSpec(input({ runtimeGidMappings: [{ containerID: 0, hostID: 1001, size: 1 }] }));
    expect(mount(spec, '/dev/pts')?.options).not.toContain('gid=5');
  });

  it('a runc that must create the user namespace gets the mappings', () => {
    const maps = { uidMappings: [{ containerID: 0, hostID: 1001, size: 1 }], gidMappings: [{ containerID: 0, hostID: 1001, size: 1 }] };
    const spec = buildSpec(input({ newUserNamespace: maps }));
    expect(spec.linux.namespaces).toContainEqual({ type: 'user' });
    expect(spec.linux.uidMappings).toEqual(maps.uidMappings);
    expect(mount(spec, '/dev/pts')?.options).not.toContain('gid=5');
  });

  it('-t sets TERM and terminal; -e wins over the image; HOME from -e is kept', () => {
    const spec = buildSpec(input({}, { tty: true, env: ['LANG=fr', 'HOME=/h', 'X=1'] }));
    expect(spec.process.terminal).toBe(true);
    expect(spec.process.env).toEqual(expect.arrayContaining(['TERM=xterm', 'LANG=fr', 'HOME=/h', 'X=1']));
    expect(spec.process.env.filter((e) => e.startsWith('LANG='))).toEqual(['LANG=fr']);
  });

  it('a non-root user keeps only explicitly added capabilities', () => {
    const user = { uid: 1000, gid: 1000, additionalGids: [10], home: '/home/app' };
    const spec = buildSpec(input({ user }, { capAdd: ['CAP_NET_RAW'], capDrop: ['CAP_KILL'] }));
    expect(spec.process.capabilities.bounding).toContain('CAP_NET_RAW');
    expect(spec.process.capabilities.bounding).not.toContain('CAP_KILL');
    expect(spec.process.capabilities.effective).toEqual(['CAP_NET_RAW']);
    expect(spec.process.capabilities.ambient).toEqual(['CAP_NET_RAW']);
    expect(spec.process.user.additionalGids).toEqual([1000, 10]);
  });

  it('--cap-drop ALL --cap-add X leaves X', () => {
    const spec = buildSpec(input({}, { capDrop: ['ALL'], capAdd: ['CAP_CHOWN'] }));
    expect(spec.process.capabilities.bounding).toEqual(['CAP_CHOWN']);
  });

  it('--privileged: every capability, nothing masked, sysfs writable, no seccomp', () => {
    const seccompProfile = { defaultAction: 'SCMP_ACT_ERRNO' };
    const spec = buildSpec(input({ seccompProfile }, { privileged: true }));
    expect(spec.process.capabilities.bounding).toHaveLength(41);
    expect(spec.linux.maskedPaths).toEqual([]);
    expect(mount(spec, '/sys')?.options).toContain('rw');
    expect(spec.linux.seccomp).toBeUndefined();
    expect(buildSpec(input({ seccompProfile })).linux.seccomp).toBe(seccompProfile);
  });

  describe('seccomp', () => {
    const names = (spec: ReturnType<typeof buildSpec>) => (spec.linux.seccomp?.syscalls ?? []).flatMap((r) => r.names);

    it('gives the default profile, opened up by the bounding capabilities', () => {
      const plain = buildSpec(input({ arch: 'x64' }));
      expect(plain.linux.seccomp?.defaultAction).toBe('SCMP_ACT_ERRNO');
      expect(names(plain)).not.toContain('mount');
      const admin = buildSpec(input({ arch: 'x64' }, { capAdd: ['CAP_SYS_ADMIN'] }));
      expect(names(admin)).toContain('mount');
      // A non-root user holds no capability, but may gain the bounding set through a set-id program.
      const user = buildSpec(input({ user: { uid: 1000, gid: 1000, additionalGids: [], home: '/' } }, { capAdd: ['CAP_SYS_ADMIN'] }));
      expect(names(user)).toContain('unshare');
      expect(names(buildSpec(input({}, { capDrop: ['ALL'] })))).not.toContain('chroot');
    });

    it('none with seccomp=unconfined or --privileged', () => {
      expect(buildSpec(input({}, { seccomp: { mode: 'unconfined' } })).linux.seccomp).toBeUndefined();
      expect(buildSpec(input({}, { privileged: true })).linux.seccomp).toBeUndefined();
      expect(buildSpec(input({ seccompProfileText: '{"defaultAction":"SCMP_ACT_LOG"}' }, { privileged: true, seccomp: { mode: 'profile', path: '/p.json' } })).linux.seccomp).toBeUndefined();
    });

    it('a profile file replaces the default, and its errors name the file', () => {
      const spec = buildSpec(input({ seccompProfileText: '{"defaultAction":"SCMP_ACT_LOG"}' }, { seccomp: { mode: 'profile', path: '/p.json' } }));
      expect(spec.linux.seccomp).toEqual({ defaultAction: 'SCMP_ACT_LOG', syscalls: [] });
      expect(() => buildSpec(input({ seccompProfileText: 'nope' }, { seccomp: { mode: 'profile', path: '/p.json' } })))
        .toThrow(/seccomp profile \/p.json is not valid JSON/);
      const inline = '{"defaultAction": 1}';
      expect(() => buildSpec(input({ seccompProfileText: inline }, { seccomp: { mode: 'profile', path: inline } })))
        .toThrow('seccomp profile (given inline): no "defaultAction"');
    });
  });

  it('--read-only makes the root read-only with tmpfs on /tmp, /run, /var/tmp unless mounted', () => {
    const spec = buildSpec(input({}, { readOnly: true, mounts: [{ type: 'tmpfs', target: '/run', sizeBytes: 1024 }] }));
    expect(spec.root.readonly).toBe(true);
    expect(spec.mounts.filter((m) => m.destination === '/run')).toEqual([
      { destination: '/run', type: 'tmpfs', source: 'tmpfs', options: ['size=1024', 'rw', 'rprivate', 'nosuid', 'nodev', 'tmpcopyup'] },
    ]);
    expect(mount(spec, '/var/tmp')?.type).toBe('tmpfs');
  });

  it('user mounts replace defaults, are sorted parents first, and volumes come from create', () => {
    const spec = buildSpec(
      input(
        { volumePaths: new Map([['/data', '/vol/data/_data'], ['/img', '/vol/anon/_data']]), generatedFiles: { hosts: '/rr/hosts' } },
        {
          mounts: [
            { type: 'bind', source: '/h/cache', target: '/data/cache', readOnly: true },
            { type: 'volume', source: 'data', target: '/data', readOnly: false },
            { type: 'tmpfs', target: '/dev/shm' },
          ],
        },
      ),
    );
    const dests = spec.mounts.map((m) => m.destination);
    expect(dests.indexOf('/data')).toBeLessThan(dests.indexOf('/data/cache'));
    expect(dests.filter((d) => d === '/dev/shm')).toHaveLength(1);
    expect(mount(spec, '/dev/shm')?.type).toBe('tmpfs');
    expect(mount(spec, '/data')?.source).toBe('/vol/data/_data');
    expect(mount(spec, '/data/cache')?.options).toEqual(['ro', 'rprivate', 'rbind']);
    expect(mount(spec, '/etc/hosts')).toEqual({ destination: '/etc/hosts', type: 'bind', source: '/rr/hosts', options: ['bind', 'rprivate'] });
  });

  it('image volumes need a prepared path', () => {
    const image = { Cmd: ['sh'], Volumes: { '/img': {} } };
    expect(() => buildSpec(input({ image }))).toThrow('no volume was prepared for /img');
    const spec = buildSpec(input({ image, volumePaths: new Map([['/img', '/v/_data']]) }));
    expect(mount(spec, '/img')?.source).toBe('/v/_data');
  });

  it('--init runs the init binary first; ulimits, memory and cpus land in the spec', () => {
    const spec = buildSpec(input({ initBinary: '/usr/libexec/catatonit' }, {
      init: true, ulimits: [{ name: 'nofile', soft: 100, hard: 200 }, { name: 'core', soft: -1, hard: -1 }],
      memoryBytes: 2 ** 27, nanoCpus: 1_500_000_000, stopSignal: 2,
    }));
    expect(spec.process.args).toEqual(['/run/tsmoby-init', '--', '/bin/sh']);
    expect(mount(spec, '/run/tsmoby-init')?.source).toBe('/usr/libexec/catatonit');
    expect(spec.process.rlimits).toEqual([
      { type: 'RLIMIT_NOFILE', hard: 200, soft: 100 },
      { type: 'RLIMIT_CORE', hard: 2 ** 64 - 1, soft: 2 ** 64 - 1 },
    ]);
    expect(spec.linux.resources).toEqual({ memory: { limit: 2 ** 27 }, cpu: { quota: 150000, period: 100000 } });
    expect(spec.annotations?.['org.opencontainers.image.stopSignal']).toBe('2');
    expect(() => buildSpec(input({}, { init: true }))).toThrow(/--init/);
  });

  it('working dir and stop signal come from the image when not given', () => {
    const spec = buildSpec(input({ image: { Cmd: ['x'], WorkingDir: '/app', StopSignal: 'SIGQUIT' } }));
    expect(spec.process.cwd).toBe('/app');
    expect(spec.annotations?.['org.opencontainers.image.stopSignal']).toBe('3');
  });

  it('mergeEnv keeps first positions and later values', () => {
    expect(mergeEnv(['A=1', 'B=2'], ['B=3', 'C'])).toEqual(['A=1', 'B=3', 'C=']);
  });
});
