// What tsmoby keeps per container in containers/<id>/record.json: the stored config, what create resolved
// from the image, and the lifecycle state. Plain data; the transitions live in the operations.
import type { ContainerStatus } from '../engine.js';
import type { ImageRuntimeConfig } from '../spec-builder.js';
import type { ContainerConfig } from './container-config.js';

export interface ProcessRef {
  pid: number;
  /** /proc/<pid>/stat start time, so a reused pid is never taken for ours. */
  startTime: string;
}

export interface ContainerState {
  status: ContainerStatus;
  /** The container's init, while running. */
  process?: ProcessRef;
  conmon?: ProcessRef;
  /** The network helper (slirp4netns), while running. */
  network?: ProcessRef;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  restartCount: number;
  error?: string;
  /** The rootfs is mounted (in the pause namespace rootless). */
  mounted: boolean;
  /** Set by stop/kill so that restart policies (and unless-stopped) leave it stopped. */
  stoppedByUser: boolean;
}

export interface ContainerRecord {
  config: ContainerConfig;
  /** The image's runtime config as it was at create, so the container never depends on the image again. */
  imageConfig: ImageRuntimeConfig;
  /** Layer chain ids of the image, bottom layer first. */
  layers: string[];
  /** Names of the volumes create made for this container (`rm -v` removes them). */
  anonymousVolumes: string[];
  /** The process's argv (entrypoint + cmd) and environment, as the spec has them. */
  command: string[];
  env: string[];
  state: ContainerState;
}

export function initialState(): ContainerState {
  return { status: 'created', restartCount: 0, mounted: false, stoppedByUser: false };
}

export function isActive(status: ContainerStatus): boolean {
  return status === 'running';
}
