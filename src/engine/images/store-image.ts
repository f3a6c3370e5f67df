// The one path that turns a manifest, its config and its layer blobs into a stored image, shared by pull and
// load: up to FETCH_CONCURRENCY layers at a time are read once from their source, stored as verified blobs
// and extracted from the same bytes, in parallel with the layers below them (the chain id makes each layer
// directory independent); a layer and then the record appear only after the blobs verified, so an
// interrupted store leaves only verified blobs and complete layers that the next attempt reuses.
import type { ProgressEvent } from '../engine.js';
import type { ImageRecord, LayerRef } from '../../image/image-store.js';
import { parseImageConfig, parseManifest, type Descriptor, type ImageConfig, type ImageManifest } from '../../image/manifest.js';
import { sha256Digest } from '../../image/digest.js';
import { applyLayer, type ApplyResult } from '../../storage/apply.js';
import { chainIds } from '../../storage/chain-id.js';
import type { LayerMeta } from '../../storage/layer-store.js';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { mapLimit } from '../../util/async-queue.js';
import type { ImageContext } from './image-context.js';
import { explainLayerFailure } from './layer-failure.js';

export interface ImageSource {
  manifest: { digest: string; mediaType: string; bytes: Buffer };
  config: Buffer;
  /** The layer's blob as it arrives, not verified yet: storeImage verifies it while storing and extracting it. */
  openLayer(desc: Descriptor): Promise<AsyncIterable<Uint8Array>>;
  /** Whether a failed attempt at a layer is worth repeating (a broken or corrupt transfer); never by default. */
  retryable?(err: unknown, attempt: number): boolean;
  names: string[];
  repoDigests: string[];
  /** Other documents to keep as blobs (the index a platform manifest was chosen from). */
  extraBlobs?: Buffer[];
}

export const FETCH_CONCURRENCY = 4;
const PROGRESS_INTERVAL_MS = 100;

export async function storeImage(ctx: ImageContext, src: ImageSource, emit: (ev: ProgressEvent) => void): Promise<ImageRecord> {
  const manifest = parseManifest(src.manifest.bytes, src.manifest.mediaType);
  if (manifest.kind !== 'manifest') throw new InvalidArgumentError('expected an image manifest, got an index');
  const config = parseImageConfig(src.config);
  const configDigest = sha256Digest(src.config);
  if (configDigest !== manifest.config.digest) throw new InvalidArgumentError(`image config does not match its digest ${manifest.config.digest}`);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) {
    throw new InvalidArgumentError(`manifest has ${manifest.layers.length} layers but the config lists ${diffIds.length} diff ids`);
  }
  // Partial blobs of pulls killed long ago; a running pull keeps touching its own.
  await ctx.blobs.sweepTemp();
  for (const doc of [src.manifest.bytes, src.config, ...(src.extraBlobs ?? [])]) {
    const digest = sha256Digest(doc);
    if (!(await ctx.blobs.has(digest))) await ctx.blobs.put(doc, digest, doc.length);
  }
  const metas = await fetchAndExtract(ctx, src, manifest, diffIds, emit);
  emit({ type: 'config', digest: configDigest });
  return ctx.images.put(imageRecord(src, manifest, config, configDigest, metas), src.names, src.repoDigests);
}

async function fetchAndExtract(
  ctx: ImageContext, src: ImageSource, manifest: ImageManifest, diffIds: string[], emit: (ev: ProgressEvent) => void,
): Promise<LayerMeta[]> {
  const chains = chainIds(diffIds);
  // One settled-signal per layer, created up front so that a layer can wait for the one below it.
  const done = chains.map(() => {
    let resolve!: (meta: Promise<LayerMeta>) => void;
    const promise = new Promise<LayerMeta>((r) => { resolve = r; });
    let settled = false;
    const settle = (meta: Promise<LayerMeta>): void => {
      if (!settled) resolve(meta);
      settled = true;
    };
    return { promise, settle, isSettled: () => settled };
  });
  let failed: { error: unknown } | undefined;
  const working = mapLimit(manifest.layers, FETCH_CONCURRENCY, async (desc, i) => {
    if (failed) throw failed.error;
    const chainId = chains[i]!;
    const existing = await ctx.layers.get(chainId);
    if (existing) {
      emit({ type: 'layer', digest: desc.digest, status: 'exists' });
      done[i]!.settle(Promise.resolve(existing));
      return;
    }
    const parentReady = i === 0 ? undefined : done[i - 1]!.promise.catch(() => undefined);
    const meta = storeLayer(ctx, src, desc, { chainId, parent: chains[i - 1], parentReady }, emit);
    done[i]!.settle(meta);
    // The slot stays taken until this layer is downloaded and extracted; a failure stops further layers.
    await meta.catch((error: unknown) => {
      failed ??= { error };
      throw error;
    });
  }).catch((err: unknown) => {
    // Layers whose work never started fail too, so nobody waits for them.
    for (const d of done) if (!d.isSettled()) d.settle(Promise.reject(err));
    throw err;
  });
  const results = await Promise.allSettled([working, ...done.map((d) => d.promise)]);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return Promise.all(done.map((d) => d.promise));
}

interface LayerPlace {
  chainId: string;
  parent: string | undefined;
  parentReady: Promise<unknown> | undefined;
}

/**
 * Extracts one layer into the layer store: from its blob when the store has it, otherwise straight from the
 * download while the blob is stored (one read of the bytes). The layer is renamed into place only after the
 * blob matched its digest; a failed attempt leaves neither, and the source decides whether to try again.
 */
async function storeLayer(
  ctx: ImageContext, src: ImageSource, desc: Descriptor, place: LayerPlace, emit: (ev: ProgressEvent) => void,
): Promise<LayerMeta> {
  const extra = { compressedDigest: desc.digest, ...(place.parentReady ? { parentReady: place.parentReady } : {}) };
  for (let attempt = 1; ; attempt++) {
    const local = await ctx.blobs.has(desc.digest);
    const warnings: string[] = [];
    const extractor = async (diffDir: string): Promise<ApplyResult> => {
      const result = local
        ? await applyFrom(ctx, ctx.blobs.open(desc.digest), diffDir, desc, emit)
        : await downloadAndApply(ctx, src, desc, diffDir, emit);
      warnings.push(...result.warnings);
      return result;
    };
    try {
      const meta = await ctx.layers.create(place.chainId, place.parent, extractor, extra);
      for (const w of warnings) ctx.warn(w);
      emit({ type: 'layer', digest: desc.digest, status: 'done' });
      return meta;
    } catch (err) {
      if (local || !src.retryable?.(err, attempt)) throw explainLayerFailure(ctx, err);
    }
  }
}

function applyFrom(
  ctx: ImageContext, content: AsyncIterable<Uint8Array>, diffDir: string, desc: Descriptor, emit: (ev: ProgressEvent) => void,
): Promise<ApplyResult> {
  emit({ type: 'layer', digest: desc.digest, status: 'extracting' });
  return applyLayer(content, diffDir, { rootless: ctx.paths.rootless });
}

async function downloadAndApply(
  ctx: ImageContext, src: ImageSource, desc: Descriptor, diffDir: string, emit: (ev: ProgressEvent) => void,
): Promise<ApplyResult> {
  let last = 0;
  const onProgress = (current: number): void => {
    if (current >= desc.size) {
      emit({ type: 'layer', digest: desc.digest, status: 'extracting' });
      return;
    }
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    emit({ type: 'layer', digest: desc.digest, status: 'downloading', current, total: desc.size });
  };
  emit({ type: 'layer', digest: desc.digest, status: 'downloading', current: 0, total: desc.size });
  const source = await src.openLayer(desc);
  return ctx.blobs.putWhile(source, desc.digest, desc.size, (content) => applyLayer(content, diffDir, { rootless: ctx.paths.rootless }), {
    onProgress,
    // An unreadable archive may be a corrupt transfer: finish reading it so that shows as a digest mismatch.
    verifyAfter: (err) => err instanceof InvalidArgumentError,
  });
}

function imageRecord(src: ImageSource, manifest: ImageManifest, config: ImageConfig, configDigest: string, metas: LayerMeta[]): ImageRecord {
  const layers: LayerRef[] = manifest.layers.map((d, i) => ({
    chainId: metas[i]!.chainId, diffId: metas[i]!.diffId, digest: d.digest, mediaType: d.mediaType, size: d.size,
  }));
  const now = new Date().toISOString();
  return {
    id: configDigest.slice('sha256:'.length),
    names: [],
    repoDigests: [],
    manifest: { digest: src.manifest.digest, mediaType: manifest.mediaType },
    configDigest,
    layers,
    created: config.created ?? now,
    size: metas.reduce((sum, m) => sum + m.size, 0),
    architecture: config.architecture,
    os: config.os,
    labels: config.config?.Labels ?? {},
    lastTagTime: now,
  };
}
