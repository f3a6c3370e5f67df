// Runs the built tsmoby CLI the way a user would: rootless as the unprivileged test user with its own XDG
// directories and a registries.conf that mirrors docker.io to the test registry, or as root with a private
// --root/--runroot. Every end-to-end test goes through this, so both modes run the same assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMirrorRegistriesConf } from './registries-conf.js';
import type { TestRegistry } from './registry.js';
import { asRoot, checkoutRoot, prepareTestUser, runAs, type RunOptions, type RunResult, type TestUser } from './user.js';

export type Mode = 'rootless' | 'root';

export const tsmobyBin = join(checkoutRoot, 'bin', 'tsmoby');
export const isRoot = process.getuid?.() === 0;
/** The modes this machine can test: root only when the suite runs as root. */
export const modes: Mode[] = isRoot ? ['rootless', 'root'] : ['rootless'];

export interface Tsmoby {
  mode: Mode;
  user?: TestUser;
  /** Environment every command gets (XDG dirs, CONTAINERS_REGISTRIES_CONF for root). */
  env: Record<string, string>;
  /** Global flags placed before the command (root: --root/--runroot). */
  globals: string[];
  run(args: string[], options?: RunOptions): Promise<RunResult>;
  /** Runs any program in the same identity and environment (for `ls -ln` of the store, etc.). */
  exec(argv: string[], options?: RunOptions): Promise<RunResult>;
  cleanup(): Promise<void>;
}

export async function tsmobyFor(mode: Mode, registry?: TestRegistry): Promise<Tsmoby> {
  if (mode === 'rootless') {
    const user = await prepareTestUser();
    if (registry) writeMirrorRegistriesConf(user.configHome, registry, { owner: { uid: user.uid, gid: user.gid } });
    const t: Tsmoby = {
      mode, user, env: {}, globals: [],
      run: (args, options) => runAs(user, [process.execPath, tsmobyBin, ...args], options),
      exec: (argv, options) => runAs(user, argv, options),
      cleanup: async () => {
        await runAs(user, [process.execPath, tsmobyBin, 'system', 'reset', '--force'], { timeoutMs: 60_000 }).catch(() => undefined);
      },
    };
    return t;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tsmoby-root-'));
  const env: Record<string, string> = { HOME: join(dir, 'home'), PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
  if (registry) env.CONTAINERS_REGISTRIES_CONF = writeMirrorRegistriesConf(join(dir, 'config'), registry);
  const globals = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run')];
  return {
    mode, env, globals,
    run: (args, options) => asRoot([process.execPath, tsmobyBin, ...globals, ...args], { ...options, env: { ...env, ...options?.env } }),
    exec: (argv, options) => asRoot(argv, { ...options, env: { ...env, ...options?.env } }),
    cleanup: async () => {
      await asRoot([process.execPath, tsmobyBin, ...globals, 'system', 'reset', '--force'], { env, timeoutMs: 60_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
