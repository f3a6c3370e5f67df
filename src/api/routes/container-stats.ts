// `docker top` and `docker stats`: top's Titles/Processes as the engine reports them; stats in Docker's
// document, cpu_stats from one sample and precpu_stats from the one before it (one-shot: none), streamed
// once a second until the client goes away or the container stops.
import { setTimeout as delay } from 'node:timers/promises';
import type { ContainerStatsSample, Engine } from '../../engine/engine.js';
import { sendJson } from '../codec/json-response.js';
import { queryBool, queryString } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';

const INTERVAL_MS = 1000;
const ZERO_TIME = '0001-01-01T00:00:00Z';

function cpuStats(s: ContainerStatsSample | undefined): Record<string, unknown> {
  return {
    cpu_usage: { total_usage: s?.cpuTotalNs ?? 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    system_cpu_usage: s?.systemCpuNs ?? 0,
    online_cpus: s?.onlineCpus ?? 0,
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

/** Docker's StatsJSON for `now`, with `before` as the previous reading. */
export function statsDocument(now: ContainerStatsSample, before?: ContainerStatsSample): Record<string, unknown> {
  const networks = Object.fromEntries(Object.entries(now.networks).map(([name, n]) => [name, {
    rx_bytes: n.rxBytes, rx_packets: n.rxPackets, rx_errors: n.rxErrors, rx_dropped: n.rxDropped,
    tx_bytes: n.txBytes, tx_packets: n.txPackets, tx_errors: n.txErrors, tx_dropped: n.txDropped,
  }]));
  const io = (op: string, value: number) => ({ major: 0, minor: 0, op, value });
  return {
    name: `/${now.name}`, id: now.id, read: now.read, preread: before?.read ?? ZERO_TIME,
    pids_stats: { current: now.pids },
    blkio_stats: {
      io_service_bytes_recursive: [io('read', now.blockReadBytes), io('write', now.blockWriteBytes)],
      io_serviced_recursive: null, io_queue_recursive: null, io_service_time_recursive: null, io_wait_time_recursive: null,
      io_merged_recursive: null, io_time_recursive: null, sectors_recursive: null,
    },
    num_procs: 0, storage_stats: {},
    cpu_stats: cpuStats(now), precpu_stats: cpuStats(before),
    memory_stats: { usage: now.memoryUsageBytes, stats: {}, limit: now.memoryLimitBytes },
    networks,
  };
}

async function sampleOrUndefined(engine: Engine, id: string): Promise<ContainerStatsSample | undefined> {
  return engine.containers.stats(id).catch(() => undefined);
}

async function stats(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const id = ctx.params.id!;
  let before: ContainerStatsSample | undefined = await engine.containers.stats(id);
  const streaming = queryBool(ctx.query, 'stream', true);
  if (!streaming) {
    if (queryBool(ctx.query, 'one-shot')) return sendJson(ctx.res, 200, statsDocument(before));
    await delay(INTERVAL_MS, undefined, { signal: ctx.signal }).catch(() => undefined);
    const now = await sampleOrUndefined(engine, id);
    return sendJson(ctx.res, 200, now ? statsDocument(now, before) : statsDocument(before));
  }
  ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
  ctx.res.write(`${JSON.stringify(statsDocument(before))}\n`);
  while (!ctx.signal.aborted && !ctx.res.destroyed) {
    const waited = await delay(INTERVAL_MS, true, { signal: ctx.signal }).catch(() => false);
    if (!waited) break;
    const now = await sampleOrUndefined(engine, id);
    if (now === undefined) break;
    ctx.res.write(`${JSON.stringify(statsDocument(now, before))}\n`);
    before = now;
  }
  ctx.res.end();
}

/** ps options such as `-ef` or `aux` select ps's own columns: tsmoby answers with its default set then. */
export function topDescriptors(psArgs: string | undefined): string[] {
  if (psArgs === undefined || psArgs.trim().startsWith('-') || /^[auxefwl]+$/.test(psArgs.trim())) return [];
  return psArgs.split(/[\s,]+/).filter(Boolean);
}

async function top(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, await engine.containers.top(ctx.params.id!, topDescriptors(queryString(ctx.query, 'ps_args'))));
}

export function registerContainerStatsRoutes(router: Router): void {
  router
    .add('GET', '/containers/{id}/top', top)
    .add('GET', '/containers/{id}/stats', stats);
}
