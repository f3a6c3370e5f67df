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

export interface NetworkEngine {
  create(name: string, options?: NetworkCreateOptions): Promise<NetworkInspect>;
  /** Filters: name=, id=, label=KEY[=VALUE], driver=. */
  list(options?: { filters?: FilterList }): Promise<NetworkInspect[]>;
  inspect(name: string): Promise<NetworkInspect>;
  exists(name: string): Promise<boolean>;
  /** A network with containers (running or not) is refused unless `force`, which removes those containers. */
  remove(names: string[], options?: { force?: boolean }): Promise<BatchItemReport[]>;
  /** Removes networks no container refers to; the names removed. */
  prune(options?: { filters?: FilterList }): Promise<string[]>;
  /** Adds the network to the container (live when it runs). */
  connect(network: string, container: string, options?: NetworkConnectOptions): Promise<void>;
  disconnect(network: string, container: string, options?: { force?: boolean }): Promise<void>;
}
