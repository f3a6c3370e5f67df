// `tsmoby completion bash|zsh|fish`: the shell completion script, generated from the whole command tree
// (the same text as completions/tsmoby.<shell> in the package).
import type { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';
import { SHELLS, generateCompletion, type Shell } from '../completion/generate.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('Print the shell completion script (bash, zsh or fish)')
    .argument('<shell>', SHELLS.join(', '))
    .action(async (shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new InvalidArgumentError(`unsupported shell "${shell}": use ${SHELLS.join(', ')}`);
      }
      const { createProgram } = await import('../main.js');
      const { program: full } = await createProgram(ctx.io);
      ctx.out(generateCompletion(full, shell as Shell));
    });
}
