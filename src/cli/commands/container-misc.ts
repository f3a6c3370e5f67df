// The small container verbs: wait, rename, exists, prune, and cleanup (what conmon's exit command runs).
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/index.js';
import type { WaitCondition } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';

const CONDITIONS: readonly WaitCondition[] = ['stopped', 'exited', 'running', 'created', 'removing', 'not-running', 'next-exit'];

export function waitCommand(ctx: CliContext): Command {
  return new Command('wait').description('Block on one or more containers and print their exit codes')
    .argument('<container...>').option('--condition <state>', 'condition to wait on', collect, [])
    .action(async (names: string[], f: { condition: string[] }) => {
      for (const c of f.condition) if (!CONDITIONS.includes(c as WaitCondition)) throw new InvalidArgumentError(`invalid condition "${c}"`);
      const reports = await (await ctx.engine()).containers.wait(names, { conditions: f.condition as WaitCondition[] });
      const failed = reports.filter((r) => r.error);
      for (const r of reports) if (!r.error) ctx.out(`${r.exitCode ?? 0}\n`);
      for (const r of failed.slice(0, -1)) ctx.err(`Error: ${r.error!.message}\n`);
      if (failed.length > 0) throw failed.at(-1)!.error;
    });
}

export function renameCommand(ctx: CliContext): Command {
  return new Command('rename').description('Rename an existing container')
    .argument('<container>').argument('<name>')
    .action(async (name: string, newName: string) => {
      await (await ctx.engine()).containers.rename(name, newName);
    });
}

export function containerExistsCommand(ctx: CliContext): Command {
  return new Command('exists').description('Check if a container exists in local storage (exit 0 yes, 1 no)')
    .argument('<container>')
    .action(async (name: string) => {
      if (!(await (await ctx.engine()).containers.exists(name))) ctx.setExitCode(1);
    });
}

export function containerPruneCommand(ctx: CliContext): Command {
  return new Command('prune').description('Remove all non-running containers')
    .option('-f, --force', 'do not prompt for confirmation').option('--filter <filter>', 'filters', collect, [])
    .action(async (f: { filter: string[] }) => {
      const report = await (await ctx.engine()).containers.prune({ filters: f.filter });
      for (const id of report.deleted) ctx.out(`${id}\n`);
      for (const e of report.errors) ctx.err(`Error: ${e.error.message}\n`);
      if (report.errors.length > 0) ctx.setExitCode(125);
    });
}

export function containerCleanupCommand(ctx: CliContext): Command {
  return new Command('cleanup').description('Clean up after a container exited: unmount, network, --rm, restart policy')
    .argument('<container>')
    .action(async (name: string) => {
      await (await ctx.engine()).containers.cleanup(name);
    });
}

type PortBindings = Record<string, Array<{ HostIp: string; HostPort: string }>>;

export function portCommand(ctx: CliContext): Command {
  return new Command('port').description('List port mappings or a specific mapping for the container')
    .argument('<container>').argument('[private-port]', 'PORT[/PROTO]')
    .action(async (name: string, privatePort: string | undefined) => {
      const report = await (await ctx.engine()).containers.inspect(name);
      const ports = ((report.NetworkSettings as { Ports?: PortBindings }).Ports ?? {});
      if (privatePort === undefined) {
        for (const [key, bindings] of Object.entries(ports)) for (const b of bindings) ctx.out(`${key} -> ${b.HostIp}:${b.HostPort}\n`);
        return;
      }
      const key = privatePort.includes('/') ? privatePort : `${privatePort}/tcp`;
      const bindings = ports[key];
      if (bindings === undefined || bindings.length === 0) throw new InvalidArgumentError(`no public port '${key}' published for ${name}`);
      for (const b of bindings) ctx.out(`${b.HostIp}:${b.HostPort}\n`);
    });
}
