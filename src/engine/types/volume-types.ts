// Volume operations as the engine offers them.
import type { BatchItemReport } from '../engine.js';
import type { FilterList, PruneReport } from './image-types.js';

export interface VolumeCreateOptions {
  labels?: Record<string, string>;
  driver?: string;
  options?: Record<string, string>;
  /** Do not fail when the name already exists (`volume create --ignore`). */
  ignoreExisting?: boolean;
}

/** `volume inspect` (Podman's shape, also the Docker API's `Volume` object). */
export interface VolumeInspect {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: string;
  Options: Record<string, string>;
  Anonymous: boolean;
}

export interface VolumeEngine {
  create(name: string | undefined, options?: VolumeCreateOptions): Promise<VolumeInspect>;
  list(options?: { filters?: FilterList }): Promise<VolumeInspect[]>;
  inspect(name: string): Promise<VolumeInspect>;
  exists(name: string): Promise<boolean>;
  /** A volume used by a container is refused unless `force` (which removes those containers first). */
  remove(names: string[], options?: { force?: boolean; all?: boolean }): Promise<BatchItemReport[]>;
  prune(options?: { filters?: FilterList }): Promise<PruneReport>;
}
