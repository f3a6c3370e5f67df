// docker save / docker load: GET /images/get (and /images/{name}/get) streams a tarball the engine writes,
// POST /images/load hands the request body to the engine and answers Docker's "Loaded image: ..." messages.
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { familiarName } from '../codec/docker-names.js';
import { streamJsonLines } from '../codec/json-lines.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';

/** The response as a Writable that sends the 200 only with the first byte, so a failure before it is a real error status. */
export function lazyTarResponse(res: ServerResponse): Writable {
  const start = () => { if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/x-tar' }); };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      start();
      if (res.write(chunk)) callback();
      else res.once('drain', () => callback());
    },
    final(callback) {
      start();
      callback();
    },
  });
}

async function saveImages(ctx: RouteContext, names: string[]): Promise<void> {
  if (names.length === 0) throw new InvalidArgumentError('no image names given: use names=IMAGE');
  const engine = await ctx.engine();
  const out = lazyTarResponse(ctx.res);
  await engine.images.save(names, { stream: out }, { format: 'docker-archive' });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  ctx.res.end();
}

async function saveMany(ctx: RouteContext): Promise<void> {
  await saveImages(ctx, ctx.query.getAll('names').filter((n) => n !== ''));
}

async function saveOne(ctx: RouteContext): Promise<void> {
  await saveImages(ctx, [ctx.params.name!]);
}

export function loadedMessage(image: string): { stream: string } {
  const id = /^(sha256:)?[0-9a-f]{64}$/.test(image);
  return { stream: id ? `Loaded image ID: ${image.startsWith('sha256:') ? image : `sha256:${image}`}\n` : `Loaded image: ${familiarName(image)}\n` };
}

async function load(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const { images } = await engine.images.load({ stream: ctx.req });
  await streamJsonLines(ctx.res, (async function* () { for (const image of images) yield loadedMessage(image); })());
}

export function registerImageArchiveRoutes(router: Router): void {
  router
    .add('GET', '/images/get', saveMany)
    .add('POST', '/images/load', load)
    .add('GET', '/images/{name*}/get', saveOne);
}
