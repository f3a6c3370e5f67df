// `history`: the config's history entries, newest first; an entry that made a layer gets that layer's size,
// and only the newest entry carries the image id and names (older ones are `<missing>`, as in Docker).
import type { HistoryEntry } from '../engine.js';
import { parseImageConfig, type HistoryEntry as ConfigHistory } from '../../image/manifest.js';
import type { ImageContext } from './image-context.js';
import { findImage } from './find-image.js';

export async function imageHistory(ctx: ImageContext, name: string): Promise<HistoryEntry[]> {
  const record = await findImage(ctx, name);
  const config = parseImageConfig(await ctx.blobs.read(record.configDigest));
  const sizes = await Promise.all(record.layers.map(async (l) => (await ctx.layers.get(l.chainId))?.size ?? 0));
  const entries: ConfigHistory[] = config.history ?? record.layers.map(() => ({}));
  let layer = 0;
  const out: HistoryEntry[] = entries.map((h) => ({
    id: '<missing>',
    created: h.created ?? record.created,
    createdBy: h.created_by ?? '',
    size: h.empty_layer ? 0 : (sizes[layer++] ?? 0),
    comment: h.comment ?? '',
    tags: [],
  }));
  out.reverse();
  if (out[0]) Object.assign(out[0], { id: record.id, tags: record.names });
  return out;
}
