// User-defined network operations as the engine offers them (the CLI's `network` verbs and the Docker API's
// /networks routes call the same methods).
import type { BatchItemReport } from '../engine.js';
import type { FilterList } from './image-types.js';

export interface NetworkCreateOptions {
  /** Only "bridge" (the default). */
  driver?: string;
  /** IPv4 CIDR; default the first free 10.89.N.0/24. */
  subnet?: string;
  gateway?: string;
  /** No route out of the network (and no host.containers.internal). */
  internal?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  /** Return the existing network instead of failing on a taken name. */
  ignoreExisting?: boolean;
}

/** `network inspect`: Docker's NetworkResource, with Podman's `subnets` beside IPAM. */
export interface NetworkInspect {
  Name: string;
  Id: string;
  Created: string;
  Scope: 'local';
  Driver: string;
  EnableIPv6: boolean;
  IPAM: { Driver: 'default'; Options: Record<string, string>; Config: Array<{ Subnet: string; Gateway: string }> };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  Options: Record<string, string>;
  Labels: Record<string, string>;
  /** Running members by container id. */
  Containers: Record<string, { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string; IPv6Address: string }>;
  subnets: Array<{ subnet: string; gateway: string }>;
  network_interface: string;
}

export interface NetworkConnectOptions {
  aliases?: string[];
  ip?: string;
}

/**
 * `predefined`: Docker's view, for API clients. Docker's pre-defined bridge, host and none networks are there
 * (bridge is the default network: root's built-in network under that name, slirp4netns per container rootless);
 * they resolve by name and id, cannot be removed, and only root's bridge can be connected to.
 */
export interface NetworkViewOptions {
  predefined?: boolean;
}

export interface NetworkEngine {
  /** bridge, host and none are refused as taken (conflict). */
  create(name: string, options?: NetworkCreateOptions): Promise<NetworkInspect>;
  /** Filters: name=, id=, label=KEY[=VALUE], driver=, type=builtin|custom, dangling=true|false. */
  list(options?: { filters?: FilterList } & NetworkViewOptions): Promise<NetworkInspect[]>;
  inspect(name: string, options?: NetworkViewOptions): Promise<NetworkInspect>;
  exists(name: string): Promise<boolean>;
  /** Name -> id in Docker's view, without reading containers: what NetworkSettings.Networks refers to. */
  ids(): Promise<Record<string, string>>;
  /** A network with containers (running or not) is refused unless `force`, which removes those containers. */
  remove(names: string[], options?: { force?: boolean } & NetworkViewOptions): Promise<BatchItemReport[]>;
  /** Removes networks no container refers to (never a built-in one); the names removed. */
  prune(options?: { filters?: FilterList }): Promise<string[]>;
  /** Adds the network to the container (live when it runs). */
  connect(network: string, container: string, options?: NetworkConnectOptions & NetworkViewOptions): Promise<void>;
  disconnect(network: string, container: string, options?: { force?: boolean } & NetworkViewOptions): Promise<void>;
}
