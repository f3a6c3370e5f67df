// `tsmoby exec`: one engine call (create + start the exec session); the command's exit code is this one's.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { parseEnv } from '../options/run-options.js';
import { startInteractive } from '../terminal.js';

interface ExecFlags {
  interactive?: boolean; tty?: boolean; detach?: boolean; env: string[]; envFile: string[];
  user?: string; workdir?: string; privileged?: boolean; detachKeys?: string;
}

export function execCommand(ctx: CliContext): Command {
  return new Command('exec').description('Run a process in a running container')
    .argument('<container>').argument('<command...>')
    .option('-i, --interactive', 'keep stdin open').option('-t, --tty', 'allocate a pseudo-TTY')
    .option('-d, --detach', 'run the process in the background')
    .option('-e, --env <env>', 'set environment variables', collect, [])
    .option('--env-file <file>', 'read environment variables from a file', collect, [])
    .option('-u, --user <user>', 'user[:group] to run as').option('-w, --workdir <dir>', 'working directory')
    .option('--privileged', 'give the process all capabilities')
    .option('--detach-keys <keys>', 'key sequence for detaching (default ctrl-p,ctrl-q)')
    .passThroughOptions()
    .action(async (name: string, command: string[], f: ExecFlags) => {
      const env = parseEnv(f, { cwd: process.cwd(), environment: process.env, readFile: (p) => readFileSync(p, 'utf8') });
      const engine = await ctx.engine();
      const session = f.detach ? undefined : startInteractive(ctx.io, {
        tty: f.tty === true, stdin: f.interactive === true, sigProxy: false, ...(f.detachKeys !== undefined ? { detachKeys: f.detachKeys } : {}),
      });
      try {
        const report = await engine.containers.exec(name, {
          command, env, tty: f.tty === true, stdin: f.interactive === true, privileged: f.privileged === true,
          ...(f.user !== undefined ? { user: f.user } : {}), ...(f.workdir !== undefined ? { workingDir: f.workdir } : {}),
          ...(f.detachKeys !== undefined ? { detachKeys: f.detachKeys } : {}),
          ...(session ? { attach: { ...session.controls, ...(session.stdin ? { stdin: session.stdin } : {}), stdout: ctx.io.stdout, stderr: ctx.io.stderr } } : {}),
        });
        if (report.exitCode !== undefined) ctx.setExitCode(report.exitCode);
      } finally {
        session?.restore();
      }
    });
}
