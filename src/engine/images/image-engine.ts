// The ImageEngine: each method is one operation file. Operations that talk to registries or archives are
// imported when called, so that `images` and `inspect` load only what they use.
import type { ImageEngine } from '../engine.js';
import type { ContainerDeps } from '../containers/container-deps.js';
import type { ImageContext } from './image-context.js';
import { findImage } from './find-image.js';
import { imageHistory } from './history.js';
import { inspectImage } from './inspect.js';
import { listImages } from './list.js';
import { pruneImages, removeImages } from './remove.js';
import { tagImage, untagImage } from './tag.js';

/** `containers` is reached lazily: build and commit run containers, and the container engine is wired later. */
export function createImageEngine(ctx: ImageContext, containers: () => ContainerDeps): ImageEngine {
  return {
    async *pull(ref, options) {
      const { pullImage } = await import('./pull.js');
      for await (const ev of pullImage(ctx, ref, options)) {
        if (ev.type === 'done' && ev.imageId) await ctx.events.emit('image', 'pull', ev.imageId, { name: ev.ref ?? ref });
        yield ev;
      }
    },
    list: (options) => listImages(ctx, options),
    inspect: (name) => inspectImage(ctx, name),
    exists: (name) => findImage(ctx, name).then(() => true, () => false),
    tag: async (source, target) => {
      await tagImage(ctx, source, target);
      await ctx.events.emit('image', 'tag', source, { name: target });
    },
    untag: async (name, targets) => {
      await untagImage(ctx, name, targets);
      await ctx.events.emit('image', 'untag', name, { name });
    },
    remove: async (names, options) => {
      const report = await removeImages(ctx, names, options);
      for (const u of report.untagged) await ctx.events.emit('image', 'untag', u, { name: u });
      for (const d of report.deleted) await ctx.events.emit('image', 'delete', d, { name: d });
      return report;
    },
    async *push(name, destination, options) {
      const { pushImage } = await import('./push.js');
      yield* pushImage(ctx, name, destination, options);
      await ctx.events.emit('image', 'push', name, { name: destination ?? name });
    },
    login: async (registry, credentials, options) => (await import('./login.js')).login(ctx, registry, credentials, options),
    logout: async (registry, options) => (await import('./login.js')).logout(ctx, registry, options),
    save: async (names, destination, options) => (await import('./archive.js')).saveImages(ctx, names, destination, options),
    load: async (source) => {
      const report = await (await import('./archive.js')).loadImages(ctx, source);
      for (const name of report.images) await ctx.events.emit('image', 'load', name, { name });
      return report;
    },
    history: (name) => imageHistory(ctx, name),
    prune: (options) => pruneImages(ctx, options),
    build: async (options) => (await import('./build.js')).buildImage(ctx, containers(), options),
    commit: async (container, options) => (await import('./commit.js')).commitContainer(ctx, containers(), container, options),
  };
}
