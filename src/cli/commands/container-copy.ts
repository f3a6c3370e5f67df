// `tsmoby cp` and `tsmoby diff`: copy between a container and the host (or a tar on stdin/stdout), and
// list what a container changed against its image.
import { Command } from 'commander';
import type { ContainerChange } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { parseCopyLocation } from '../options/copy-location.js';
import { formatRows } from '../render/format-output.js';

export function copyCommand(ctx: CliContext): Command {
  return new Command('cp').description('Copy files/folders between a container and the local filesystem')
    .argument('<src>', 'CONTAINER:SRC_PATH, a host path, or - for a tar on stdin')
    .argument('<dest>', 'CONTAINER:DEST_PATH, a host path, or - for a tar on stdout')
    .option('-a, --archive', 'keep uid/gid information in the container (otherwise its root owns the copy)')
    .option('-L, --follow-link', 'accepted for compatibility')
    .option('-q, --quiet', 'accepted for compatibility')
    .action(async (src: string, dest: string, f: { archive?: boolean }) => {
      await (await ctx.engine()).containers.copy(parseCopyLocation(src), parseCopyLocation(dest), {
        archive: f.archive === true, stdin: ctx.io.stdin, stdout: ctx.io.stdout,
      });
    });
}

const LETTER = ['C', 'A', 'D'] as const;

function diffJson(changes: ContainerChange[]): string {
  const groups: Record<string, string[]> = {};
  const key = ['changed', 'added', 'deleted'] as const;
  for (const c of changes) (groups[key[c.Kind]] ??= []).push(c.Path);
  return `${JSON.stringify(groups, null, 4)}\n`;
}

export function diffCommand(ctx: CliContext): Command {
  return new Command('diff').description("Inspect changes to a container's file system")
    .argument('<container>')
    .option('--format <format>', 'json, or a Go template over .Path and .Kind')
    .action(async (name: string, f: { format?: string }) => {
      const changes = await (await ctx.engine()).containers.changes(name);
      if (f.format === 'json') return ctx.out(diffJson(changes));
      const rows = changes.map((c) => ({ ...c, Kind: LETTER[c.Kind] }));
      ctx.out(formatRows(rows, f.format ?? '{{.Kind}} {{.Path}}', { defaultTable: '{{.Kind}} {{.Path}}' }));
    });
}
