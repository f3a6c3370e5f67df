// `tsmoby network create/ls/inspect/rm/prune/connect/disconnect/exists`.
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { renderInspect, renderList } from '../render/list-output.js';
import { reportBatch } from './container-batch.js';

function labels(specs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq === 0) throw new InvalidArgumentError(`invalid --label "${s}": expected key=value`);
    if (eq < 0) out[s] = '';
    else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

export function register(program: Command, ctx: CliContext): void {
  const network = program.command('network').description('Manage networks');
  network.command('create').description('Create a network').argument('[name]')
    .option('-d, --driver <driver>', 'driver (bridge)', 'bridge').option('--subnet <cidr>', 'IPv4 subnet')
    .option('--gateway <ip>', 'gateway of the subnet').option('--internal', 'no access to outside networks')
    .option('--label <label>', 'set metadata', collect, []).option('--ignore', 'do not fail if the network exists')
    .action(async (name: string | undefined, f: { driver: string; subnet?: string; gateway?: string; internal?: boolean; label: string[]; ignore?: boolean }) => {
      const engine = await ctx.engine();
      const n = await engine.networks.create(name ?? `tsmoby${(await engine.networks.list()).length + 1}`, {
        driver: f.driver, ...(f.subnet ? { subnet: f.subnet } : {}), ...(f.gateway ? { gateway: f.gateway } : {}),
        internal: f.internal === true, labels: labels(f.label), ignoreExisting: f.ignore === true,
      });
      ctx.out(`${n.Name}\n`);
    });
  network.command('ls').alias('list').description('List networks')
    .option('-q, --quiet', 'print names only').option('--format <template>', 'Go template or json')
    .option('-f, --filter <filter>', 'filter networks', collect, []).option('--noheading', 'do not print headers')
    .action(async (f: { quiet?: boolean; format?: string; filter: string[]; noheading?: boolean }) => {
      const list = (await (await ctx.engine()).networks.list({ filters: f.filter })).map((n) => ({ ...n, ID: n.Id.slice(0, 12) }));
      if (f.quiet) return void ctx.out(list.map((n) => `${n.Name}\n`).join(''));
      ctx.out(renderList(list, f.format ?? 'table {{.ID}}\t{{.Name}}\t{{.Driver}}', { noHeading: f.noheading, headers: { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER' } }));
    });
  network.command('inspect').description('Display detailed information on networks').argument('<name...>')
    .option('-f, --format <template>', 'Go template')
    .action(async (names: string[], f: { format?: string }) => {
      const engine = await ctx.engine();
      ctx.out(renderInspect(await Promise.all(names.map((n) => engine.networks.inspect(n))), f.format));
    });
  network.command('rm').alias('remove').description('Remove networks').argument('<name...>')
    .option('-f, --force', 'remove the containers using the network too')
    .action(async (names: string[], f: { force?: boolean }) => {
      reportBatch(ctx, await (await ctx.engine()).networks.remove(names, { force: f.force }), (r) => r.id!);
    });
  network.command('prune').description('Remove networks no container uses').option('-f, --force', 'do not prompt')
    .option('--filter <filter>', 'filters', collect, [])
    .action(async (f: { filter: string[] }) => {
      ctx.out((await (await ctx.engine()).networks.prune({ filters: f.filter })).map((n) => `${n}\n`).join(''));
    });
  network.command('connect').description('Add a container to a network').argument('<network>').argument('<container>')
    .option('--alias <alias>', 'network-scoped alias', collect, []).option('--ip <address>', 'IPv4 address')
    .action(async (net: string, container: string, f: { alias: string[]; ip?: string }) => {
      await (await ctx.engine()).networks.connect(net, container, { aliases: f.alias, ...(f.ip ? { ip: f.ip } : {}) });
    });
  network.command('disconnect').description('Remove a container from a network').argument('<network>').argument('<container>')
    .option('-f, --force', 'accepted for compatibility')
    .action(async (net: string, container: string) => {
      await (await ctx.engine()).networks.disconnect(net, container);
    });
  network.command('exists').description('Check if a network exists (exit 0 yes, 1 no)').argument('<name>')
    .action(async (name: string) => {
      if (!(await (await ctx.engine()).networks.exists(name))) ctx.setExitCode(1);
    });
}
