// `tsmoby images` / `image ls`: the local images, in podman's columns, with -q, --format, --filter.
import { Command } from 'commander';
import type { ImageSummary } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { renderList } from '../render/list-output.js';
import { humanDuration, humanSize } from '../render/human-units.js';

interface ListFlags { all?: boolean; quiet?: boolean; format?: string; filter: string[]; digests?: boolean; trunc?: boolean; noheading?: boolean }

export function imageListCommand(ctx: CliContext, name = 'ls', aliases: string[] = ['list']): Command {
  return new Command(name)
    .aliases(aliases)
    .description('List images in local storage')
    .argument('[reference]', 'only images whose name matches this reference')
    .option('-a, --all', 'show all images (default hides intermediate images)')
    .option('-q, --quiet', 'display only image IDs')
    .option('--format <template>', 'pretty-print images using a Go template, or json')
    .option('-f, --filter <filter>', 'filter output based on conditions provided', collect, [])
    .option('--digests', 'show digests')
    .option('--no-trunc', 'do not truncate output')
    .option('-n, --noheading', 'do not print column headings')
    .action(async (reference: string | undefined, flags: ListFlags) => {
      const filters = reference ? [...flags.filter, `reference=${reference}`] : flags.filter;
      const engine = await ctx.engine();
      const images = await engine.images.list({ all: flags.all, filters });
      const trunc = flags.trunc !== false; // commander turns --no-trunc into trunc: false
      const rows = images.flatMap((img) => imageRows(img, trunc));
      if (flags.quiet) {
        const ids = [...new Set(rows.map((r) => r.ID))];
        ctx.out(ids.map((id) => `${id}\n`).join(''));
        return;
      }
      const columns = flags.digests
        ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}'
        : 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
      ctx.out(renderList(rows, flags.format ?? columns, { noHeading: flags.noheading, headers: IMAGE_HEADERS }));
    });
}

const IMAGE_HEADERS: Record<string, string> = { ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT' };

export interface ImageRow {
  ID: string;
  Id: string;
  Repository: string;
  Tag: string;
  Digest: string;
  Created: string;
  CreatedSince: string;
  CreatedAt: string;
  Size: string;
  VirtualSize: number;
  Labels: Record<string, string>;
  Names: string[];
  Dangling: boolean;
  Containers: number;
}

/** One row per name, as podman lists an image once per repository:tag (or once as <none>). */
export function imageRows(img: ImageSummary, trunc: boolean, now = new Date()): ImageRow[] {
  const created = new Date(img.created);
  const base = {
    ID: trunc ? img.id.slice(0, 12) : `sha256:${img.id}`,
    Id: img.id,
    Digest: img.digest ?? '',
    Created: img.created,
    CreatedSince: `${humanDuration(now.getTime() - created.getTime())} ago`,
    CreatedAt: created.toISOString(),
    Size: humanSize(img.size),
    VirtualSize: img.size,
    Labels: img.labels,
    Names: img.names,
    Dangling: img.dangling,
    Containers: img.containers,
  };
  if (img.names.length === 0) return [{ ...base, Repository: '<none>', Tag: '<none>' }];
  return img.names.map((n) => {
    const { repository, tag } = splitName(n);
    return { ...base, Repository: repository, Tag: tag };
  });
}

function splitName(name: string): { repository: string; tag: string } {
  const at = name.indexOf('@');
  if (at >= 0) return { repository: name.slice(0, at), tag: '<none>' };
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: '<none>' };
}
