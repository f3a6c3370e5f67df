// The runtime layer as root against real runc and the project's conmon: create through conmon, start, exit
// codes, start failures (127/126), attach, logs, runc state/kill/delete, exec, and the netns fs op.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { bundledConmonPath } from '../../src/runtime/conmon-args.js';
import { LinuxSys } from '../../src/sys/linux-sys.js';
import { nativeSearchDirs } from '../../src/sys/native.js';
import { runcPath } from '../helpers/oci-bundle.js';
import { expectScenarioResults } from './runtime-expectations.js';
import { runRuntimeScenarios, type ScenarioResults } from './runtime-scenarios.js';

const hasNative = nativeSearchDirs().some((d) => existsSync(join(d, 'tsmoby_native.node')));
const ready = process.getuid?.() === 0 && runcPath !== undefined && existsSync(bundledConmonPath()) && hasNative && existsSync('/bin/busybox');

describe.skipIf(!ready)('runtime layer as root (needs root, runc, busybox-static, npm run build:native and build:conmon)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'tsmoby-runtime-root-'));
  let results: ScenarioResults | undefined;

  beforeAll(async () => {
    const sys = new LinuxSys({ runroot: join(workDir, 'run'), rootless: false, uid: 0 });
    results = await runRuntimeScenarios({ sys, conmonPath: bundledConmonPath(), runcPath: runcPath!, workDir, rootless: false });
  }, 120_000);

  afterAll(() => {
    for (const pid of results?.pids ?? []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it("creates, starts, attaches, logs, execs, kills and deletes containers", () => {
    expectScenarioResults(results!);
  });
});
