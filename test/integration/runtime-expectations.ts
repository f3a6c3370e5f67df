// What a user of the runtime layer sees from the shared scenarios; the same as root and rootless.
import { expect } from 'vitest';
import type { ScenarioResults } from './runtime-scenarios.js';

export function expectScenarioResults(r: ScenarioResults): void {
  expect(r.exitZero.code).toBe(0);
  // Two pipes: the order between streams is the monitor's, within a stream it is the container's.
  expect(r.exitZero.logs.filter(([s]) => s === 'stdout')).toEqual([['stdout', 'out\n'], ['stdout', 'more\n']]);
  expect(r.exitZero.logs.filter(([s]) => s === 'stderr')).toEqual([['stderr', 'err\n']]);
  expect(r.exitZero.tail).toEqual([r.exitZero.logs.at(-1)![1]]);
  expect(r.exitZero.liveness).toBe('exited');
  expect(r.exitThree).toBe(3);
  expect(r.missing.kind, r.missing.message).toBe('command-not-found');
  expect(r.missing.message).toContain('/bin/nope');
  expect(r.notExecutable.kind, r.notExecutable.message).toBe('cannot-invoke');
  expect(r.attach).toEqual({ stdout: 'hello cat\n', stderr: 'done\n', code: 0 });
  expect(r.lifecycle).toEqual({
    status: 'running', runningLiveness: 'running', psHasPid: true, execCode: 7,
    attachedExec: { stdout: 'got exec input\n', stderr: 'to-stderr\n', code: 4 }, killedCode: 137, afterDelete: undefined,
    deleteMissing: 'not-found',
  });
  expect(r.follow).toEqual(['a\n', 'b\n']);
  expect(r.netns).toEqual({ pinned: true, differsFromHost: true });
}
