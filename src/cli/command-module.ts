// The contract of one file under commands/: it adds its verb (or verb group) to the program.
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}
