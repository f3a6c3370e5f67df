// `tsmoby attach` and `tsmoby top`: one engine call each; attach exits with the container's code.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { alignColumns } from '../render/table-writer.js';
import { parseBool, startInteractive } from '../terminal.js';

export function attachCommand(ctx: CliContext): Command {
  return new Command('attach').description('Attach to a running container')
    .argument('<container>')
    .option('--no-stdin', 'do not attach stdin')
    .option('--sig-proxy <bool>', 'proxy received signals to the container (default true)')
    .option('--detach-keys <keys>', 'key sequence for detaching (default ctrl-p,ctrl-q)')
    .action(async (name: string, f: { stdin: boolean; sigProxy?: string; detachKeys?: string }) => {
      const engine = await ctx.engine();
      const info = await engine.containers.inspect(name);
      const config = info.Config as { Tty?: boolean; OpenStdin?: boolean };
      const session = startInteractive(ctx.io, {
        tty: config.Tty === true, stdin: f.stdin && config.OpenStdin === true, sigProxy: parseBool(f.sigProxy, '--sig-proxy', true),
        ...(f.detachKeys !== undefined ? { detachKeys: f.detachKeys } : {}),
      });
      try {
        const report = await engine.containers.attach(info.Id, {
          ...session.controls, ...(session.stdin ? { stdin: session.stdin } : {}), stdout: ctx.io.stdout, stderr: ctx.io.stderr,
        });
        if (report.exitCode !== undefined) ctx.setExitCode(report.exitCode);
      } finally {
        session.restore();
      }
    });
}

export function topCommand(ctx: CliContext): Command {
  return new Command('top').description('Display the running processes of a container')
    .argument('<container>').argument('[descriptors...]', 'ps-style columns: user, pid, ppid, pcpu, etime, tty, time, args, ...')
    .action(async (name: string, descriptors: string[]) => {
      const report = await (await ctx.engine()).containers.top(name, descriptors);
      const lines = [report.Titles, ...report.Processes].map((cells) => `${cells.join('\t')}\n`);
      ctx.out(alignColumns(lines.join('')));
    });
}
