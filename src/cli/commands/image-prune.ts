// `tsmoby image prune`: remove dangling images (all unused with -a).
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';

export function imagePruneCommand(ctx: CliContext): Command {
  return new Command('prune')
    .description('Remove unused images')
    .option('-a, --all', 'remove all images not used by containers, not just dangling ones')
    .option('-f, --force', 'do not prompt for confirmation')
    .option('--filter <filter>', 'provide filter values (label=..., until=...)', collect, [])
    .action(async (flags: { all?: boolean; filter: string[] }) => {
      const engine = await ctx.engine();
      const report = await engine.images.prune({ all: flags.all, filters: flags.filter });
      ctx.out(report.deleted.map((id) => `${id}\n`).join(''));
    });
}
