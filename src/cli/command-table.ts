// Which module defines which top-level word. Only the invoked command's module is loaded; `--help`
// loads them all. Aliases (images, rmi, ps, ...) point at the module that registers them.
import type { CommandModule } from './command-module.js';

export type CommandLoader = () => Promise<CommandModule>;

export const commandTable: Record<string, CommandLoader> = {
  version: () => import('./commands/version.js'),
};
