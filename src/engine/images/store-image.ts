// The one path that turns a manifest, its config and its layer blobs into a stored image, shared by pull and
// load: blobs are fetched (downloaded or copied) at most `concurrency` at a time and verified into the
// BlobStore; each layer is extracted as soon as its blob is there, in parallel with the layers below it
// (the chain id makes each layer directory independent); the record is written last, so an interrupted
// store leaves only verified blobs and complete layers that the next attempt reuses.
import type { ProgressEvent } from '../engine.js';
import type { ImageRecord, LayerRef } from '../../image/image-store.js';
import { parseImageConfig, parseManifest, type Descriptor, type ImageConfig, type ImageManifest } from '../../image/manifest.js';
import { sha256Digest } from '../../image/digest.js';
import { applyLayer } from '../../storage/apply.js';
import { chainIds } from '../../storage/chain-id.js';
import type { LayerMeta } from '../../storage/layer-store.js';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { mapLimit } from '../../util/async-queue.js';
import type { ImageContext } from './image-context.js';
import { explainLayerFailure } from './layer-failure.js';

export interface ImageSource {
  manifest: { digest: string; mediaType: string; bytes: Buffer };
  config: Buffer;
  /** Puts the layer's blob into ctx.blobs (verified against desc.digest), reporting bytes as they flow. */
  fetchLayer(desc: Descriptor, progress: (current: number) => void): Promise<void>;
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
  const fetching = mapLimit(manifest.layers, FETCH_CONCURRENCY, async (desc, i) => {
    const chainId = chains[i]!;
    const existing = await ctx.layers.get(chainId);
    if (existing) {
      emit({ type: 'layer', digest: desc.digest, status: 'exists' });
      done[i]!.settle(Promise.resolve(existing));
      return;
    }
    if (!(await ctx.blobs.has(desc.digest))) await fetchWithProgress(src, desc, emit);
    emit({ type: 'layer', digest: desc.digest, status: 'extracting' });
    const parentReady = i === 0 ? undefined : done[i - 1]!.promise.catch(() => undefined);
    done[i]!.settle(extractLayer(ctx, desc, chainId, chains[i - 1], parentReady).then((meta) => {
      emit({ type: 'layer', digest: desc.digest, status: 'done' });
      return meta;
    }));
  }).catch((err: unknown) => {
    // Layers whose fetch never started fail too, so nobody waits for them.
    for (const d of done) if (!d.isSettled()) d.settle(Promise.reject(err));
    throw err;
  });
  const results = await Promise.allSettled([fetching, ...done.map((d) => d.promise)]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Promise.all(done.map((d) => d.promise));
}

async function fetchWithProgress(src: ImageSource, desc: Descriptor, emit: (ev: ProgressEvent) => void): Promise<void> {
  let last = 0;
  emit({ type: 'layer', digest: desc.digest, status: 'downloading', current: 0, total: desc.size });
  await src.fetchLayer(desc, (current) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    emit({ type: 'layer', digest: desc.digest, status: 'downloading', current, total: desc.size });
  });
}

function extractLayer(
  ctx: ImageContext, desc: Descriptor, chainId: string, parent: string | undefined, parentReady: Promise<unknown> | undefined,
): Promise<LayerMeta> {
  const extract = async (diffDir: string) => {
    const result = await applyLayer(ctx.blobs.open(desc.digest), diffDir, { rootless: ctx.paths.rootless });
    for (const w of result.warnings) ctx.warn(w);
    return result;
  };
  return ctx.layers
    .create(chainId, parent, extract, { compressedDigest: desc.digest, ...(parentReady ? { parentReady } : {}) })
    .catch((err: unknown) => { throw explainLayerFailure(ctx, err); });
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
