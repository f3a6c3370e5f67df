// The container engine's view of local images: find one by id, id prefix or name, with the runtime config
// from its config blob and its layer chain; pulling goes through the image engine.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../../errors/index.js';
import type { BlobStore } from '../../image/blob-store.js';
import type { ImageRecord, ImageStore } from '../../image/image-store.js';
import { formatReference, normalizeReference } from '../../image/reference.js';
import type { ImageEngine } from '../engine.js';
import type { ImageRuntimeConfig } from '../spec-builder.js';
import type { ContainerImage, ImageAccess } from './container-deps.js';

function findRecord(records: readonly ImageRecord[], name: string): ImageRecord | undefined {
  const bare = name.replace(/^sha256:/, '');
  if (/^[0-9a-f]{6,64}$/.test(bare)) {
    const byId = records.filter((r) => r.id.startsWith(bare));
    if (byId.length === 1) return byId[0];
  }
  let full: string;
  try {
    full = formatReference(normalizeReference(name));
  } catch {
    return undefined;
  }
  return records.find((r) => r.names.includes(full) || r.repoDigests.includes(full));
}

export function imageAccess(store: ImageStore, blobs: BlobStore, images: () => ImageEngine): ImageAccess {
  return {
    async lookup(name) {
      if (name.trim() === '') throw new InvalidArgumentError('an image name is required');
      const record = findRecord(await store.list(), name);
      if (!record) return undefined;
      const configBlob = JSON.parse(await readFile(blobs.path(record.configDigest), 'utf8')) as { config?: ImageRuntimeConfig };
      const image: ContainerImage = {
        id: record.id,
        name: record.names.find((n) => n === safeFormat(name)) ?? record.names[0] ?? record.id,
        config: configBlob.config ?? {},
        layers: record.layers.map((l) => l.chainId),
      };
      return image;
    },
    async pull(name, onProgress, signal) {
      for await (const event of images().pull(name, signal ? { signal } : {})) onProgress?.(event);
    },
  };
}

function safeFormat(name: string): string | undefined {
  try {
    return formatReference(normalizeReference(name));
  } catch {
    return undefined;
  }
}
