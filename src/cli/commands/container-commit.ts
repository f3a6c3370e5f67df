// `tsmoby commit CONTAINER [IMAGE]`: the container's changes as a new image, with --change instructions.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';

interface CommitFlags { change: string[]; message?: string; author?: string; quiet?: boolean; pause?: boolean }

export function commitCommand(ctx: CliContext, name = 'commit'): Command {
  return new Command(name)
    .description('Create a new image from a container\'s changes')
    .argument('<container>', 'container name or ID')
    .argument('[image]', 'name for the new image')
    .option('-c, --change <instruction>', 'apply a Dockerfile instruction to the image config (repeatable)', collect, [])
    .option('-m, --message <text>', 'commit message')
    .option('-a, --author <name>', 'author of the image')
    .option('-q, --quiet', 'print nothing but the id')
    .option('-p, --pause', 'pause the container while committing (not needed rootless)', true)
    .action(async (container: string, image: string | undefined, flags: CommitFlags) => {
      const engine = await ctx.engine();
      const report = await engine.images.commit(container, {
        changes: flags.change, ...(image !== undefined ? { reference: image } : {}),
        ...(flags.message !== undefined ? { message: flags.message } : {}), ...(flags.author !== undefined ? { author: flags.author } : {}),
      });
      ctx.out(`${report.imageId}\n`);
    });
}
