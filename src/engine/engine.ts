// The domain layer's face: the only thing cli/ and api/ call. Options in, reports out (Podman's
// ContainerEngine / ImageEngine split, kept small). Each area is filled by one file per operation.
import type { ContainerSettings } from './containers/container-config.js';

export type { ContainerSettings };
export type * from './types/image-types.js';
export type * from './types/container-types.js';
export type * from './types/volume-types.js';
export type * from './types/system-types.js';
export type * from './types/network-types.js';
import type { ImageEngine } from './types/image-types.js';
import type { ContainerEngine } from './types/container-types.js';
import type { VolumeEngine } from './types/volume-types.js';
import type { SystemEngine } from './types/system-types.js';
import type { NetworkEngine } from './types/network-types.js';

/** How an engine is set up: the global flags of the CLI, the service's settings for the API. */
export interface EngineOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
  conmon?: string;
  registriesConf?: string;
  /** `--storage-opt` values (overlay.mount_program=PATH); storage.conf applies when there are none. */
  storageOpt?: string[];
  logLevel?: string;
  /** How conmon's exit command re-enters tsmoby (`container cleanup <id>`): node + the CLI entry script. */
  selfCommand?: string[];
}

export interface Engine {
  images: ImageEngine;
  containers: ContainerEngine;
  volumes: VolumeEngine;
  networks: NetworkEngine;
  system: SystemEngine;
}

/** Per-item outcome of a batch verb (stop, kill, rm, ...): Podman reports every item instead of stopping. */
export interface BatchItemReport {
  /** What the user typed. */
  input: string;
  id?: string;
  error?: Error;
}
