// The ImageEngine: each method is one operation file. Operations that talk to registries or archives are
// imported when called, so that `images` and `inspect` load only what they use.
import type { ImageEngine } from '../engine.js';
import type { ImageContext } from './image-context.js';
import { findImage } from './find-image.js';
import { imageHistory } from './history.js';
import { inspectImage } from './inspect.js';
import { listImages } from './list.js';
import { pruneImages, removeImages } from './remove.js';
import { tagImage, untagImage } from './tag.js';

export function createImageEngine(ctx: ImageContext): ImageEngine {
  return {
    async *pull(ref, options) {
      const { pullImage } = await import('./pull.js');
      yield* pullImage(ctx, ref, options);
    },
    list: (options) => listImages(ctx, options),
    inspect: (name) => inspectImage(ctx, name),
    exists: (name) => findImage(ctx, name).then(() => true, () => false),
    tag: (source, target) => tagImage(ctx, source, target),
    untag: (name, targets) => untagImage(ctx, name, targets),
    remove: (names, options) => removeImages(ctx, names, options),
    async *push(name, destination, options) {
      const { pushImage } = await import('./push.js');
      yield* pushImage(ctx, name, destination, options);
    },
    login: async (registry, credentials, options) => (await import('./login.js')).login(ctx, registry, credentials, options),
    logout: async (registry, options) => (await import('./login.js')).logout(ctx, registry, options),
    save: async (names, destination, options) => (await import('./archive.js')).saveImages(ctx, names, destination, options),
    load: async (source) => (await import('./archive.js')).loadImages(ctx, source),
    history: (name) => imageHistory(ctx, name),
    prune: (options) => pruneImages(ctx, options),
  };
}
