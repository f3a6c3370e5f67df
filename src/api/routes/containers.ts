// Container routes: create, list, inspect, the lifecycle verbs, wait, remove, rename, prune. Each decodes the
// request, makes one engine call and encodes Docker's answer; 304 for starting a running container or stopping
// a stopped one, as Docker answers (the state is read first: the engine itself treats both as done).
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { BatchItemReport, ContainerSummary, Engine, WaitCondition } from '../../engine/engine.js';
import { decodeCreateBody } from '../codec/container-create-body.js';
import { readJsonBody } from '../codec/json-body.js';
import { sendEmpty, sendJson } from '../codec/json-response.js';
import { parseFiltersJson, queryBool, queryInt, queryString } from '../codec/query.js';
import { errorMessageOf } from '../http-status.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';
import { containerInspectDocument, containerSummaryDocument } from './container-shapes.js';

/** A batch verb on one container: its item error is the route's error. */
export function single(reports: BatchItemReport[]): void {
  const failed = reports.find((r) => r.error);
  if (failed?.error) throw failed.error;
}

async function isRunning(engine: Engine, id: string): Promise<boolean> {
  return (await engine.containers.inspect(id)).State.Running;
}

async function create(ctx: RouteContext): Promise<void> {
  const request = decodeCreateBody(await readJsonBody(ctx.req));
  const name = queryString(ctx.query, 'name');
  const engine = await ctx.engine();
  const report = await engine.containers.create(request.image, request.settings, { ...(name ? { name } : {}), signal: ctx.signal });
  sendJson(ctx.res, 201, { Id: report.id, Warnings: [...request.warnings, ...report.warnings] });
}

async function list(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const limit = queryInt(ctx.query, 'limit');
  const summaries = await engine.containers.list({
    all: queryBool(ctx.query, 'all'),
    filters: parseFiltersJson(ctx.query.get('filters')),
    ...(limit !== undefined && limit > 0 ? { last: limit } : {}),
  });
  const ids = networkIdLookup(engine);
  const docs = await Promise.all(summaries.map(async (c) => containerSummaryDocument(c, await withNetworkIds(c.networks, ids))));
  sendJson(ctx.res, 200, docs);
}

type Endpoints = ContainerSummary['networks'];
type NetworkIds = (name: string) => Promise<string>;

/** Network name -> id, read once per request (a list names the same networks many times). */
function networkIdLookup(engine: Engine): NetworkIds {
  let ids: Promise<Record<string, string>> | undefined;
  return async (name) => (await (ids ??= engine.networks.ids().catch(() => ({}) as Record<string, string>)))[name] ?? name;
}

/** NetworkSettings.Networks names each network's id, as Docker does (the engine knows its members by name). */
async function withNetworkIds(networks: Endpoints, ids: NetworkIds): Promise<Endpoints> {
  const entries = await Promise.all(Object.entries(networks).map(async ([name, e]) => [name, { ...e, NetworkID: await ids(name) }] as const));
  return Object.fromEntries(entries);
}

async function inspect(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const doc = await engine.containers.inspect(ctx.params.id!);
  const networks = await withNetworkIds((doc.NetworkSettings.Networks ?? {}) as Endpoints, networkIdLookup(engine));
  sendJson(ctx.res, 200, containerInspectDocument({ ...doc, NetworkSettings: { ...doc.NetworkSettings, Networks: networks } }));
}

async function start(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  if (await isRunning(engine, ctx.params.id!)) return sendEmpty(ctx.res, 304);
  single(await engine.containers.start([ctx.params.id!]));
  sendEmpty(ctx.res, 204);
}

function timeout(ctx: RouteContext): { timeout?: number } {
  const t = queryInt(ctx.query, 't') ?? queryInt(ctx.query, 'timeout');
  return t !== undefined && t >= 0 ? { timeout: t } : {};
}

async function stop(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  if (!(await isRunning(engine, ctx.params.id!))) return sendEmpty(ctx.res, 304);
  single(await engine.containers.stop([ctx.params.id!], timeout(ctx)));
  sendEmpty(ctx.res, 204);
}

async function restart(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  single(await engine.containers.restart([ctx.params.id!], timeout(ctx)));
  sendEmpty(ctx.res, 204);
}

async function kill(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const signal = queryString(ctx.query, 'signal');
  single(await engine.containers.kill([ctx.params.id!], signal ? { signal } : {}));
  sendEmpty(ctx.res, 204);
}

const CONDITIONS: Record<string, WaitCondition> = { '': 'not-running', 'not-running': 'not-running', 'next-exit': 'next-exit', removed: 'removed' };

/** The headers go out once the wait is in place: `docker run` starts the container only after it saw them. */
async function wait(ctx: RouteContext): Promise<void> {
  const raw = queryString(ctx.query, 'condition') ?? '';
  const condition = CONDITIONS[raw];
  if (condition === undefined) throw new InvalidArgumentError(`invalid condition: "${raw}"`);
  const engine = await ctx.engine();
  await engine.containers.inspect(ctx.params.id!);
  const [report] = await engine.containers.wait([ctx.params.id!], {
    conditions: [condition], signal: ctx.signal,
    onWaiting: () => {
      ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
      ctx.res.flushHeaders();
    },
  });
  if (!ctx.res.headersSent) throw report?.error ?? new Error('wait ended without a report');
  const body = report?.error
    ? { StatusCode: -1, Error: { Message: errorMessageOf(report.error) } }
    : { StatusCode: report?.exitCode ?? 0, Error: null };
  ctx.res.end(`${JSON.stringify(body)}\n`);
}

async function remove(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  single(await engine.containers.remove([ctx.params.id!], { force: queryBool(ctx.query, 'force'), volumes: queryBool(ctx.query, 'v') }));
  sendEmpty(ctx.res, 204);
}

async function rename(ctx: RouteContext): Promise<void> {
  const name = queryString(ctx.query, 'name');
  if (name === undefined) throw new InvalidArgumentError('name is required to rename a container');
  const engine = await ctx.engine();
  await engine.containers.rename(ctx.params.id!, name);
  sendEmpty(ctx.res, 204);
}

async function prune(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const report = await engine.containers.prune({ filters: parseFiltersJson(ctx.query.get('filters')) });
  sendJson(ctx.res, 200, { ContainersDeleted: report.deleted, SpaceReclaimed: report.spaceReclaimed });
}

async function changes(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const list = await engine.containers.changes(ctx.params.id!);
  sendJson(ctx.res, 200, list.length > 0 ? list : null);
}

async function resize(ctx: RouteContext): Promise<void> {
  const height = queryInt(ctx.query, 'h') ?? 0;
  const width = queryInt(ctx.query, 'w') ?? 0;
  const engine = await ctx.engine();
  await engine.containers.resize(ctx.params.id!, { height, width });
  sendEmpty(ctx.res, 200);
}

export function registerContainerRoutes(router: Router): void {
  router
    .add('POST', '/containers/create', create)
    .add('GET', '/containers/json', list)
    .add('POST', '/containers/prune', prune)
    .add('GET', '/containers/{id}/json', inspect)
    .add('POST', '/containers/{id}/start', start)
    .add('POST', '/containers/{id}/stop', stop)
    .add('POST', '/containers/{id}/restart', restart)
    .add('POST', '/containers/{id}/kill', kill)
    .add('POST', '/containers/{id}/wait', wait)
    .add('POST', '/containers/{id}/rename', rename)
    .add('POST', '/containers/{id}/resize', resize)
    .add('GET', '/containers/{id}/changes', changes)
    .add('DELETE', '/containers/{id}', remove);
}
