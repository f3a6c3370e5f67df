// `tsmoby system service [--time SECONDS] [URI]`: serve the Docker-compatible API until idle (DESIGN §8).
import type { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';
import { VERSION } from '../../util/version.js';
import { systemResetCommand } from './system-reset.js';
import { dfCommand, eventsCommand, infoCommand } from './system-info.js';

export function parseSeconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`invalid --time "${value}": expected a whole number of seconds`);
  return Number(value);
}

export function register(program: Command, ctx: CliContext): void {
  const system = program.command('system').description('Manage tsmoby itself');
  system.addCommand(systemResetCommand(ctx));
  system.addCommand(infoCommand(ctx));
  system.addCommand(dfCommand(ctx));
  system.addCommand(eventsCommand(ctx));
  system
    .command('service')
    .description('Serve the Docker-compatible API (exits after --time seconds without requests)')
    .argument('[URI]', 'unix:///path or tcp:HOST:PORT (default: $XDG_RUNTIME_DIR/tsmoby/tsmoby.sock)')
    .option('-t, --time <seconds>', 'seconds of inactivity before the service exits, 0 = never', '5')
    .action(async (uri: string | undefined, opts: { time: string }) => {
      const idleSeconds = parseSeconds(opts.time);
      const api = await import('../../api/index.js');
      api.serviceV8Flags();
      const server = await api.startApiServer(() => ctx.engine(), {
        listen: uri ?? `unix://${api.defaultApiSocket()}`,
        idleSeconds,
        serverVersion: VERSION,
        notify: async (state) => (await ctx.engine()).system.notify(state),
        log: (line) => ctx.err(`${line}\n`),
        // For the memory check in the tests and benchmarks only.
        debugHeap: process.env.TSMOBY_DEBUG_HEAP === '1',
      });
      const stop = () => { void server.close(); };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        await server.closed;
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    });
}
