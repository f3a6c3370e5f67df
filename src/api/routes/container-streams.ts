// Container output routes: logs (stdcopy frames without a TTY, raw bytes with one; follow ends when the
// container exits) and attach (a hijacked connection: output keeps flowing after the client half-closed).
import { PassThrough, Writable } from 'node:stream';
import type { StdStream } from '../codec/stdcopy.js';
import { STDERR, STDOUT, stdcopyFrames, stdcopyTextFrame } from '../codec/stdcopy.js';
import { BatchedWriter } from '../codec/batched-writer.js';
import { parseDockerTime } from '../codec/docker-time.js';
import { MULTIPLEXED_STREAM, RAW_STREAM } from '../codec/hijack.js';
import { queryBool, queryString } from '../codec/query.js';
import type { Engine } from '../../engine/engine.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';

/** Writes into `out`, framed for `stream` unless the container has a TTY (then bytes go as they are). */
export function framedWriter(out: Writable, stream: StdStream, tty: boolean): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (out.destroyed || out.writableEnded) return done();
      const ok = out.write(tty ? chunk : stdcopyFrames(stream, chunk));
      if (ok) done();
      else out.once('drain', () => done());
    },
  });
}

function tailOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === 'all') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

async function logs(ctx: RouteContext): Promise<void> {
  const wantOut = queryBool(ctx.query, 'stdout');
  const wantErr = queryBool(ctx.query, 'stderr');
  const timestamps = queryBool(ctx.query, 'timestamps');
  const since = parseDockerTime('since', ctx.query.get('since'));
  const until = parseDockerTime('until', ctx.query.get('until'));
  const tail = tailOf(queryString(ctx.query, 'tail'));
  const engine = await ctx.engine();
  const tty = (await engine.containers.inspect(ctx.params.id!)).Config.Tty === true;
  const lines = engine.containers.logs(ctx.params.id!, {
    follow: queryBool(ctx.query, 'follow'), signal: ctx.signal,
    ...(tail !== undefined ? { tail } : {}),
    ...(since && since.getTime() > 0 ? { since: since.getTime() } : {}),
    ...(until && until.getTime() > 0 ? { until: until.getTime() } : {}),
  });
  ctx.res.writeHead(200, { 'Content-Type': tty ? RAW_STREAM : MULTIPLEXED_STREAM });
  ctx.res.flushHeaders();
  const out = new BatchedWriter(ctx.res);
  for await (const line of lines) {
    if (ctx.res.destroyed) break;
    if (line.stream === 'stdout' ? !wantOut : !wantErr) continue;
    const text = timestamps ? `${line.time} ${line.text}` : line.text;
    await out.push(tty ? Buffer.from(text) : stdcopyTextFrame(line.stream === 'stdout' ? STDOUT : STDERR, text));
  }
  await out.flush();
  ctx.res.end();
}

/** `logs=1`: the whole log so far, each line to the stream it came from, before any live output. */
async function replayLogs(ctx: RouteContext, engine: Engine, streams: { stdout: Writable; stderr: Writable }): Promise<void> {
  for await (const line of engine.containers.logs(ctx.params.id!, { signal: ctx.signal })) {
    const target = line.stream === 'stdout' ? streams.stdout : streams.stderr;
    await new Promise<void>((resolve) => target.write(Buffer.from(line.text), () => resolve()));
  }
}

/**
 * The attachment is registered before the 101 goes out: the client starts the container as soon as it has
 * the upgrade, and output written before that is kept in `out` until the connection is taken over.
 * As Docker: `logs=1` sends the log first; `stream=0` ends after that; a created or exited container's
 * stream begins with its next start (see the engine's attach).
 */
async function attach(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const tty = (await engine.containers.inspect(ctx.params.id!)).Config.Tty === true;
  const out = new PassThrough();
  const input = new PassThrough();
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const stdout = queryBool(ctx.query, 'stdout') ? framedWriter(out, STDOUT, tty) : sink;
  const stderr = queryBool(ctx.query, 'stderr') ? framedWriter(out, STDERR, tty) : sink;
  const withStdin = queryBool(ctx.query, 'stdin');
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => { ready = resolve; });
  if (queryBool(ctx.query, 'logs')) await replayLogs(ctx, engine, { stdout, stderr });
  const done = queryBool(ctx.query, 'stream')
    ? engine.containers.attach(ctx.params.id!, { stdout, stderr, ...(withStdin ? { stdin: input } : {}) }, { signal: ctx.signal, onReady: () => ready() })
    : Promise.resolve();
  await Promise.race([isReady, done]);
  const conn = ctx.hijack(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
  out.pipe(conn.output, { end: false });
  if (withStdin && conn.upgraded) conn.input.pipe(input);
  else input.end();
  try {
    await done;
  } finally {
    // Whatever is still queued in `out` reaches the client before our side ends.
    const drained = new Promise<void>((resolve) => { out.once('end', resolve); out.once('close', resolve); });
    out.end();
    await drained;
    conn.end();
  }
}

export function registerContainerStreamRoutes(router: Router): void {
  router
    .add('GET', '/containers/{id}/logs', logs)
    .add('POST', '/containers/{id}/attach', attach);
}
