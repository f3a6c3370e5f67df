// Reads a commander program into the plain tree the completion scripts are generated from: each command's
// path, names (aliases included), visible options, and which options take a value (so the next word is skipped).
import type { Command } from 'commander';

export interface CompletionOption {
  /** `-a`, `--all` */
  flags: string[];
  takesValue: boolean;
  description: string;
}

export interface CompletionCommand {
  /** Canonical words after the program name: [] for the program, ['image', 'ls'] for `image ls`. */
  path: string[];
  /** The name first, then aliases. */
  names: string[];
  description: string;
  options: CompletionOption[];
  commands: CompletionCommand[];
}

export function completionModel(program: Command): CompletionCommand {
  return readCommand(program, []);
}

function readCommand(cmd: Command, path: string[]): CompletionCommand {
  const help = cmd.createHelp();
  const options = help.visibleOptions(cmd).map((o) => ({
    flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'),
    takesValue: o.required,
    description: o.description ?? '',
  }));
  const commands = help.visibleCommands(cmd).map((c) => readCommand(c, [...path, c.name()]));
  return { path, names: [cmd.name(), ...cmd.aliases()], description: firstLine(cmd.description()), options, commands };
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

/** Every command of the tree, the program first, parents before children. */
export function allCommands(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.commands.flatMap(allCommands)];
}

/** The key a generated script uses for a command path: words joined by single spaces. */
export const pathKey = (c: CompletionCommand): string => c.path.join(' ');
