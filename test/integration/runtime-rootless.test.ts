// The runtime layer as the unprivileged test user: the same scenarios as runtime-root.test.ts, bundled and run
// through runuser, with conmon and runc joined to the pause namespace and the attach socket reached from the host.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { bundledConmonPath } from '../../src/runtime/conmon-args.js';
import { nativeSearchDirs } from '../../src/sys/native.js';
import { runcPath } from '../helpers/oci-bundle.js';
import { testUserName } from '../helpers/user.js';
import { expectScenarioResults } from './runtime-expectations.js';
import type { ScenarioResults } from './runtime-scenarios.js';

const nativeDir = nativeSearchDirs().find((dir) => existsSync(join(dir, 'tsmoby_native.node')));
const testUid = (() => {
  try {
    return Number(execFileSync('id', ['-u', testUserName], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
})();
const ready = process.getuid?.() === 0 && testUid !== undefined && nativeDir !== undefined && runcPath !== undefined &&
  existsSync('/usr/bin/newuidmap') && existsSync(bundledConmonPath()) && existsSync('/bin/busybox');

const ENTRY = `
import { LinuxSys } from ${JSON.stringify(resolve(__dirname, '../../src/sys/linux-sys.ts'))};
import { runRuntimeScenarios } from ${JSON.stringify(resolve(__dirname, 'runtime-scenarios.ts'))};
const { workDir, conmonPath, runcPath } = JSON.parse(process.argv[2]);
const sys = new LinuxSys({ runroot: workDir + '/run', rootless: true, uid: process.getuid() });
const results = await runRuntimeScenarios({ sys, conmonPath, runcPath, workDir, rootless: true });
process.stdout.write(JSON.stringify(results));
`;

describe.skipIf(!ready)(`runtime layer rootless (needs root to switch to ${testUserName}, runc, uidmap, busybox-static, native and conmon builds)`, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tsmoby-runtime-rootless-'));
  const workDir = join(tmp, 'work');
  const script = join(tmp, 'entry.mjs');
  let results: ScenarioResults | undefined;

  beforeAll(async () => {
    writeFileSync(join(tmp, 'entry.ts'), ENTRY);
    await build({
      entryPoints: [join(tmp, 'entry.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm',
      target: 'node20', logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    execFileSync('mkdir', ['-m', '0700', workDir]);
    for (const p of [tmp, workDir]) chownSync(p, testUid!, testUid!);
    const env = ['HOME=/tmp', `XDG_RUNTIME_DIR=${tmp}`, `TSMOBY_NATIVE_DIR=${nativeDir}`, 'PATH=/usr/sbin:/usr/bin:/sbin:/bin'];
    const input = JSON.stringify({ workDir, conmonPath: bundledConmonPath(), runcPath });
    const argv = ['-u', testUserName, '--', 'env', ...env, process.execPath, script, input];
    const stdout = await new Promise<string>((resolvePromise, reject) => {
      execFile('runuser', argv, { timeout: 90_000, encoding: 'utf8' }, (err, out, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolvePromise(out));
    });
    results = JSON.parse(stdout) as ScenarioResults;
  }, 120_000);

  afterAll(() => {
    const pause = (() => {
      try {
        return [Number(readFileSync(join(workDir, 'run', 'pause.pid'), 'utf8').split('\n')[0])];
      } catch {
        return [];
      }
    })();
    for (const pid of [...(results?.pids ?? []), ...pause]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates, starts, attaches, logs, execs, kills and deletes containers inside the user namespace', () => {
    expectScenarioResults(results!);
  });
});
