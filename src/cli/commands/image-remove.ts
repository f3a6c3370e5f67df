// `tsmoby rmi` / `image rm`: remove images, reporting per image like podman, failing at the end if any failed.
import { Command } from 'commander';
import { TsmobyError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';

interface RemoveFlags { force?: boolean; all?: boolean; ignore?: boolean }

export function imageRemoveCommand(ctx: CliContext, name = 'rm', aliases: string[] = ['remove']): Command {
  return new Command(name)
    .aliases(aliases)
    .description('Remove one or more images from local storage')
    .argument('[image...]', 'images to remove')
    .option('-f, --force', 'remove the image even if containers use it, and all its names')
    .option('-a, --all', 'remove all images')
    .option('-i, --ignore', 'ignore errors if a specified image does not exist')
    .action(async (images: string[], flags: RemoveFlags) => {
      if (images.length === 0 && !flags.all) throw new TsmobyError('invalid-argument', 'image name or ID must be specified');
      const engine = await ctx.engine();
      const report = await engine.images.remove(images, { force: flags.force, all: flags.all });
      for (const u of report.untagged) ctx.out(`Untagged: ${u}\n`);
      for (const d of report.deleted) ctx.out(`Deleted: ${d}\n`);
      const errors = report.errors.filter((e) => !(flags.ignore && e.error instanceof TsmobyError && e.error.kind === 'not-found'));
      for (const e of errors.slice(0, -1)) ctx.err(`Error: ${e.error.message}\n`);
      const last = errors.at(-1);
      if (last) throw last.error;
    });
}
