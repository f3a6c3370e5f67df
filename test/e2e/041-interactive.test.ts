// `run -it` in a real terminal (a tmux pane): input reaches the shell, the pty has the pane's size and
// follows it, the exit code comes back, the terminal is restored; Ctrl-C to a foreground `run` without -t
// stops the container with 130; `run -i` ends when piped stdin does. Rootless and as root.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes, tsmobyBin, type Tsmoby } from '../helpers/tsmoby.js';

const hasTmux = existsSync('/usr/bin/tmux');
const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && hasTmux;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command line that runs tsmoby in the pane as the mode's user, with its environment. */
function commandLine(t: Tsmoby, args: string[]): string {
  const u = t.user;
  const env = u
    ? { HOME: u.home, PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_RUNTIME_DIR: u.runtimeDir, XDG_CONFIG_HOME: u.configHome, XDG_DATA_HOME: u.dataHome }
    : { PATH: process.env.PATH ?? '/usr/bin:/bin', ...t.env };
  const prefix = u?.switches ? ['setpriv', '--reuid', String(u.uid), '--regid', String(u.gid), '--init-groups', '--'] : [];
  const argv = [...prefix, 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, tsmobyBin, ...t.globals, ...args];
  return argv.map(quote).join(' ');
}

class Pane {
  private readonly dir = mkdtempSync(join(tmpdir(), 'tsmoby-tmux-'));
  private readonly socket = join(this.dir, 'sock');
  constructor(command: string) {
    const conf = join(this.dir, 'tmux.conf');
    writeFileSync(conf, 'set -g status off\n');
    // The pane's shell shares the foreground process group: Ctrl-C must not end it before it reports.
    const script = `trap : INT; ${command}; echo "EXIT=$?"; stty -a | tr '\\n' ' '; echo; echo STTY-DONE; sleep 600`;
    this.tmux('-f', conf, 'new-session', '-d', '-s', 't', '-x', '80', '-y', '24', `sh -c ${quote(script)}`);
    // Only a running server takes this; it lets resize-window set the size of a detached session.
    this.tmux('set-option', '-g', 'window-size', 'manual');
  }
  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-100', '-t', 't');
  }
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.screen().match(pattern);
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`pane never showed ${pattern}:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  close(): void {
    try { this.tmux('kill-server'); } catch { /* already gone */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasPrerequisites)('interactive run (needs docker-registry, runc and tmux)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa', '-t', '0']));

    it('run -it sh: input, pty size and resize, exit code, terminal restored', async () => {
      const pane = new Pane(commandLine(t, ['run', '--rm', '-it', 'alpine', 'sh']));
      try {
        await pane.waitFor(/# $/m);
        pane.keys('echo $((6*7))', 'Enter');
        await pane.waitFor(/^42$/m);
        pane.keys('stty size', 'Enter');
        await pane.waitFor(/^24 80$/m);
        pane.tmux('resize-window', '-t', 't', '-x', '100', '-y', '30');
        pane.keys('stty size', 'Enter');
        await pane.waitFor(/^30 100$/m);
        pane.keys('exit 5', 'Enter');
        await pane.waitFor(/^EXIT=5$/m);
        const stty = (await pane.waitFor(/^(.*)\nSTTY-DONE$/m))[1]!;
        expect(stty).toMatch(/(^|\s)icanon(\s|;|$)/);
        expect(stty).toMatch(/(^|\s)echo(\s|;|$)/);
        expect(stty).toMatch(/(^|\s)isig(\s|;|$)/);
      } finally {
        pane.close();
      }
    }, 60_000);

    it('Ctrl-C stops a foreground run without -t promptly with 130', async () => {
      const pane = new Pane(commandLine(t, ['run', '--rm', '--name', 'fg', 'alpine', 'sleep', '100']));
      try {
        for (let i = 0; i < 200; i++) {
          if ((await t.run(['ps', '--format', '{{.Names}}'])).stdout === 'fg\n') break;
        }
        pane.keys('C-c');
        await pane.waitFor(/(^|\^C)EXIT=130$/m, 15_000);
        expect((await t.run(['ps', '-a', '--format', '{{.Names}}'])).stdout).toBe('');
      } finally {
        pane.close();
      }
    }, 60_000);

    it('echo hi | run -i cat ends with the piped input', async () => {
      const r = await t.run(['run', '--rm', '-i', 'alpine', 'cat'], { input: 'hi\n', timeoutMs: 30_000 });
      expect(r).toMatchObject({ exitCode: 0, stdout: 'hi\n' });
    });
  });
});
