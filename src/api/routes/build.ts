// POST /build (the tar context is the request body; Docker's classic JSON message stream: "Step N/M : ...",
// RUN output, " ---> id", {"aux":{"ID":...}}, "Successfully built/tagged") and POST /commit.
import type { BuildEvent } from '../../engine/engine.js';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { AsyncQueue } from '../../util/async-queue.js';
import { streamJsonLines } from '../codec/json-lines.js';
import { sendJson } from '../codec/json-response.js';
import { queryBool, queryString } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';

/** Docker's classic builder output for one event. */
export function buildMessages(ev: BuildEvent): Array<{ stream: string }> {
  switch (ev.type) {
    case 'step': return [{ stream: `Step ${ev.index}/${ev.total} : ${ev.text}\n` }];
    case 'trigger': return [{ stream: `# Executing build trigger: ${ev.text}\n` }];
    case 'cached': return [{ stream: ' ---> Using cache\n' }, { stream: ` ---> ${ev.id.replace(/^sha256:/, '').slice(0, 12)}\n` }];
    case 'done': return [{ stream: ` ---> ${ev.id.replace(/^sha256:/, '').slice(0, 12)}\n` }];
    case 'output': return [{ stream: ev.text }];
    case 'warning': return [{ stream: `[Warning] ${ev.text}\n` }];
  }
}

function jsonRecord(raw: string | undefined, name: string): Record<string, string> {
  if (raw === undefined || raw === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new InvalidArgumentError(`invalid ${name}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError(`invalid ${name}: not a JSON object`);
  // buildargs may map a name to null: the value then comes from nowhere, as an unset ARG.
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function build(ctx: RouteContext): Promise<void> {
  const q = ctx.query;
  const tags = q.getAll('t').filter((t) => t !== '');
  const quiet = queryBool(q, 'q');
  const network = queryString(q, 'networkmode');
  const target = queryString(q, 'target');
  const dockerfile = queryString(q, 'dockerfile');
  const options = {
    context: { tar: ctx.req }, tags, buildArgs: jsonRecord(queryString(q, 'buildargs'), 'buildargs'),
    labels: jsonRecord(queryString(q, 'labels'), 'labels'), noCache: queryBool(q, 'nocache'), pull: queryBool(q, 'pull'),
    network: network === undefined || network === '' || network === 'bridge' ? 'default' : network,
    ...(target ? { target } : {}), ...(dockerfile ? { dockerfile } : {}),
  };
  const engine = await ctx.engine();
  const queue = new AsyncQueue<object>();
  engine.images.build({ ...options, onEvent: (ev) => { if (!quiet) for (const m of buildMessages(ev)) queue.push(m); } })
    .then((report) => {
      queue.push({ aux: { ID: `sha256:${report.imageId}` } });
      if (quiet) queue.push({ stream: `sha256:${report.imageId}\n` });
      else {
        queue.push({ stream: `Successfully built ${report.imageId.slice(0, 12)}\n` });
        for (const t of tags) queue.push({ stream: `Successfully tagged ${t.includes(':') && !t.endsWith(']') && t.lastIndexOf(':') > t.lastIndexOf('/') ? t : `${t}:latest`}\n` });
      }
      queue.close();
    }, (err: unknown) => queue.fail(err));
  // Docker answers 200 at once and reports a failure in-band; the client prints the stream as it comes.
  queue.push({ stream: '' });
  await streamJsonLines(ctx.res, queue);
}

async function commit(ctx: RouteContext): Promise<void> {
  const q = ctx.query;
  const container = queryString(q, 'container');
  if (!container) throw new InvalidArgumentError('container is required: use container=NAME');
  const repo = queryString(q, 'repo');
  const tag = queryString(q, 'tag');
  const comment = queryString(q, 'comment');
  const author = queryString(q, 'author');
  const engine = await ctx.engine();
  const report = await engine.images.commit(container, {
    changes: q.getAll('changes').flatMap((c) => c.split('\n')).filter((c) => c.trim() !== ''),
    ...(repo ? { reference: tag ? `${repo}:${tag}` : repo } : {}),
    ...(comment ? { message: comment } : {}), ...(author ? { author } : {}),
  });
  sendJson(ctx.res, 201, { Id: `sha256:${report.imageId}` });
}

export function registerBuildRoutes(router: Router): void {
  router.add('POST', '/build', build).add('POST', '/commit', commit);
}
