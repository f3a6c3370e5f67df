// `images`: records as summaries, filtered by the `key=value` filters both front doors pass. Reads no
// configs and takes no lock (DESIGN §3), so listing stays as fast as reading the records.
import type { ImageListOptions, ImageSummary } from '../engine.js';
import type { ImageRecord } from '../../image/image-store.js';
import { applyFilters, parseFilters } from '../filters/item-filters.js';
import type { ImageContext } from './image-context.js';
import { resolveImage } from './find-image.js';

export const IMAGE_FILTERS = ['dangling', 'reference', 'label', 'before', 'since', 'id', 'until', 'digest'];

export async function listImages(ctx: ImageContext, options: ImageListOptions = {}): Promise<ImageSummary[]> {
  const records = await ctx.images.list();
  const filtered = filterRecords(records, options.filters ?? []);
  const summaries = await Promise.all(filtered.map(async (r) => summarize(r, await ctx.containersUsing(r.id))));
  return summaries.sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
}

export function filterRecords(records: readonly ImageRecord[], filters: readonly string[]): ImageRecord[] {
  const parsed = parseFilters(filters, IMAGE_FILTERS);
  return applyFilters(records, parsed, {
    id: (r) => r.id,
    references: (r) => r.names,
    labels: (r) => r.labels ?? {},
    created: (r) => Date.parse(r.created),
    dangling: (r) => r.names.length === 0,
    resolveCreated: (ref) => Date.parse(resolveImage(records, ref).created),
    custom: (r, key, value) => key === 'digest' && (r.manifest.digest === value || r.repoDigests.some((d) => d.endsWith(`@${value}`))),
  });
}

export function summarize(r: ImageRecord, containers = 0): ImageSummary {
  return {
    id: r.id,
    names: r.names,
    digest: r.manifest.digest,
    repoDigests: r.repoDigests,
    created: r.created,
    size: r.size,
    labels: r.labels ?? {},
    dangling: r.names.length === 0,
    containers,
  };
}
