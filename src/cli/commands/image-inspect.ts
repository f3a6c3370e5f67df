// `tsmoby image inspect`: Docker-shaped JSON for one or more images, or a --format template per image.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { renderInspect } from '../render/list-output.js';

export function imageInspectCommand(ctx: CliContext, name = 'inspect'): Command {
  return new Command(name)
    .description('Display the configuration of one or more images')
    .argument('<image...>', 'images to inspect')
    .option('-f, --format <template>', 'format the output with a Go template')
    .action(async (images: string[], flags: { format?: string }) => {
      const engine = await ctx.engine();
      const docs: unknown[] = [];
      let firstError: unknown;
      for (const image of images) {
        try {
          docs.push(await engine.images.inspect(image));
        } catch (err) {
          firstError ??= err;
          ctx.err(`Error: ${(err as Error).message}\n`);
        }
      }
      ctx.out(renderInspect(docs, flags.format));
      if (firstError) ctx.setExitCode(125);
    });
}
