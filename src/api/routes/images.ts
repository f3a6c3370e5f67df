// Image routes: pull (POST /images/create), list, inspect, tag, remove, push, history, prune. Names may contain
// slashes, so they are matched greedily; literal routes (/images/json, /images/create, ...) come first.
import { InvalidArgumentError, NotImplementedError } from '../../errors/tsmoby-error.js';
import type { FilterList, PullOptions } from '../../engine/engine.js';
import { unixSeconds } from '../codec/docker-time.js';
import { familiarName, joinReference } from '../codec/docker-names.js';
import { mapMessages, streamJsonLines } from '../codec/json-lines.js';
import { sendEmpty, sendJson } from '../codec/json-response.js';
import { ProgressEncoder } from '../codec/progress-json.js';
import { parseFiltersJson, queryBool, queryString } from '../codec/query.js';
import { decodeRegistryAuth } from '../codec/registry-auth.js';
import type { RouteContext } from '../route-context.js';
import { compareVersions } from '../router.js';
import type { Router } from '../router.js';
import { imageSummaryDocument } from './system-shapes.js';

function pullOptions(ctx: RouteContext): PullOptions {
  const auth = decodeRegistryAuth(ctx.req.headers['x-registry-auth']);
  const platform = queryString(ctx.query, 'platform');
  return {
    ...(auth ? { credentials: { username: auth.username, password: auth.password } } : {}),
    ...(platform ? { platform } : {}),
    signal: ctx.signal,
  };
}

/** A name without tag or digest means `:latest`, as `docker pull` without -a. */
function withDefaultTag(ref: string): string {
  if (ref.includes('@')) return ref;
  return ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`;
}

async function create(ctx: RouteContext): Promise<void> {
  if (queryString(ctx.query, 'fromSrc') !== undefined) throw new NotImplementedError('importing an image from a tarball (fromSrc) is not supported');
  const fromImage = queryString(ctx.query, 'fromImage');
  if (fromImage === undefined) throw new InvalidArgumentError('fromImage is required');
  const requested = withDefaultTag(joinReference(fromImage, queryString(ctx.query, 'tag')));
  const engine = await ctx.engine();
  const encoder = new ProgressEncoder('pull', familiarName(requested));
  await streamJsonLines(ctx.res, mapMessages(engine.images.pull(requested, pullOptions(ctx)), (e) => encoder.encode(e)));
}

async function push(ctx: RouteContext): Promise<void> {
  const name = joinReference(ctx.params.name!, queryString(ctx.query, 'tag'));
  const engine = await ctx.engine();
  const encoder = new ProgressEncoder('push', withDefaultTag(name));
  await streamJsonLines(ctx.res, mapMessages(engine.images.push(name, undefined, pullOptions(ctx)), (e) => encoder.encode(e)));
}

async function list(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const images = await engine.images.list({ all: queryBool(ctx.query, 'all'), filters: parseFiltersJson(ctx.query.get('filters')) });
  const legacyNone = compareVersions(ctx.apiVersion, '1.44') < 0;
  sendJson(ctx.res, 200, images.map((i) => imageSummaryDocument(i, ctx.apiVersion, legacyNone)));
}

async function inspect(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const doc = await engine.images.inspect(ctx.params.name!);
  sendJson(ctx.res, 200, {
    ...doc,
    Id: doc.Id.startsWith('sha256:') ? doc.Id : `sha256:${doc.Id}`,
    RepoTags: doc.RepoTags.map(familiarName),
    RepoDigests: doc.RepoDigests.map(familiarName),
    // The docker CLI parses this as RFC 3339; Go's zero time stands for "never tagged".
    Metadata: { LastTagTime: doc.Metadata.LastTagTime || '0001-01-01T00:00:00Z' },
  });
}

async function tag(ctx: RouteContext): Promise<void> {
  const repo = queryString(ctx.query, 'repo');
  if (repo === undefined) throw new InvalidArgumentError('repository name (repo) is required to tag an image');
  const engine = await ctx.engine();
  await engine.images.tag(ctx.params.name!, joinReference(repo, queryString(ctx.query, 'tag')));
  sendEmpty(ctx.res, 201);
}

async function remove(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const report = await engine.images.remove([ctx.params.name!], { force: queryBool(ctx.query, 'force') });
  if (report.errors.length > 0) throw report.errors[0]!.error;
  sendJson(ctx.res, 200, [
    ...report.untagged.map((name) => ({ Untagged: familiarName(name) })),
    ...report.deleted.map((id) => ({ Deleted: id.startsWith('sha256:') ? id : `sha256:${id}` })),
  ]);
}

async function history(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const entries = await engine.images.history(ctx.params.name!);
  sendJson(ctx.res, 200, entries.map((e) => ({
    Id: e.id, Created: unixSeconds(e.created), CreatedBy: e.createdBy,
    Tags: e.tags.length > 0 ? e.tags.map(familiarName) : null, Size: e.size, Comment: e.comment,
  })));
}

/** `dangling=false` asks for every unused image (`docker image prune -a`); the engine says that with `all`. */
export function pruneOptions(filters: FilterList): { all: boolean; filters: string[] } {
  let all = false;
  const rest: string[] = [];
  for (const f of filters) {
    const m = /^dangling=(.*)$/i.exec(f);
    if (!m) rest.push(f);
    else if (/^(false|0)$/i.test(m[1]!)) all = true;
    else if (!/^(true|1)$/i.test(m[1]!)) throw new InvalidArgumentError(`invalid filter "dangling=${m[1]}": expected true or false`);
  }
  return { all, filters: rest };
}

async function prune(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const report = await engine.images.prune(pruneOptions(parseFiltersJson(ctx.query.get('filters'))));
  sendJson(ctx.res, 200, {
    ImagesDeleted: report.deleted.map((id) => ({ Deleted: id.startsWith('sha256:') ? id : `sha256:${id}` })),
    SpaceReclaimed: report.spaceReclaimed,
  });
}

export function registerImageRoutes(router: Router): void {
  router
    .add('POST', '/images/create', create)
    .add('GET', '/images/json', list)
    .add('POST', '/images/prune', prune)
    .unsupported('GET', '/images/search', 'image search is not supported by tsmoby: search the registry directly')
    .add('GET', '/images/{name*}/json', inspect)
    .add('GET', '/images/{name*}/history', history)
    .add('POST', '/images/{name*}/tag', tag)
    .add('POST', '/images/{name*}/push', push)
    .add('DELETE', '/images/{name*}', remove);
}
