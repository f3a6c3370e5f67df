// The read-only verbs: ps, inspect, logs, exists. They never enter the user namespace and take no lock;
// liveness comes from the record, the exit file and pid start times (container-liveness.ts).
import { InvalidArgumentError } from '../../errors/index.js';
import { matchReference } from '../filters/reference-filter.js';
import { applyFilters, parseFilters } from '../filters/item-filters.js';
import type { ContainerInspect, ContainerListOptions, ContainerSummary, LogLine, LogOptions } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { inspectContainer, summarize } from './container-inspect.js';
import { observedState } from './container-liveness.js';
import type { ContainerRecord } from './container-record.js';

const LIST_FILTERS = ['status', 'name', 'label', 'label!', 'id', 'ancestor', 'exited', 'before', 'since', 'until', 'volume'];

export function observe(deps: ContainerDeps, record: ContainerRecord): ContainerRecord {
  return { ...record, state: observedState(record, deps.store.exitFile(record.config.id), deps.processes) };
}

export async function listContainers(deps: ContainerDeps, options: ContainerListOptions = {}): Promise<ContainerSummary[]> {
  const records = (await deps.store.list()).map((r) => observe(deps, r));
  const all = records.map((r) => summarize(r, r.state, deps.rootless)).sort((a, b) => b.created.localeCompare(a.created));
  const filters = parseFilters(options.filters ?? [], LIST_FILTERS);
  const byRef = (ref: string) => {
    const hit = all.find((c) => c.id.startsWith(ref) || c.names.includes(ref));
    if (!hit) throw new InvalidArgumentError(`no such container: ${ref}`);
    return Date.parse(hit.created);
  };
  let out = applyFilters(all, filters, {
    id: (c) => c.id,
    names: (c) => c.names,
    labels: (c) => c.labels,
    created: (c) => Date.parse(c.created),
    status: (c) => c.status,
    resolveCreated: byRef,
    custom: (c, key, value) => {
      if (key === 'ancestor') return c.imageId.startsWith(value.replace(/^sha256:/, '')) || matchReference([c.image], value);
      if (key === 'exited') return c.status === 'exited' && c.exitCode === Number(value);
      if (key === 'volume') return c.mounts.includes(value) || records.some((r) => r.config.id === c.id && r.config.mounts.some((m) => m.type === 'volume' && m.source === value));
      return false;
    },
  });
  const explicitStatus = filters.has('status') || filters.has('exited');
  if (options.last !== undefined && options.last > 0) out = out.slice(0, options.last);
  else if (!options.all && !explicitStatus) out = out.filter((c) => c.status === 'running');
  return out;
}

export async function inspectOne(deps: ContainerDeps, name: string): Promise<ContainerInspect> {
  const record = observe(deps, await deps.store.resolve(name));
  return inspectContainer(record, {
    paths: deps.store.paths(record.config.id),
    state: record.state,
    volumePath: (v) => deps.volumes.dataPath(v),
    rootless: deps.rootless,
  });
}

export async function* containerLogs(deps: ContainerDeps, name: string, options: LogOptions = {}): AsyncIterable<LogLine> {
  const record = await deps.store.resolve(name);
  const id = record.config.id;
  const done = async () => {
    const current = await deps.store.read(id);
    return current === undefined || observe(deps, current).state.status !== 'running';
  };
  yield* deps.runtime.readLog(deps.store.paths(id).log, {
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
    ...(options.since !== undefined ? { since: new Date(options.since) } : {}),
    ...(options.until !== undefined ? { until: new Date(options.until) } : {}),
    ...(options.follow ? { follow: done } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
