// What every image operation works with: the stores, the Sys, the configuration lookups. Built by
// create-engine.ts without doing any work; configuration files are read on first use.
import type { AuthEnvironment } from '../../config/auth-file.js';
import type { StoreLayout, StorePaths } from '../../config/paths.js';
import type { RegistriesConf } from '../../config/registries-conf.js';
import type { BlobStore } from '../../image/blob-store.js';
import type { ImageStore } from '../../image/image-store.js';
import type { Locks } from '../../state/lock.js';
import type { LayerStore } from '../../storage/layer-store.js';
import type { Sys } from '../../sys/sys.js';
import type { EngineEvents } from '../system/engine-events.js';

export interface ImageContext {
  paths: StorePaths;
  layout: StoreLayout;
  sys: Sys;
  locks: Locks;
  blobs: BlobStore;
  layers: LayerStore;
  images: ImageStore;
  /** registries.conf (+ drop-ins), loaded once. */
  registriesConf(): Promise<RegistriesConf>;
  authEnv: AuthEnvironment;
  /** certs.d directories in lookup order. */
  certsDirs: string[];
  /** How many containers use an image; refuses removal when > 0 (no containers exist yet: always 0). */
  containersUsing(imageId: string): Promise<number>;
  warn(message: string): void;
  events: EngineEvents;
}
