// One sample of a container's resource use, read from /proc (rootless cgroup v1 gives no cgroup of its own):
// the API turns two samples into Docker's stats document, the CLI into a `stats` row.
import type { NetworkInterfaceStats } from '../../runtime/resource-usage.js';

export type { NetworkInterfaceStats };

export interface ContainerStatsSample {
  id: string;
  name: string;
  /** When the sample was taken (RFC 3339). */
  read: string;
  /** CPU time of the container's processes, in nanoseconds (utime + stime). */
  cpuTotalNs: number;
  /** The host's CPU time since boot over all CPUs, in nanoseconds (/proc/stat), as Docker's system_cpu_usage. */
  systemCpuNs: number;
  onlineCpus: number;
  /** Resident memory of the container's processes. */
  memoryUsageBytes: number;
  /** --memory, or the host's memory when unlimited. */
  memoryLimitBytes: number;
  pids: number;
  /** By interface name inside the container (loopback left out). */
  networks: Record<string, NetworkInterfaceStats>;
  /** Bytes read and written by the processes (/proc/<pid>/io), 0 when unreadable. */
  blockReadBytes: number;
  blockWriteBytes: number;
}
