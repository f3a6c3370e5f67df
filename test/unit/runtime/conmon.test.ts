import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CannotInvokeError, CommandNotFoundError, InternalError } from '../../../src/errors/index.js';
import { conmonContainerArgs, conmonExecArgs, findConmon } from '../../../src/runtime/conmon-args.js';
import { ConmonLauncher, startFailureError } from '../../../src/runtime/conmon.js';
import type { SpawnOptions } from '../../../src/sys/sys.js';
import { FakeSys } from '../../fakes/fake-sys.js';

const common = {
  cid: 'c1', cuuid: 'c1', runtimePath: '/usr/sbin/runc', runtimeArgs: ['--root', '/run/t/runc'], bundle: '/d/bundle',
  containerPidFile: '/d/pidfile', logPath: '/d/ctr.log', exitDir: '/run/t/exits', socketDir: '/run/t/socket',
};

describe('conmon command line', () => {
  it('builds a container launch with runtime args, stdio flags, log size and exit command', () => {
    const args = conmonContainerArgs({
      ...common, name: 'web', conmonPidFile: '/d/conmon.pid', terminal: true, stdin: true, logSizeMax: 1024,
      exitCommand: ['/usr/bin/tsmoby', 'container', 'cleanup', 'c1'],
    });
    expect(args.join(' ')).toBe(
      '--api-version 1 -c c1 -u c1 -r /usr/sbin/runc -b /d/bundle -p /d/pidfile -l k8s-file:/d/ctr.log ' +
        '--exit-dir /run/t/exits --socket-dir-path /run/t/socket --log-level error --runtime-arg --root ' +
        '--runtime-arg /run/t/runc -t -i --log-size-max 1024 -n web -P /d/conmon.pid --exit-command /usr/bin/tsmoby ' +
        '--exit-command-arg container --exit-command-arg cleanup --exit-command-arg c1',
    );
  });

  it('asks conmon to delete the runtime state itself before the exit file only when told to', () => {
    const base = { ...common, name: 'web', conmonPidFile: '/d/conmon.pid' };
    expect(conmonContainerArgs({ ...base, deleteOnExit: true })).toContain('--delete-on-exit');
    expect(conmonContainerArgs(base)).not.toContain('--delete-on-exit');
  });

  it('builds an exec session', () => {
    const args = conmonExecArgs({ ...common, cuuid: 'e1', processSpecPath: '/d/e1/process.json', attach: true });
    expect(args).toEqual(expect.arrayContaining(['--exec', '--exec-process-spec', '/d/e1/process.json', '--exec-attach']));
    expect(args.slice(0, 6)).toEqual(['--api-version', '1', '-c', 'c1', '-u', 'e1']);
  });

  it('finds the package build of conmon, or names what it tried', () => {
    expect(() => findConmon('definitely-no-such-conmon', '/nonexistent')).toThrow(/conmon not found: definitely-no-such-conmon/);
    expect(findConmon('/bin/sh')).toBe('/bin/sh');
  });
});

describe('start failures', () => {
  it('maps the runtime message as Docker does (127, 126, 125)', () => {
    const missing = 'time="t" level=error msg="runc create failed: unable to start container process: exec: \\"nope\\": executable file not found in $PATH"';
    expect(startFailureError(missing)).toBeInstanceOf(CommandNotFoundError);
    expect(startFailureError(missing).message).toContain('exec: "nope": executable file not found');
    expect(startFailureError('exec: "/x": stat /x: no such file or directory')).toBeInstanceOf(CommandNotFoundError);
    expect(startFailureError('exec /etc/passwd: permission denied')).toBeInstanceOf(CannotInvokeError);
    expect(startFailureError('cgroup setup failed')).toBeInstanceOf(InternalError);
  });
});

describe('ConmonLauncher', () => {
  function scripted(messages: string[], exitCode = 0) {
    const sys = new FakeSys();
    sys.namespacePid = 55;
    const started: string[] = [];
    const spawned: PassThrough[][] = [];
    sys.onSpawn = (opts: SpawnOptions) => {
      const pipes = (opts.stdio ?? []).map(() => new PassThrough());
      spawned.push(pipes);
      pipes[4]!.on('data', (d: Buffer) => started.push(d.toString()));
      for (const m of messages) pipes[3]!.write(`${m}\n`);
      pipes[3]!.end();
      pipes[2]!.end(exitCode === 0 ? '' : 'conmon: option parsing failed');
      return { pid: 9, pipes, wait: async () => ({ exitCode, signal: null }) };
    };
    return { sys, started, spawned };
  }
  const opts = { ...common, name: 'web', conmonPidFile: '/d/conmon.pid' };

  it('spawns conmon detached in the namespace with the pipes in the environment and returns the pid', async () => {
    const { sys, started } = scripted(['{"data": 1234}']);
    const launched = await new ConmonLauncher({ sys, conmonPath: '/c/conmon', env: { PATH: '/bin' } }).createContainer(opts);
    expect(launched.pid).toBe(1234);
    expect(started).toEqual(['0']);
    const spawn = sys.calls.find((c) => c.method === 'spawn');
    expect(spawn).toMatchObject({ opts: { join: 55, detached: true, env: { PATH: '/bin', _OCI_SYNCPIPE: '3', _OCI_STARTPIPE: '4' } } });
    expect((spawn as { opts: SpawnOptions }).opts.argv[0]).toBe('/c/conmon');
  });

  it('with --delete-on-exit keeps the start pipe open until the caller says that runtime start returned', async () => {
    const { sys, spawned } = scripted(['{"data": 1234}']);
    const launched = await new ConmonLauncher({ sys, conmonPath: '/c/conmon' }).createContainer({ ...opts, deleteOnExit: true });
    const spawn = sys.calls.find((c) => c.method === 'spawn') as { opts: SpawnOptions } | undefined;
    expect(spawn?.opts.argv).toContain('--delete-on-exit');
    const startPipe = spawned[0]![4]!;
    expect(startPipe.destroyed).toBe(false);
    launched.startReturned();
    expect(startPipe.destroyed).toBe(true);
  });

  it('turns the runtime error on the sync pipe into the typed error', async () => {
    const { sys } = scripted(['{"data": -1, "message": "exec: \\"nope\\": executable file not found in $PATH"}']);
    await expect(new ConmonLauncher({ sys, conmonPath: '/c/conmon' }).createContainer(opts)).rejects.toBeInstanceOf(CommandNotFoundError);
  });

  it('reports conmon\'s own failure with its stderr', async () => {
    const { sys } = scripted([], 1);
    await expect(new ConmonLauncher({ sys, conmonPath: '/c/conmon' }).createContainer(opts)).rejects.toThrow(
      /conmon failed \(exit status 1\): conmon: option parsing failed/,
    );
  });

  it('an exec session reports the pid, then the exit code', async () => {
    const { sys } = scripted(['{"data": 77}', '{"data": 3}']);
    const session = await new ConmonLauncher({ sys, conmonPath: '/c/conmon' }).exec({ ...common, processSpecPath: '/p.json' });
    expect(session.pid).toBe(77);
    expect(await session.exitCode).toBe(3);
  });
});
