// `system df` / GET /system/df: layer bytes counted once, images with their sizes, containers and volumes
// as their engines report them.
import type { DiskUsage, ImageSummary, ContainerDiskUsage, VolumeDiskUsage } from '../engine.js';

export interface DiskUsageSources {
  images(): Promise<ImageSummary[]>;
  layerSizes(): Promise<number[]>;
  containers(): Promise<ContainerDiskUsage[]>;
  volumes(): Promise<VolumeDiskUsage[]>;
}

export async function diskUsage(s: DiskUsageSources): Promise<DiskUsage> {
  const [images, sizes, containers, volumes] = await Promise.all([s.images(), s.layerSizes(), s.containers(), s.volumes()]);
  return { layersSize: sizes.reduce((a, b) => a + b, 0), images, containers, volumes };
}
