// `top`: the container's processes (the runtime's `ps`, or its pid namespace) read from /proc, with user
// and group names from the container's own account files through its user namespace's id maps.
import { readFile } from 'node:fs/promises';
import { ConflictError } from '../../errors/index.js';
import { readIdMap, readProcessStats, uptimeSeconds, type ProcessStats } from '../../runtime/process-stats.js';
import type { ContainerTopReport } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { observedState } from './container-liveness.js';
import { accountFiles } from './rootfs.js';
import { parseDescriptors, topTable } from './top-columns.js';

type IdMap = Array<{ inside: number; outside: number; count: number }>;

function toInside(map: IdMap, hostId: number): number | undefined {
  if (map.length === 0) return hostId;
  const range = map.find((r) => hostId >= r.outside && hostId < r.outside + r.count);
  return range === undefined ? undefined : range.inside + (hostId - range.outside);
}

function namesById(text: string | undefined): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of (text ?? '').split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}

export async function topContainer(deps: ContainerDeps, name: string, descriptors: string[] = []): Promise<ContainerTopReport> {
  const chosen = parseDescriptors(descriptors);
  const record = await deps.store.resolve(name);
  const id = record.config.id;
  const state = observedState(record, deps.store.paths(id).exitFile, deps.processes);
  if (state.status !== 'running' || state.process === undefined) {
    throw new ConflictError(`top can only be used on running containers: container ${record.config.name} is not running`);
  }
  const pids = await deps.runtime.ps(id);
  const processes = (await Promise.all(pids.map((pid) => readProcessStats(pid)))).filter((p): p is ProcessStats => p !== undefined);
  const init = state.process.pid;
  const [uidMap, gidMap, files, hostPasswd, hostGroup, uptime] = await Promise.all([
    readIdMap(init, 'uid'), readIdMap(init, 'gid'),
    accountFiles([deps.store.paths(id).upper, ...[...record.layers].reverse().map((c) => deps.layerDiffPath(c))]),
    readFile('/etc/passwd', 'utf8').catch(() => ''), readFile('/etc/group', 'utf8').catch(() => ''), uptimeSeconds(),
  ]);
  const users = namesById(files.passwd);
  const groups = namesById(files.group);
  const hostUsers = namesById(hostPasswd);
  const hostGroups = namesById(hostGroup);
  const inside = (map: IdMap, names: Map<number, string>, hostId: number) => {
    const n = toInside(map, hostId);
    return n === undefined ? '?' : names.get(n) ?? String(n);
  };
  return topTable(chosen, processes, {
    nsPidByHostPid: new Map(processes.map((p) => [p.hostPid, p.pid])),
    userName: (uid) => inside(uidMap, users, uid),
    groupName: (gid) => inside(gidMap, groups, gid),
    hostUserName: (uid) => hostUsers.get(uid) ?? String(uid),
    hostGroupName: (gid) => hostGroups.get(gid) ?? String(gid),
    uptimeSeconds: uptime,
    clockTicks: 100,
    pageSize: 4096,
  });
}
