// `stats`: one sample of a running container's resource use from /proc: its processes' CPU ticks and
// resident memory, the pid count, its network namespace's counters. Rootless cgroup v1 gives a container no
// cgroup of its own, so these are what tsmoby can measure everywhere.
import { ConflictError } from '../../errors/index.js';
import { readProcessStats, type ProcessStats } from '../../runtime/process-stats.js';
import { NS_PER_TICK, readHostCpu, readMemTotal, readNetDev, readProcIo } from '../../runtime/resource-usage.js';
import type { ContainerStatsSample } from '../types/stats-types.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';

const PAGE_SIZE = 4096;

export async function statsContainer(deps: ContainerDeps, name: string): Promise<ContainerStatsSample> {
  const record = await deps.store.resolve(name);
  const id = record.config.id;
  const state = observedState(record, deps.store.paths(id).exitFile, deps.processes);
  if (state.status !== 'running' || state.process === undefined) {
    throw new ConflictError(`container ${record.config.name} is not running: stats are only available for running containers`);
  }
  const init = state.process.pid;
  const pids = await deps.runtime.ps(id).catch(() => [init]);
  const [processes, io, host, memTotal, networks] = await Promise.all([
    Promise.all(pids.map((pid) => readProcessStats(pid))),
    Promise.all(pids.map((pid) => readProcIo(pid))),
    readHostCpu(), readMemTotal(), readNetDev(init),
  ]);
  const live = processes.filter((p): p is ProcessStats => p !== undefined);
  return {
    id, name: record.config.name, read: new Date().toISOString(),
    cpuTotalNs: live.reduce((sum, p) => sum + p.cpuTicks, 0) * NS_PER_TICK,
    systemCpuNs: host.totalTicks * NS_PER_TICK,
    onlineCpus: host.cpus,
    memoryUsageBytes: live.reduce((sum, p) => sum + p.rssPages, 0) * PAGE_SIZE,
    memoryLimitBytes: record.config.memoryBytes ?? memTotal,
    pids: live.length,
    networks,
    blockReadBytes: io.reduce((sum, x) => sum + x.readBytes, 0),
    blockWriteBytes: io.reduce((sum, x) => sum + x.writeBytes, 0),
  };
}
