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

/** A -p mapping with its host port chosen (one per port, ranges expanded). */
export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** The container's place on one user-defined network while it runs. */
export interface NetworkEndpoint {
  ip: string;
  /** Prefix length of the network's subnet. */
  prefixLength: number;
  gateway: string;
  mac: string;
  interfaceName: string;
  aliases: string[];
}

export interface NetworkRuntime {
  /** slirp4netns and tsmoby-portfwd: they end with conmon (exit pipe); detach ends any left over. */
  helpers: ProcessRef[];
  ports: PublishedPort[];
  /** By network name, in attachment order (eth0 first). */
  endpoints: Record<string, NetworkEndpoint>;
  /** The container's own address on slirp4netns's network, when it has one. */
  slirpIp?: string;
}

export interface ContainerState {
  status: ContainerStatus;
  /** The container's init, while running. */
  process?: ProcessRef;
  conmon?: ProcessRef;
  /** What start set up for the network (helpers, published ports, addresses), while running. */
  network?: NetworkRuntime;
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
