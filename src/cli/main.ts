// The CLI front door: build the commander program from the invoked command only, run it, and turn any
// error into one line on stderr and an exit code (the only place that decides exit codes).
import { exitCodeByKind } from '../errors/error-kind.js';
import { TsmobyError } from '../errors/tsmoby-error.js';
import type { Command } from 'commander';
import type { CliContext, CliIo, GlobalOptions } from './cli-context.js';
import { commandTable } from './command-table.js';
import { VERSION } from '../util/version.js';

const GLOBAL_VALUE_OPTIONS = new Set(['--root', '--runroot', '--runtime', '--conmon', '--log-level', '--registries-conf', '--storage-opt']);

/** The first word that is not a global option or its value: the command to load. */
export function findCommandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

export async function main(argv: string[], io: CliIo = process): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.stdout.write(`tsmoby version ${VERSION}\n`);
    return 0;
  }
  const { CommanderError } = await import('commander');
  const word = findCommandWord(argv);
  const { program, exitCode } = await createProgram(io, word !== undefined && commandTable[word] ? [word] : undefined);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode();
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 125;
    }
    return reportError(err, io);
  }
}

/** The commander program with the given top-level commands registered (all of them when none are named). */
export async function createProgram(io: CliIo, names: string[] = Object.keys(commandTable)): Promise<{ program: Command; exitCode: () => number }> {
  const { Command } = await import('commander');
  let exitCode = 0;
  let engineP: ReturnType<CliContext['engine']> | undefined;
  const program = new Command('tsmoby');
  const ctx: CliContext = {
    io,
    globals: () => program.opts<GlobalOptions>(),
    engine: () => (engineP ??= import('../engine/create-engine.js').then((m) => m.createEngine(ctx.globals()))),
    setExitCode: (code) => { exitCode = code; },
    out: (t) => { io.stdout.write(t); },
    err: (t) => { io.stderr.write(t); },
  };
  program
    .description('Manage containers and images, rootless and without a daemon')
    .version(`tsmoby version ${VERSION}`, '-v, --version')
    .option('--root <dir>', 'storage root directory')
    .option('--runroot <dir>', 'storage state (runtime) directory')
    .option('--runtime <path>', 'OCI runtime to use (default: runc)')
    .option('--conmon <path>', 'container monitor binary')
    .option('--registries-conf <path>', 'registries.conf file to use instead of the default ones')
    .option('--storage-opt <option>', 'storage driver option (overlay.mount_program=PATH), repeatable',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--log-level <level>', 'log messages at and above this level (debug, info, warn, error)', 'warn')
    .enablePositionalOptions()
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `Error: ${s.slice(7)}` : s),
    });
  const modules = await Promise.all(names.map((n) => commandTable[n]!()));
  for (const m of new Set(modules)) m.register(program, ctx);
  inheritErrorHandling(program);
  return { program, exitCode: () => exitCode };
}

/** Commands built with `new Command` (shortcuts, groups) do not inherit the program's exit override and
 *  output; without them a bad flag would end the process with commander's status 1 instead of 125. */
function inheritErrorHandling(parent: Command): void {
  for (const c of parent.commands) {
    c.exitOverride();
    c.configureOutput(parent.configureOutput());
    inheritErrorHandling(c);
  }
}

function reportError(err: unknown, io: CliIo): number {
  if (err instanceof TsmobyError) {
    io.stderr.write(`Error: ${err.message}\n`);
    if (process.env.TSMOBY_DEBUG && err.cause) io.stderr.write(`caused by: ${String((err.cause as Error)?.stack ?? err.cause)}\n`);
    return exitCodeByKind[err.kind];
  }
  const e = err as Error;
  io.stderr.write(`Error: ${e?.message ?? String(err)}\n`);
  if (process.env.TSMOBY_DEBUG) io.stderr.write(`${e?.stack ?? ''}\n`);
  return 125;
}
