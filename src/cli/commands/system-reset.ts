// `tsmoby system reset`: remove all images, layers, containers and volumes of the store. Without --force it
// refuses to run, since there is no prompt in a non-interactive command.
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';

export function systemResetCommand(ctx: CliContext): Command {
  return new Command('reset')
    .description('Reset storage back to its initial state (removes all images, containers and volumes)')
    .option('-f, --force', 'do not prompt for confirmation')
    .action(async (flags: { force?: boolean }) => {
      if (!flags.force) throw new InvalidArgumentError('system reset removes everything in the store: run it with --force');
      const engine = await ctx.engine();
      await engine.system.reset();
    });
}
