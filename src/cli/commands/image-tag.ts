// `tsmoby tag` / `image tag` and `untag`: add or remove names of a local image.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function tagCommand(ctx: CliContext, name = 'tag'): Command {
  return new Command(name)
    .description('Add an additional name to a local image')
    .argument('<image>', 'the local image')
    .argument('<target...>', 'the new names')
    .action(async (image: string, targets: string[]) => {
      const engine = await ctx.engine();
      for (const t of targets) await engine.images.tag(image, t);
    });
}

export function untagCommand(ctx: CliContext, name = 'untag'): Command {
  return new Command(name)
    .description('Remove a name from a local image (all names when none are given)')
    .argument('<image>', 'the local image')
    .argument('[name...]', 'the names to remove')
    .action(async (image: string, names: string[]) => {
      const engine = await ctx.engine();
      await engine.images.untag(image, names);
    });
}
