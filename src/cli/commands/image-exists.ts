// `tsmoby image exists`: exit 0 when the image is in local storage, 1 when not (podman's contract).
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function imageExistsCommand(ctx: CliContext): Command {
  return new Command('exists')
    .description('Check if an image exists in local storage')
    .argument('<image>', 'image name or ID')
    .action(async (image: string) => {
      const engine = await ctx.engine();
      if (!(await engine.images.exists(image))) ctx.setExitCode(1);
    });
}
