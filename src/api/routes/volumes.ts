// Volume routes: list (filters in both forms), create, inspect (compose probes with it: 404 means create),
// remove (force) and prune. The engine's VolumeInspect is already Docker's Volume object.
import type { VolumeInspect } from '../../engine/engine.js';
import { readJsonBody } from '../codec/json-body.js';
import { sendEmpty, sendJson } from '../codec/json-response.js';
import { parseFiltersJson, queryBool } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';
import { single } from './containers.js';

function volumeDocument(v: VolumeInspect): Record<string, unknown> {
  return { Name: v.Name, Driver: v.Driver, Mountpoint: v.Mountpoint, CreatedAt: v.CreatedAt, Labels: v.Labels, Scope: v.Scope, Options: v.Options };
}

function stringMap(v: unknown): Record<string, string> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x ?? '')]));
}

async function list(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const volumes = await engine.volumes.list({ filters: parseFiltersJson(ctx.query.get('filters')) });
  sendJson(ctx.res, 200, { Volumes: volumes.map(volumeDocument), Warnings: [] });
}

async function create(ctx: RouteContext): Promise<void> {
  const body = (await readJsonBody(ctx.req) ?? {}) as Record<string, unknown>;
  const name = typeof body.Name === 'string' && body.Name !== '' ? body.Name : undefined;
  const engine = await ctx.engine();
  const driver = typeof body.Driver === 'string' && body.Driver !== '' ? body.Driver : undefined;
  // Docker answers an existing name with that volume, which is how compose re-uses its volumes.
  const v = await engine.volumes.create(name, {
    labels: stringMap(body.Labels), options: stringMap(body.DriverOpts), ignoreExisting: true, ...(driver ? { driver } : {}),
  });
  sendJson(ctx.res, 201, volumeDocument(v));
}

async function inspect(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, volumeDocument(await engine.volumes.inspect(ctx.params.name!)));
}

async function remove(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  single(await engine.volumes.remove([ctx.params.name!], { force: queryBool(ctx.query, 'force') }));
  sendEmpty(ctx.res, 204);
}

async function prune(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const report = await engine.volumes.prune({ filters: parseFiltersJson(ctx.query.get('filters')).filter((f) => !f.startsWith('all=')) });
  sendJson(ctx.res, 200, { VolumesDeleted: report.deleted, SpaceReclaimed: report.spaceReclaimed });
}

export function registerVolumeRoutes(router: Router): void {
  router
    .add('GET', '/volumes', list)
    .add('POST', '/volumes/create', create)
    .add('POST', '/volumes/prune', prune)
    .add('GET', '/volumes/{name}', inspect)
    .add('DELETE', '/volumes/{name}', remove);
}
