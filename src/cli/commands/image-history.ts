// `tsmoby history` / `image history`: the image's history entries, newest first, in podman's columns.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { humanDuration, humanSize } from '../render/human-units.js';
import { renderList } from '../render/list-output.js';

interface HistoryFlags { quiet?: boolean; format?: string; trunc?: boolean; human?: boolean }

export function historyCommand(ctx: CliContext, name = 'history'): Command {
  return new Command(name)
    .description('Show the history of an image')
    .argument('<image>', 'image name or ID')
    .option('-q, --quiet', 'display only the numeric IMAGE ID')
    .option('--format <template>', 'change the output to JSON or a Go template')
    .option('--no-trunc', 'do not truncate the output')
    .option('-H, --human [bool]', 'display sizes and dates in human readable format', true)
    .action(async (image: string, flags: HistoryFlags) => {
      const engine = await ctx.engine();
      const entries = await engine.images.history(image);
      const trunc = flags.trunc !== false; // commander turns --no-trunc into trunc: false
      const now = Date.now();
      const rows = entries.map((e) => ({
        ID: e.id === '<missing>' ? e.id : trunc ? e.id.slice(0, 12) : e.id,
        Created: `${humanDuration(now - new Date(e.created).getTime())} ago`,
        CreatedAt: e.created,
        CreatedBy: trunc && e.createdBy.length > 45 ? `${e.createdBy.slice(0, 42)}...` : e.createdBy,
        Size: humanSize(e.size),
        Comment: e.comment,
        Tags: e.tags.join(','),
      }));
      if (flags.quiet) return ctx.out(rows.map((r) => `${r.ID}\n`).join(''));
      const table = 'table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
      ctx.out(renderList(rows, flags.format ?? table, { headers: { ID: 'ID', CreatedBy: 'CREATED BY' } }));
    });
}
