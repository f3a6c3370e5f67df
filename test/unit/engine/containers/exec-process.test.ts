// The process an exec session runs: the container's process with the session's -e, -u, -w and -t applied.
import { describe, expect, it } from 'vitest';
import { execProcess } from '../../../../src/engine/containers/exec-process.js';
import type { OciProcess } from '../../../../src/runtime/oci-spec.js';
import { fakeRecord } from '../../../fakes/fake-container-deps.js';

const containerProcess: OciProcess = {
  terminal: true,
  user: { uid: 0, gid: 0, umask: 0o022 },
  args: ['sleep', '600'],
  env: ['PATH=/bin', 'HOME=/root'],
  cwd: '/srv',
  capabilities: { bounding: ['CAP_CHOWN'], effective: ['CAP_CHOWN'], permitted: ['CAP_CHOWN'] },
  rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
  noNewPrivileges: true,
};
const record = { ...fakeRecord('1'.repeat(64), 'box'), env: ['PATH=/bin', 'HOME=/root', 'FROM_RUN=run'] };

describe('execProcess', () => {
  it('keeps the container user, cwd, rlimits and no-new-privileges; runs the command without a terminal by default', () => {
    const p = execProcess(containerProcess, record, { command: ['ps', '-ef'] }, undefined);
    expect(p).toMatchObject({ args: ['ps', '-ef'], cwd: '/srv', user: { uid: 0, gid: 0, umask: 0o022 }, noNewPrivileges: true });
    expect(p.rlimits).toEqual(containerProcess.rlimits);
    expect(p.terminal).toBeUndefined();
    expect(p.env).toEqual(['PATH=/bin', 'HOME=/root', 'FROM_RUN=run']);
  });

  it('-e overrides and adds to the container environment; -t adds TERM and a terminal', () => {
    const p = execProcess(containerProcess, record, { command: ['sh'], env: ['FROM_RUN=exec', 'EXTRA=1'], tty: true }, undefined);
    expect(p.terminal).toBe(true);
    expect(p.env).toEqual(['PATH=/bin', 'HOME=/root', 'FROM_RUN=exec', 'TERM=xterm', 'EXTRA=1']);
    expect(execProcess(containerProcess, record, { command: ['sh'], env: ['TERM=dumb'], tty: true }, undefined).env).toContain('TERM=dumb');
  });

  it('-u sets uid, gid, supplementary groups and HOME from the passwd entry, unless -e sets HOME', () => {
    const user = { uid: 1000, gid: 1000, additionalGids: [10], home: '/home/app' };
    const p = execProcess(containerProcess, record, { command: ['id'], user: 'app' }, user);
    expect(p.user).toEqual({ uid: 1000, gid: 1000, additionalGids: [10], umask: 0o022 });
    expect(p.env).toContain('HOME=/home/app');
    const withHome = execProcess(containerProcess, record, { command: ['id'], user: 'app', env: ['HOME=/x'] }, user);
    expect(withHome.env).toContain('HOME=/x');
    expect(withHome.env).not.toContain('HOME=/home/app');
    const noGroups = execProcess(containerProcess, record, { command: ['id'] }, { uid: 5, gid: 6, additionalGids: [], home: '/' });
    expect(noGroups.user).toEqual({ uid: 5, gid: 6, umask: 0o022 });
  });

  it('-w replaces the working directory; an empty one keeps the container\'s', () => {
    expect(execProcess(containerProcess, record, { command: ['pwd'], workingDir: '/etc' }, undefined).cwd).toBe('/etc');
    expect(execProcess(containerProcess, record, { command: ['pwd'], workingDir: '' }, undefined).cwd).toBe('/srv');
  });

  it('gives a non-root -u no capabilities and --privileged all of them', () => {
    const nonRoot = execProcess(containerProcess, record, { command: ['id'] }, { uid: 1000, gid: 1000, additionalGids: [], home: '/' });
    expect(nonRoot.capabilities.effective).toEqual([]);
    const root = execProcess(containerProcess, record, { command: ['id'] }, undefined);
    const privileged = execProcess(containerProcess, record, { command: ['id'], privileged: true }, undefined);
    expect(privileged.capabilities.bounding.length).toBeGreaterThan(root.capabilities.bounding.length);
    expect(privileged.capabilities.bounding).toContain('CAP_SYS_ADMIN');
    expect(root.capabilities.bounding).not.toContain('CAP_SYS_ADMIN');
  });
});
