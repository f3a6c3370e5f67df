// `rmi` and `image prune`: remove images, reporting per image, then the layers and blobs no remaining image
// uses. Removing one of several names only untags; an image used by a container is refused unless forced.
import type { PruneReport, RemoveReport } from '../engine.js';
import type { ImageRecord } from '../../image/image-store.js';
import { ConflictError } from '../../errors/tsmoby-error.js';
import type { ImageContext } from './image-context.js';
import { matchingName, resolveImage } from './find-image.js';
import { filterRecords } from './list.js';

export async function removeImages(ctx: ImageContext, inputs: string[], options: { force?: boolean; all?: boolean } = {}): Promise<RemoveReport> {
  const report: RemoveReport = { untagged: [], deleted: [], errors: [] };
  const records = await ctx.images.list();
  const targets = options.all ? records.map((r) => r.id) : inputs;
  for (const input of targets) {
    try {
      const record = resolveImage(await ctx.images.list(), input);
      const name = options.all ? undefined : matchingName(record, input);
      if (name !== undefined && record.names.length > 1 && !options.force) {
        await ctx.images.removeNames(record.id, [name]);
        report.untagged.push(name);
        continue;
      }
      const users = await ctx.containersUsing(record.id);
      if (users > 0 && !options.force) {
        throw new ConflictError(`image ${record.id.slice(0, 12)} is in use by ${users} container(s): remove them first or use --force`);
      }
      report.untagged.push(...record.names);
      await deleteImage(ctx, record);
      report.deleted.push(record.id);
    } catch (error) {
      report.errors.push({ name: input, error: error as Error });
    }
  }
  return report;
}

export async function pruneImages(ctx: ImageContext, options: { all?: boolean; filters?: readonly string[] } = {}): Promise<PruneReport> {
  const report: PruneReport = { deleted: [], spaceReclaimed: 0 };
  const candidates = filterRecords(await ctx.images.list(), options.filters ?? []);
  for (const record of candidates) {
    if (!options.all && record.names.length > 0) continue;
    if ((await ctx.containersUsing(record.id)) > 0) continue;
    await deleteImage(ctx, record);
    report.deleted.push(record.id);
    report.spaceReclaimed += record.size;
  }
  return report;
}

/** Deletes the record, then whatever of its layers and blobs no other image still refers to. */
export async function deleteImage(ctx: ImageContext, record: ImageRecord): Promise<void> {
  await ctx.images.delete(record.id);
  await ctx.locks.withLock('image-gc', async () => {
    const rest = await ctx.images.list();
    const usedChains = new Set(rest.flatMap((r) => r.layers.map((l) => l.chainId)));
    const usedBlobs = new Set(rest.flatMap((r) => [r.configDigest, r.manifest.digest, ...r.layers.map((l) => l.digest)]));
    for (const layer of [...record.layers].reverse()) {
      if (!usedChains.has(layer.chainId)) await ctx.layers.remove(layer.chainId);
    }
    for (const digest of [record.configDigest, record.manifest.digest, ...record.layers.map((l) => l.digest)]) {
      if (!usedBlobs.has(digest)) await ctx.blobs.remove(digest);
    }
  });
}
