// `tsmoby ps` / `container ls`: podman's columns, -a, -q, --no-trunc, --format, --filter, -l, -n.
import { Command } from 'commander';
import type { ContainerSummary } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { containerStatus, timeAgo } from '../render/human-units.js';
import { renderList } from '../render/list-output.js';

interface PsFlags { all?: boolean; quiet?: boolean; trunc?: boolean; format?: string; filter: string[]; latest?: boolean; last?: string; noheading?: boolean }

const COLUMNS = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const HEADERS: Record<string, string> = { ID: 'CONTAINER ID', CreatedHuman: 'CREATED', Names: 'NAMES', Ports: 'PORTS' };

export function psCommand(ctx: CliContext, name = 'ps', aliases: string[] = []): Command {
  return new Command(name).aliases(aliases).description('List containers')
    .option('-a, --all', 'show all the containers, default is only running containers')
    .option('-q, --quiet', 'print the numeric IDs of the containers only')
    .option('--no-trunc', 'do not truncate the output')
    .option('--format <template>', 'pretty-print containers to JSON or using a Go template')
    .option('-f, --filter <filter>', 'filter output based on conditions given', collect, [])
    .option('-l, --latest', 'act on the latest container tsmoby is aware of')
    .option('-n, --last <n>', 'print the n last created containers (all states)')
    .option('--noheading', 'do not print headers')
    .action(async (f: PsFlags) => {
      const last = f.latest ? 1 : f.last !== undefined ? Number(f.last) : undefined;
      const list = await (await ctx.engine()).containers.list({ all: f.all, filters: f.filter, ...(last !== undefined ? { last } : {}) });
      const trunc = f.trunc !== false;
      const rows = list.map((c) => psRow(c, trunc));
      if (f.quiet) {
        ctx.out(rows.map((r) => `${r.ID}\n`).join(''));
        return;
      }
      ctx.out(renderList(rows, f.format ?? COLUMNS, { noHeading: f.noheading, headers: HEADERS }));
    });
}

export function psRow(c: ContainerSummary, trunc: boolean, now = new Date()) {
  const command = c.command.join(' ');
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Id: c.id,
    Image: c.image,
    ImageID: c.imageId,
    Command: trunc && command.length > 20 ? `${command.slice(0, 17)}...` : command,
    Created: c.created,
    CreatedAt: c.created,
    CreatedHuman: timeAgo(new Date(c.created), now),
    RunningFor: timeAgo(new Date(c.created), now),
    Status: containerStatus({
      state: c.status,
      ...(c.startedAt ? { startedAt: new Date(c.startedAt) } : {}),
      ...(c.finishedAt ? { finishedAt: new Date(c.finishedAt) } : {}),
      exitCode: c.exitCode,
    }, now),
    State: c.status,
    ExitCode: c.exitCode,
    Ports: c.ports.join(', '),
    Names: c.names.join(','),
    Labels: c.labels,
    Mounts: c.mounts,
    Pid: c.pid,
    AutoRemove: c.autoRemove,
    Restarts: c.restartCount,
  };
}
