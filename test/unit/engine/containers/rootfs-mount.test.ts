// The rootfs mount's choice between the kernel's overlay and a FUSE overlay program: configured program
// first, the kernel otherwise, fuse-overlayfs only where the kernel refuses overlay.
import { afterEach, describe, expect, it } from 'vitest';
import { mountRootfs } from '../../../../src/engine/containers/rootfs.js';
import type { FsOpResult, RunResult } from '../../../../src/sys/sys.js';
import { fakeContainerWorld, type FakeContainerWorld } from '../../../fakes/fake-container-deps.js';

const CHAIN = 'a'.repeat(64);

describe('mountRootfs', () => {
  let world: FakeContainerWorld;
  afterEach(() => world.dispose());

  function setUp(options: { kernel: FsOpResult; programs: { configured?: string; fallback?: string }; program?: RunResult }) {
    world = fakeContainerWorld();
    const ran: string[][] = [];
    world.deps.fsOps = async (ops) => {
      for (const op of ops) world.calls.push(`fs ${op.op}`);
      return [options.kernel];
    };
    world.deps.mountProgram = async () => options.programs.configured;
    world.deps.fuseOverlayFallback = () => options.programs.fallback;
    world.deps.runInNamespace = async (argv) => {
      ran.push(argv);
      return options.program ?? { exitCode: 0, signal: null, stdout: '', stderr: '' };
    };
    const paths = world.deps.store.paths('c1');
    return { ran, mount: () => mountRootfs(world.deps, [CHAIN], paths), paths };
  }

  const refused: FsOpResult = { ok: false, code: 'EPERM', errno: 1, syscall: 'mount', path: '/m' };

  it('uses the kernel overlay and no program when the kernel accepts it', async () => {
    const { ran, mount } = setUp({ kernel: { ok: true }, programs: { fallback: '/usr/bin/fuse-overlayfs' } });
    await mount();
    expect(world.calls).toEqual(['fs mount']);
    expect(ran).toEqual([]);
  });

  it('runs the configured program without trying the kernel, with overlay options and no userxattr', async () => {
    const { ran, mount, paths } = setUp({ kernel: { ok: true }, programs: { configured: '/opt/fuse-overlayfs' } });
    await mount();
    expect(world.calls).toEqual([]);
    expect(ran).toHaveLength(1);
    const [program, flag, data, target] = ran[0]!;
    expect([program, flag, target]).toEqual(['/opt/fuse-overlayfs', '-o', paths.merged]);
    expect(data).toBe(`lowerdir=${world.deps.layerDiffPath(CHAIN)},upperdir=${paths.upper},workdir=${paths.work}`);
  });

  it('falls back to fuse-overlayfs where the kernel refuses overlay', async () => {
    const { ran, mount } = setUp({ kernel: refused, programs: { fallback: '/usr/bin/fuse-overlayfs' } });
    await mount();
    expect(ran.map((a) => a[0])).toEqual(['/usr/bin/fuse-overlayfs']);
  });

  it('says to install fuse-overlayfs when the kernel refuses overlay and none is installed', async () => {
    const { mount } = setUp({ kernel: refused, programs: {} });
    await expect(mount()).rejects.toThrow(/cannot mount the container rootfs: mount \/m: EPERM .*install fuse-overlayfs/);
  });

  it('does not hide other mount failures behind the fallback', async () => {
    const busy: FsOpResult = { ok: false, code: 'EBUSY', errno: 16, syscall: 'mount', path: '/m' };
    const { ran, mount } = setUp({ kernel: busy, programs: { fallback: '/usr/bin/fuse-overlayfs' } });
    await expect(mount()).rejects.toThrow(/EBUSY/);
    expect(ran).toEqual([]);
  });

  it('reports the program\'s own error text', async () => {
    const { mount } = setUp({
      kernel: { ok: true }, programs: { configured: '/usr/bin/fuse-overlayfs' },
      program: { exitCode: 1, signal: null, stdout: '', stderr: 'unknown argument ignored: lazytime\nfuse: device not found\n' },
    });
    await expect(mount()).rejects.toThrow('cannot mount the container rootfs with /usr/bin/fuse-overlayfs: fuse: device not found');
  });
});
