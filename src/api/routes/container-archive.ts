// `docker cp` routes: HEAD stats a path (X-Docker-Container-Path-Stat, base64 JSON), GET streams a tar of it
// with the same header, PUT extracts a tar into a directory of the container.
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { ContainerPathStat } from '../../engine/engine.js';
import { sendEmpty } from '../codec/json-response.js';
import { queryBool, queryString } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';

export const PATH_STAT_HEADER = 'X-Docker-Container-Path-Stat';

export function encodePathStat(stat: ContainerPathStat): string {
  const doc = { name: stat.name, size: stat.size, mode: stat.mode, mtime: stat.mtime, linkTarget: stat.linkTarget };
  return Buffer.from(JSON.stringify(doc)).toString('base64');
}

function pathOf(ctx: RouteContext): string {
  const path = queryString(ctx.query, 'path');
  if (path === undefined) throw new InvalidArgumentError('path is required: give the path in the container');
  return path;
}

async function head(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const stat = await engine.containers.statPath(ctx.params.id!, pathOf(ctx));
  ctx.res.setHeader(PATH_STAT_HEADER, encodePathStat(stat));
  sendEmpty(ctx.res, 200);
}

async function get(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const { stat, stream } = await engine.containers.archiveGet(ctx.params.id!, pathOf(ctx));
  ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar', [PATH_STAT_HEADER]: encodePathStat(stat) });
  try {
    await pipeline(stream, ctx.res);
  } catch {
    // The client went away or the tar failed half-way: the connection closing is all it can still learn.
    ctx.res.destroy();
  }
}

async function put(ctx: RouteContext): Promise<void> {
  const path = pathOf(ctx);
  const engine = await ctx.engine();
  await engine.containers.archivePut(ctx.params.id!, path, ctx.req, {
    noOverwriteDirNonDir: queryBool(ctx.query, 'noOverwriteDirNonDir'),
    copyUIDGID: queryBool(ctx.query, 'copyUIDGID'),
  });
  sendEmpty(ctx.res, 200);
}

export function registerContainerArchiveRoutes(router: Router): void {
  router
    .add('HEAD', '/containers/{id}/archive', head)
    .add('GET', '/containers/{id}/archive', get)
    .add('PUT', '/containers/{id}/archive', put);
}
