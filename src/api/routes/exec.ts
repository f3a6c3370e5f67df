// Exec routes: create (a session on a running container), start (a hijacked connection like attach, or
// detached), inspect (the exit code the docker CLI reads after the stream ends) and resize.
import { PassThrough, Writable } from 'node:stream';
import { ConflictError, InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { ExecCreateOptions, TerminalSize } from '../../engine/engine.js';
import { MULTIPLEXED_STREAM, RAW_STREAM } from '../codec/hijack.js';
import { readJsonBody } from '../codec/json-body.js';
import { sendEmpty, sendJson } from '../codec/json-response.js';
import { queryInt } from '../codec/query.js';
import { STDERR, STDOUT, stdcopyFrames } from '../codec/stdcopy.js';
import { errorMessageOf } from '../http-status.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';
import { framedWriter } from './container-streams.js';

type Doc = Record<string, unknown>;

function strings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InvalidArgumentError(`invalid ${field}: expected a list of strings`);
  return v as string[];
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** ConsoleSize is [height, width]; [0, 0] or absent means none. */
function consoleSize(v: unknown): TerminalSize | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [height, width] = v.map(Number) as [number, number];
  return height > 0 && width > 0 ? { height, width } : undefined;
}

export function decodeExecCreateBody(raw: unknown): ExecCreateOptions {
  const body = (raw ?? {}) as Doc;
  const command = strings(body.Cmd, 'Cmd');
  if (command.length === 0) throw new InvalidArgumentError('No exec command specified');
  const user = optionalString(body.User);
  const workingDir = optionalString(body.WorkingDir);
  const detachKeys = optionalString(body.DetachKeys);
  return {
    command, env: strings(body.Env, 'Env'), tty: body.Tty === true, stdin: body.AttachStdin === true,
    privileged: body.Privileged === true,
    ...(user ? { user } : {}), ...(workingDir ? { workingDir } : {}), ...(detachKeys ? { detachKeys } : {}),
  };
}

async function create(ctx: RouteContext): Promise<void> {
  const options = decodeExecCreateBody(await readJsonBody(ctx.req));
  const engine = await ctx.engine();
  const report = await engine.containers.execCreate(ctx.params.id!, options);
  sendJson(ctx.res, 201, { Id: report.id });
}

/** Output goes to the client until the process exits; its stdin ends when the client half-closes. */
async function start(ctx: RouteContext): Promise<void> {
  const body = ((await readJsonBody(ctx.req)) ?? {}) as Doc;
  const engine = await ctx.engine();
  const session = await engine.containers.execInspect(ctx.params.id!);
  if (session.Running || session.ExitCode !== null) throw new ConflictError(`exec session ${session.ID} has already been started`);
  const size = consoleSize(body.ConsoleSize);
  if (body.Detach === true) {
    await engine.containers.execStart(session.ID, size ? { terminalSize: size } : {});
    return sendEmpty(ctx.res, 200);
  }
  const tty = session.ProcessConfig.tty;
  const conn = ctx.hijack(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
  const out = new PassThrough();
  out.pipe(conn.output, { end: false });
  const input = new PassThrough();
  if (session.OpenStdin && conn.upgraded) conn.input.pipe(input);
  else input.end();
  const stderr = tty ? new Writable({ write: (_c, _e, done) => done() }) : framedWriter(out, STDERR, false);
  try {
    await engine.containers.execStart(session.ID, {
      attach: { stdout: framedWriter(out, STDOUT, tty), stderr, ...(session.OpenStdin ? { stdin: input } : {}), signal: ctx.signal },
      ...(size ? { terminalSize: size } : {}),
    });
  } catch (err) {
    // The 101 is out: as Docker, the failure goes to the client's stdout and the exit code to exec inspect.
    const text = Buffer.from(`${errorMessageOf(err)}\r\n`);
    out.write(tty ? text : stdcopyFrames(STDOUT, text));
  } finally {
    const drained = new Promise<void>((resolve) => { out.once('end', resolve); out.once('close', resolve); });
    out.end();
    await drained;
    conn.end();
  }
}

async function inspect(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, await engine.containers.execInspect(ctx.params.id!));
}

async function resize(ctx: RouteContext): Promise<void> {
  const height = queryInt(ctx.query, 'h') ?? 0;
  const width = queryInt(ctx.query, 'w') ?? 0;
  const engine = await ctx.engine();
  await engine.containers.execResize(ctx.params.id!, { height, width });
  sendEmpty(ctx.res, 200);
}

export function registerExecRoutes(router: Router): void {
  router
    .add('POST', '/containers/{id}/exec', create)
    .add('POST', '/exec/{id}/start', start)
    .add('GET', '/exec/{id}/json', inspect)
    .add('POST', '/exec/{id}/resize', resize);
}
