// LinuxSys as root, real processes: pipes, exit codes, exec errors as Node-style errors, fsOps.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LinuxSys } from '../../src/sys/linux-sys.js';
import { nativeSearchDirs } from '../../src/sys/native.js';

const hasAddon = nativeSearchDirs().some((dir) => existsSync(join(dir, 'tsmoby_native.node')));
const isRoot = process.getuid?.() === 0;

describe.skipIf(!hasAddon || !isRoot)('LinuxSys as root (needs root and npm run build:native)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tsmoby-sys-root-'));
  const sys = new LinuxSys({ runroot: join(tmp, 'run'), rootless: false, uid: 0 });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('has no namespace to join as root', async () => {
    expect(await sys.ensureNamespace()).toBeUndefined();
  });

  it('runs a command with input, collects stdout and stderr, and reports its exit code', async () => {
    const result = await sys.run({ argv: ['sh', '-c', 'read x; echo "got $x"; echo oops >&2; exit 3'], input: 'hello\n' });
    expect(result).toEqual({ exitCode: 3, signal: null, stdout: 'got hello\n', stderr: 'oops\n' });
  });

  it('passes env and cwd', async () => {
    const result = await sys.run({ argv: ['sh', '-c', 'echo "$GREETING $(pwd)"'], env: { GREETING: 'hi', PATH: '/usr/bin:/bin' }, cwd: tmp });
    expect(result.stdout).toBe(`hi ${tmp}\n`);
  });

  it('reports a killed child as 128 + signal number', async () => {
    const child = await sys.spawn({ argv: ['sleep', '30'], stdio: ['ignore', 'ignore', 'ignore'] });
    process.kill(child.pid, 'SIGTERM');
    expect(await child.wait()).toEqual({ exitCode: 143, signal: 'SIGTERM' });
  });

  it('gives the child extra pipes at the fds asked for', async () => {
    const child = await sys.spawn({ argv: ['sh', '-c', 'echo three >&3'], stdio: ['ignore', 'inherit', 'inherit', { pipe: 'parent-reads' }] });
    const chunks: Buffer[] = [];
    const fd3 = child.pipes[3] as Readable;
    fd3.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((resolve) => fd3.on('close', resolve));
    expect(Buffer.concat(chunks).toString()).toBe('three\n');
    expect((await child.wait()).exitCode).toBe(0);
  });

  it('rejects a missing command with ENOENT from execve', async () => {
    await expect(sys.spawn({ argv: ['no-such-command-tsmoby'] })).rejects.toMatchObject({
      code: 'ENOENT', syscall: 'execve', path: 'no-such-command-tsmoby', errno: -2,
    });
  });

  it('rejects a file that is not executable with EACCES', async () => {
    const file = join(tmp, 'not-executable');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    await expect(sys.run({ argv: [file] })).rejects.toMatchObject({ code: 'EACCES', syscall: 'execve', path: file });
  });

  it('rejects a missing cwd with ENOENT from chdir', async () => {
    await expect(sys.run({ argv: ['true'], cwd: join(tmp, 'nowhere') })).rejects.toMatchObject({ code: 'ENOENT', syscall: 'chdir' });
  });

  it('runs fsOps in order: mkdir with an exact mode, lchown, mknod', async () => {
    const dir = join(tmp, 'made');
    const results = await sys.fsOps([
      { op: 'mkdir', path: dir, mode: 0o777 },
      { op: 'lchown', path: dir, uid: 1234, gid: 5678 },
      { op: 'mknod', path: join(dir, 'wh'), mode: 0o600, major: 0, minor: 0 },
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const st = statSync(dir);
    expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o777, 1234, 5678]);
    expect(lstatSync(join(dir, 'wh')).isCharacterDevice()).toBe(true);
  });

  it('removeAll deletes a tree but not what its symlinks point to', async () => {
    const tree = join(tmp, 'tree');
    const outside = join(tmp, 'outside');
    mkdirSync(join(tree, 'a/b/c'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep'), 'x');
    writeFileSync(join(tree, 'a/b/c/f'), 'y');
    symlinkSync(outside, join(tree, 'a/link'));
    chmodSync(join(tree, 'a/b'), 0o500);
    expect(await sys.fsOps([{ op: 'removeAll', path: tree }, { op: 'removeAll', path: tree }])).toEqual([{ ok: true }, { ok: true }]);
    expect(existsSync(tree)).toBe(false);
    expect(readFileSync(join(outside, 'keep'), 'utf8')).toBe('x');
  });

  it('stops at the first failure and reports it with code, syscall and path', async () => {
    const missing = join(tmp, 'missing', 'x');
    const results = await sys.fsOps([
      { op: 'chmod', path: missing, mode: 0o600 },
      { op: 'mkdir', path: join(tmp, 'never'), mode: 0o755 },
    ]);
    expect(results).toEqual([{ ok: false, code: 'ENOENT', errno: -2, syscall: 'fchmodat', path: missing }]);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('keeps going when asked', async () => {
    const results = await sys.fsOps(
      [{ op: 'rename', from: join(tmp, 'nope'), to: join(tmp, 'nope2') }, { op: 'mkdir', path: join(tmp, 'after'), mode: 0o755 }],
      { keepGoing: true },
    );
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(existsSync(join(tmp, 'after'))).toBe(true);
  });
});
