// `tsmoby container ...`: the container verb group; run, ps, rm, ... are also top-level shortcuts.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { copyCommand, diffCommand } from './container-copy.js';
import { attachCommand, topCommand } from './container-attach.js';
import { execCommand } from './container-exec.js';
import { inspectCommand } from './container-inspect.js';
import { killCommand, removeCommand, restartCommand, startCommand, stopCommand } from './container-lifecycle.js';
import { psCommand } from './container-list.js';
import { logsCommand } from './container-logs.js';
import {
  containerCleanupCommand, containerExistsCommand, containerPruneCommand, portCommand, renameCommand, waitCommand,
} from './container-misc.js';
import { createCommand, runCommand } from './container-run.js';

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('container').description('Manage containers').enablePositionalOptions();
  for (const cmd of [
    runCommand(ctx), createCommand(ctx), startCommand(ctx), stopCommand(ctx), killCommand(ctx), restartCommand(ctx),
    removeCommand(ctx), psCommand(ctx, 'ls', ['list', 'ps']), inspectCommand(ctx, 'inspect', 'container'), logsCommand(ctx),
    waitCommand(ctx), renameCommand(ctx), portCommand(ctx), containerExistsCommand(ctx), containerPruneCommand(ctx), containerCleanupCommand(ctx),
    copyCommand(ctx), diffCommand(ctx),
    execCommand(ctx), attachCommand(ctx), topCommand(ctx),
  ]) group.addCommand(cmd);
}
