// `start`, `stop`, `kill`, `restart`, `rm`: one engine batch call each.
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';
import { parseBool, startInteractive } from '../terminal.js';
import { reportBatch } from './container-batch.js';

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`invalid timeout "${text}": a number of seconds`);
  return Number(text);
}

function needNames(names: string[], all?: boolean, latest?: boolean): void {
  if (names.length === 0 && !all && !latest) throw new InvalidArgumentError('you must provide at least one container name or ID');
}

export function startCommand(ctx: CliContext): Command {
  return new Command('start').description('Start one or more containers')
    .argument('[container...]').option('-a, --attach', 'attach to the container\'s output (and exit with its code)')
    .option('-i, --interactive', 'attach stdin as well').option('--sig-proxy <bool>', 'proxy received signals (default true with -a)')
    .option('--detach-keys <keys>', 'key sequence for detaching (default ctrl-p,ctrl-q)')
    .action(async (names: string[], f: { attach?: boolean; interactive?: boolean; sigProxy?: string; detachKeys?: string }) => {
      needNames(names);
      const engine = await ctx.engine();
      if (!f.attach && !f.interactive) return reportBatch(ctx, await engine.containers.start(names));
      if (names.length > 1) throw new InvalidArgumentError('you cannot start and attach multiple containers at once');
      const info = await engine.containers.inspect(names[0]!);
      const tty = (info.Config as { Tty?: boolean }).Tty === true;
      const session = startInteractive(ctx.io, {
        tty, stdin: f.interactive === true, sigProxy: parseBool(f.sigProxy, '--sig-proxy', true),
        ...(f.detachKeys !== undefined ? { detachKeys: f.detachKeys } : {}),
      });
      try {
        const report = await engine.containers.startAttached(info.Id, {
          ...session.controls, ...(session.stdin ? { stdin: session.stdin } : {}), stdout: ctx.io.stdout, stderr: ctx.io.stderr,
        });
        if (report.exitCode !== undefined) ctx.setExitCode(report.exitCode);
      } finally {
        session.restore();
      }
    });
}

export function stopCommand(ctx: CliContext): Command {
  return new Command('stop').description('Stop one or more containers')
    .argument('[container...]').option('-t, --time <seconds>', 'seconds to wait before killing the container')
    .option('-a, --all', 'stop all running containers').option('-i, --ignore', 'ignore missing containers')
    .action(async (names: string[], f: { time?: string; all?: boolean; ignore?: boolean }) => {
      needNames(names, f.all);
      const timeout = seconds(f.time);
      reportBatch(ctx, await (await ctx.engine()).containers.stop(names, { ...(timeout !== undefined ? { timeout } : {}), all: f.all, ignoreMissing: f.ignore }));
    });
}

export function killCommand(ctx: CliContext): Command {
  return new Command('kill').description('Kill one or more running containers with a signal')
    .argument('[container...]').option('-s, --signal <signal>', 'signal to send', 'SIGKILL')
    .option('-a, --all', 'signal all running containers')
    .action(async (names: string[], f: { signal: string; all?: boolean }) => {
      needNames(names, f.all);
      reportBatch(ctx, await (await ctx.engine()).containers.kill(names, { signal: f.signal, all: f.all }));
    });
}

export function restartCommand(ctx: CliContext): Command {
  return new Command('restart').description('Restart one or more containers')
    .argument('[container...]').option('-t, --time <seconds>', 'seconds to wait before killing the container')
    .option('-a, --all', 'restart all containers')
    .action(async (names: string[], f: { time?: string; all?: boolean }) => {
      needNames(names, f.all);
      const timeout = seconds(f.time);
      reportBatch(ctx, await (await ctx.engine()).containers.restart(names, { ...(timeout !== undefined ? { timeout } : {}), all: f.all }));
    });
}

export function removeCommand(ctx: CliContext, name = 'rm'): Command {
  return new Command(name).aliases(name === 'rm' ? ['remove'] : []).description('Remove one or more containers')
    .argument('[container...]').option('-f, --force', 'force removal of a running container')
    .option('-v, --volumes', 'remove anonymous volumes associated with the container')
    .option('-a, --all', 'remove all containers').option('-i, --ignore', 'ignore missing containers')
    .option('-t, --time <seconds>', 'seconds to wait before killing a running container with --force')
    .action(async (names: string[], f: { force?: boolean; volumes?: boolean; all?: boolean; ignore?: boolean; time?: string }) => {
      needNames(names, f.all);
      const timeout = seconds(f.time);
      const reports = await (await ctx.engine()).containers.remove(names, {
        force: f.force, volumes: f.volumes, all: f.all, ignoreMissing: f.ignore, ...(timeout !== undefined ? { timeout } : {}),
      });
      reportBatch(ctx, reports, (r) => (f.all ? r.id! : r.input));
    });
}
