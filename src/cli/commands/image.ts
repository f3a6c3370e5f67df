// `tsmoby image ...`: the image verb group, and the top-level shortcuts podman also has (pull, images, rmi...).
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { loadCommand, saveCommand } from './image-archive.js';
import { imageExistsCommand } from './image-exists.js';
import { buildCommand } from './image-build.js';
import { historyCommand } from './image-history.js';
import { imageInspectCommand } from './image-inspect.js';
import { imageListCommand } from './image-list.js';
import { imagePruneCommand } from './image-prune.js';
import { pullCommand } from './image-pull.js';
import { pushCommand } from './image-push.js';
import { imageRemoveCommand } from './image-remove.js';
import { tagCommand, untagCommand } from './image-tag.js';

export function register(program: Command, ctx: CliContext): void {
  const image = program.command('image').description('Manage images');
  for (const cmd of [
    pullCommand(ctx), pushCommand(ctx), imageListCommand(ctx), imageInspectCommand(ctx), tagCommand(ctx),
    untagCommand(ctx), imageRemoveCommand(ctx), imagePruneCommand(ctx), imageExistsCommand(ctx),
    historyCommand(ctx), saveCommand(ctx), loadCommand(ctx), buildCommand(ctx),
  ]) image.addCommand(cmd);
}
