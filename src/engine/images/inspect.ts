// `image inspect`: the record and its config as the Docker API and `podman image inspect` show them.
import type { ImageInspect } from '../engine.js';
import type { ImageRecord } from '../../image/image-store.js';
import { parseImageConfig } from '../../image/manifest.js';
import type { ImageContext } from './image-context.js';
import { findImage } from './find-image.js';

export async function inspectImage(ctx: ImageContext, name: string): Promise<ImageInspect> {
  const record = await findImage(ctx, name);
  return inspectRecord(record, await ctx.blobs.read(record.configDigest));
}

export function inspectRecord(r: ImageRecord, configBytes: Buffer): ImageInspect {
  const config = parseImageConfig(configBytes);
  const labels = config.config?.Labels ?? null;
  return {
    Id: `sha256:${r.id}`,
    Digest: r.manifest.digest,
    RepoTags: r.names.filter((n) => !n.includes('@')),
    RepoDigests: r.repoDigests,
    Parent: '',
    Comment: typeof config.comment === 'string' ? config.comment : '',
    Created: r.created,
    Config: { ...(config.config ?? {}), Labels: labels },
    Architecture: config.architecture,
    Os: config.os,
    ...(config.variant ? { Variant: config.variant } : {}),
    Size: r.size,
    VirtualSize: r.size,
    Author: config.author ?? '',
    Labels: labels,
    RootFS: { Type: 'layers', Layers: config.rootfs.diff_ids },
    History: config.history ?? [],
    ManifestType: r.manifest.mediaType,
    NamesHistory: r.names,
    GraphDriver: { Name: 'overlay', Data: {} },
    Metadata: { LastTagTime: r.lastTagTime },
  };
}
