// System routes: /_ping and /version (version negotiation), /info, /events (a live JSON stream), /system/df,
// and the plugin lookup `docker inspect` ends with (tsmoby has no plugins: a JSON 404).
import { NotFoundError } from '../../errors/tsmoby-error.js';
import { parseDockerTime } from '../codec/docker-time.js';
import { mapMessages, streamJsonLines } from '../codec/json-lines.js';
import { sendJson, sendText } from '../codec/json-response.js';
import { parseFiltersJson } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import { API_VERSION } from '../router.js';
import type { Router } from '../router.js';
import { diskUsageDocument, eventDocument, infoDocument, versionDocument } from './system-shapes.js';

const PING_HEADERS = {
  'Api-Version': API_VERSION,
  Ostype: 'linux',
  'Docker-Experimental': 'false',
  // "1" steers the docker CLI to the classic POST /build instead of BuildKit's session protocol.
  'Builder-Version': '1',
  'Cache-Control': 'no-cache, no-store, must-revalidate',
  Pragma: 'no-cache',
};

async function ping(ctx: RouteContext): Promise<void> {
  sendText(ctx.res, 200, 'OK', PING_HEADERS);
}

async function version(ctx: RouteContext): Promise<void> {
  sendJson(ctx.res, 200, versionDocument(ctx.serverVersion));
}

async function info(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, infoDocument(await engine.system.info()));
}

async function events(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const stream = engine.system.events({
    since: parseDockerTime('since', ctx.query.get('since')),
    until: parseDockerTime('until', ctx.query.get('until')),
    filters: parseFiltersJson(ctx.query.get('filters')),
    signal: ctx.signal,
  });
  await streamJsonLines(ctx.res, mapMessages(stream, (e) => [eventDocument(e)]), { eager: true });
}

async function diskUsage(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, diskUsageDocument(await engine.system.df(), ctx.apiVersion));
}

async function plugin(ctx: RouteContext): Promise<void> {
  throw new NotFoundError(`plugin "${ctx.params.name}" not found`);
}

export function registerSystemRoutes(router: Router): void {
  router
    .add('GET', '/_ping', ping)
    .add('HEAD', '/_ping', ping)
    .add('GET', '/version', version)
    .add('GET', '/info', info)
    .add('GET', '/events', events)
    .add('GET', '/system/df', diskUsage)
    .add('GET', '/plugins/{name*}/json', plugin);
}
