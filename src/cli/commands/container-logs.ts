// `tsmoby logs`: the container's output from its log file, during and after its life; -f follows until exit.
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';
import { parseTimeFilter } from '../../engine/filters/item-filters.js';

interface LogsFlags { follow?: boolean; tail?: string; since?: string; until?: string; timestamps?: boolean }

export function logsCommand(ctx: CliContext): Command {
  return new Command('logs').description('Fetch the logs of a container')
    .argument('<container>')
    .option('-f, --follow', 'follow log output until the container exits')
    .option('-n, --tail <n>', 'output the specified number of lines at the end of the logs')
    .option('--since <time>', 'show logs since a timestamp or relative time (10m)')
    .option('--until <time>', 'show logs until a timestamp or relative time')
    .option('-t, --timestamps', 'show timestamps')
    .action(async (name: string, f: LogsFlags) => {
      const now = Date.now();
      let tail: number | undefined;
      if (f.tail !== undefined && f.tail !== 'all') {
        if (!/^\d+$/.test(f.tail)) throw new InvalidArgumentError(`invalid --tail "${f.tail}": a number of lines or "all"`);
        tail = Number(f.tail);
      }
      const engine = await ctx.engine();
      for await (const line of engine.containers.logs(name, {
        follow: f.follow, ...(tail !== undefined ? { tail } : {}),
        ...(f.since ? { since: parseTimeFilter('since', f.since, now) } : {}),
        ...(f.until ? { until: parseTimeFilter('until', f.until, now) } : {}),
      })) {
        const text = f.timestamps ? `${line.time} ${line.text}` : line.text;
        (line.stream === 'stderr' ? ctx.io.stderr : ctx.io.stdout).write(text);
      }
    });
}
