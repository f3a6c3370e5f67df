import { describe, expect, it } from 'vitest';
import { InternalError, NotFoundError } from '../../../src/errors/index.js';
import { OciRuntime, runtimeErrorText } from '../../../src/runtime/runc.js';
import { FakeSys } from '../../fakes/fake-sys.js';

function runtime(sys: FakeSys) {
  return new OciRuntime({ sys, runtimePath: '/usr/bin/runc', runroot: '/run/user/1/tsmoby' });
}

describe('OciRuntime', () => {
  it('passes --root <runroot>/runc and joins the pause namespace when rootless', async () => {
    const sys = new FakeSys();
    sys.namespacePid = 77;
    await runtime(sys).kill('abc', 'KILL', { all: true });
    const call = sys.calls.find((c) => c.method === 'run');
    expect(call).toMatchObject({ opts: { argv: ['/usr/bin/runc', '--root', '/run/user/1/tsmoby/runc', 'kill', '--all', 'abc', '9'], join: 77 } });
  });

  it('runs as root without joining anything', async () => {
    const sys = new FakeSys();
    await runtime(sys).delete('abc', { force: true });
    const call = sys.calls.find((c) => c.method === 'run');
    expect(call).toEqual({ method: 'run', opts: { argv: ['/usr/bin/runc', '--root', '/run/user/1/tsmoby/runc', 'delete', '--force', 'abc'] } });
  });

  it('state parses the JSON and is undefined for an unknown container', async () => {
    const sys = new FakeSys();
    sys.onRun = () => ({ exitCode: 0, signal: null, stderr: '', stdout: '{"ociVersion":"1.0.2","id":"abc","status":"running","pid":42,"bundle":"/b"}' });
    expect(await runtime(sys).state('abc')).toMatchObject({ id: 'abc', status: 'running', pid: 42 });
    sys.onRun = () => ({ exitCode: 1, signal: null, stdout: '', stderr: 'time="2024-01-01T00:00:00Z" level=error msg="container does not exist"\n' });
    expect(await runtime(sys).state('abc')).toBeUndefined();
  });

  it('maps "does not exist" to NotFoundError and other failures to InternalError with runc\'s words', async () => {
    const sys = new FakeSys();
    sys.onRun = () => ({ exitCode: 1, signal: null, stdout: '', stderr: 'level=error msg="container does not exist"' });
    await expect(runtime(sys).start('abc')).rejects.toBeInstanceOf(NotFoundError);
    sys.onRun = () => ({ exitCode: 1, signal: null, stdout: '', stderr: 'level=error msg="cannot start a container that has stopped"' });
    const err = await runtime(sys).start('abc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalError);
    expect((err as Error).message).toBe('/usr/bin/runc start abc: cannot start a container that has stopped');
  });

  it('ps returns the pids', async () => {
    const sys = new FakeSys();
    sys.onRun = () => ({ exitCode: 0, signal: null, stderr: '', stdout: '[101,102]\n' });
    expect(await runtime(sys).ps('abc')).toEqual([101, 102]);
  });

  it('runtimeErrorText unquotes msg fields and keeps plain lines', () => {
    expect(runtimeErrorText('time="x" level=error msg="exec: \\"nope\\": executable file not found in $PATH"\n')).toBe(
      'exec: "nope": executable file not found in $PATH',
    );
    expect(runtimeErrorText('plain failure\n')).toBe('plain failure');
  });
});

describe('OciRuntime.ps without cgroup access', () => {
  it('falls back to the processes in the init\'s pid namespace', async () => {
    const sys = new FakeSys();
    sys.onRun = (opts) =>
      opts.argv.includes('ps')
        ? { exitCode: 1, signal: null, stdout: '', stderr: 'level=error msg="runc ps may fail if you don\'t have the full access to cgroups"' }
        : { exitCode: 0, signal: null, stderr: '', stdout: JSON.stringify({ ociVersion: '1', id: 'abc', status: 'running', pid: process.pid, bundle: '/b' }) };
    expect(await runtime(sys).ps('abc')).toContain(process.pid);
  });
});
