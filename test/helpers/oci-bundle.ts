// Builds a tiny OCI bundle for runtime tests: a rootfs holding the host's static busybox with a few applet
// links, and a config.json from `runc spec` adjusted for the test (args, terminal).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUSYBOX = '/bin/busybox';
const APPLETS = ['sh', 'echo', 'cat', 'sleep', 'id', 'stty', 'printf'];

export interface BundleOptions {
  args: string[];
  terminal?: boolean;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const runcPath: string | undefined = findOnPath('runc') ?? (existsSync('/usr/sbin/runc') ? '/usr/sbin/runc' : undefined);

/** Creates `<dir>` as an OCI bundle and returns its path. */
export function makeOciBundle(dir: string, options: BundleOptions): string {
  const bin = join(dir, 'rootfs', 'bin');
  mkdirSync(bin, { recursive: true });
  for (const sub of ['proc', 'dev', 'sys', 'tmp']) mkdirSync(join(dir, 'rootfs', sub), { recursive: true });
  copyFileSync(BUSYBOX, join(bin, 'busybox'));
  for (const applet of APPLETS) symlinkSync('busybox', join(bin, applet));
  if (runcPath === undefined) throw new Error('runc not found');
  execFileSync(runcPath, ['spec', '--bundle', dir]);
  const configPath = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as {
    process: { terminal: boolean; args: string[] };
    root: { readonly: boolean };
  };
  config.process.terminal = options.terminal ?? false;
  config.process.args = options.args;
  config.root.readonly = false;
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  return dir;
}
