// `tsmoby volume create/ls/inspect/rm/prune/exists`.
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { renderInspect, renderList } from '../render/list-output.js';
import { reportBatch } from './container-batch.js';

function keyValues(specs: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq === 0) throw new InvalidArgumentError(`invalid ${flag} "${s}": expected key=value`);
    if (eq < 0) out[s] = '';
    else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

export function register(program: Command, ctx: CliContext): void {
  const volume = program.command('volume').description('Manage volumes');
  volume.command('create').description('Create a new volume').argument('[name]')
    .option('-d, --driver <driver>', 'volume driver', 'local').option('-l, --label <label>', 'set metadata', collect, [])
    .option('-o, --opt <opt>', 'driver options', collect, []).option('--ignore', 'do not fail if the volume exists')
    .action(async (name: string | undefined, f: { driver: string; label: string[]; opt: string[]; ignore?: boolean }) => {
      const v = await (await ctx.engine()).volumes.create(name, {
        driver: f.driver, labels: keyValues(f.label, '--label'), options: keyValues(f.opt, '--opt'), ignoreExisting: f.ignore,
      });
      ctx.out(`${v.Name}\n`);
    });
  volume.command('ls').alias('list').description('List volumes')
    .option('-q, --quiet', 'print volume names only').option('--format <template>', 'Go template or json')
    .option('-f, --filter <filter>', 'filter volumes', collect, []).option('-n, --noheading', 'do not print headers')
    .action(async (f: { quiet?: boolean; format?: string; filter: string[]; noheading?: boolean }) => {
      const list = await (await ctx.engine()).volumes.list({ filters: f.filter });
      if (f.quiet) return void ctx.out(list.map((v) => `${v.Name}\n`).join(''));
      ctx.out(renderList(list, f.format ?? 'table {{.Driver}}\t{{.Name}}', { noHeading: f.noheading, headers: { Driver: 'DRIVER', Name: 'VOLUME NAME' } }));
    });
  volume.command('inspect').description('Display detailed information on volumes').argument('[name...]')
    .option('-f, --format <template>', 'Go template').option('-a, --all', 'inspect all volumes')
    .action(async (names: string[], f: { format?: string; all?: boolean }) => {
      const engine = await ctx.engine();
      const docs = f.all ? await engine.volumes.list() : await Promise.all(names.map((n) => engine.volumes.inspect(n)));
      ctx.out(renderInspect(docs, f.format));
    });
  volume.command('rm').alias('remove').description('Remove one or more volumes').argument('[name...]')
    .option('-f, --force', 'remove the volume and the containers using it').option('-a, --all', 'remove all volumes')
    .action(async (names: string[], f: { force?: boolean; all?: boolean }) => {
      if (names.length === 0 && !f.all) throw new InvalidArgumentError('choose either one or more volumes or all');
      reportBatch(ctx, await (await ctx.engine()).volumes.remove(names, { force: f.force, all: f.all }), (r) => r.id!);
    });
  volume.command('prune').description('Remove all unused volumes').option('-f, --force', 'do not prompt')
    .option('--filter <filter>', 'filters', collect, [])
    .action(async (f: { filter: string[] }) => {
      const report = await (await ctx.engine()).volumes.prune({ filters: f.filter });
      ctx.out(report.deleted.map((n) => `${n}\n`).join(''));
    });
  volume.command('exists').description('Check if a volume exists (exit 0 yes, 1 no)').argument('<name>')
    .action(async (name: string) => {
      if (!(await (await ctx.engine()).volumes.exists(name))) ctx.setExitCode(1);
    });
}
