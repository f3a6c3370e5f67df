// The HTTP side of `system service`: node:http on a unix socket, a TCP port or systemd's fd 3; every request
// (and every upgraded connection) goes through the router; the service closes itself after an idle period.
import { createServer, ServerResponse } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../engine/engine.js';
import { hijackSocket, splitUpgradeBody } from './codec/hijack.js';
import type { HijackedConnection } from './codec/hijack.js';
import { sendJson } from './codec/json-response.js';
import { HeapTrim } from './heap-trim.js';
import { errorBody, httpStatusOf } from './http-status.js';
import { IdleTracker } from './idle-tracker.js';
import { activationFd, clearActivationEnv, describeAddress, parseListenAddress } from './listen-address.js';
import type { ListenAddress } from './listen-address.js';
import type { RouteContext } from './route-context.js';
import type { Router } from './router.js';

export interface ApiServerOptions {
  /** unix:///path (or a bare absolute path), tcp:HOST:PORT; unused when systemd passed a socket. */
  listen: string;
  /** Seconds without requests in flight before the service closes itself; 0 = never. Default 5. */
  idleSeconds?: number;
  /** tsmoby's version, reported by /version and /info. */
  serverVersion: string;
  /** Where LISTEN_FDS / LISTEN_PID / NOTIFY_SOCKET are read (and the activation variables removed). */
  env?: NodeJS.ProcessEnv;
  pid?: number;
  /** sd_notify(3) messages ("READY=1"), sent only when NOTIFY_SOCKET is set; cli/ wires it to engine.system.notify. */
  notify?: (state: string) => Promise<void>;
  /** One line per server-side failure (5xx); default: none. */
  log?: (line: string) => void;
  /** Collect garbage between requests so that memory stays at the live size (heap-trim.ts). Default true. */
  trimHeap?: boolean;
  /** Debugging only, never documented as API: `GET /_tsmoby/heap` collects and answers the memory figures. */
  debugHeap?: boolean;
}

const DEBUG_HEAP_PATH = '/_tsmoby/heap';

export interface ApiServer {
  /** unix:///path, tcp://host:port or fd://3. */
  readonly address: string;
  readonly socketActivated: boolean;
  /** Settles when the server has closed (idle exit or close()). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

interface Upgrade { socket: Duplex; head: Buffer }

export async function serveApi(router: Router, engineFactory: () => Promise<Engine>, options: ApiServerOptions): Promise<ApiServer> {
  const env = options.env ?? process.env;
  let engineP: Promise<Engine> | undefined;
  const engine = () => (engineP ??= engineFactory());
  const fd = activationFd(env, options.pid ?? process.pid);
  clearActivationEnv(env);
  const address: ListenAddress = fd !== undefined ? { kind: 'fd', fd } : parseListenAddress(options.listen);

  const upgraded = new Set<Duplex>();
  const server = createServer({ noDelay: true, requestTimeout: 0 });
  const tracker = new IdleTracker((options.idleSeconds ?? 5) * 1000, () => { void shutdown(false); });
  const trim = options.trimHeap !== false || options.debugHeap ? new HeapTrim() : undefined;
  const handle = (req: IncomingMessage, res: ServerResponse, upgrade?: Upgrade) =>
    dispatch({ router, engine, tracker, options, upgraded, trim }, req, res, upgrade);
  server.on('request', (req, res) => { void handle(req, res); });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const res = new ServerResponse(req);
    res.assignSocket(socket as never);
    res.shouldKeepAlive = false;
    res.on('finish', () => socket.end());
    void (async () => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (!(length > 0)) return handle(req, res, { socket, head });
      try {
        const { body, rest } = await splitUpgradeBody(socket, head, length);
        // The route reads its JSON body from `req` as from any request.
        Object.defineProperty(req, Symbol.asyncIterator, { value: async function* () { yield body; } });
        return handle(req, res, { socket, head: rest });
      } catch {
        socket.destroy();
      }
    })();
  });

  if (address.kind === 'unix') await (await engine()).system.prepareServiceSocket(address.path);
  await listen(server, address);
  tracker.start();
  if (env.NOTIFY_SOCKET && options.notify) await options.notify('READY=1').catch((err: unknown) => options.log?.(`sd_notify: ${String(err)}`));

  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let closing: Promise<void> | undefined;
  function shutdown(force: boolean): Promise<void> {
    tracker.stop();
    if (!closing) {
      server.close();
      server.closeIdleConnections();
      if (force) {
        server.closeAllConnections();
        for (const s of upgraded) s.destroy();
      }
      closing = closed;
    }
    return closing;
  }
  return { address: describeAddress(address), socketActivated: fd !== undefined, closed, close: () => shutdown(true) };
}

function listen(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => { server.off('error', reject); resolve(); };
    if (address.kind === 'fd') server.listen({ fd: address.fd }, done);
    else if (address.kind === 'tcp') server.listen({ host: address.host, port: address.port }, done);
    else {
      // bind(2) creates the socket file with the umask applied: 0600 from birth, no window for chmod.
      const previous = process.umask(0o177);
      try {
        server.listen({ path: address.path }, done);
      } finally {
        process.umask(previous);
      }
    }
  });
}

interface DispatchDeps {
  router: Router;
  engine: () => Promise<Engine>;
  tracker: IdleTracker;
  options: ApiServerOptions;
  upgraded: Set<Duplex>;
  trim: HeapTrim | undefined;
}

async function dispatch(deps: DispatchDeps, req: IncomingMessage, res: ServerResponse, upgrade?: Upgrade): Promise<void> {
  const release = deps.tracker.begin();
  const aborter = new AbortController();
  const watched = upgrade ? upgrade.socket : res;
  watched.once('close', () => {
    release();
    if (deps.options.trimHeap !== false) deps.trim?.requestDone(deps.tracker.inFlight);
    if (upgrade) deps.upgraded.delete(upgrade.socket);
    if (upgrade || !res.writableFinished) aborter.abort();
  });
  if (upgrade) deps.upgraded.add(upgrade.socket);
  let hijacked = false;
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (deps.options.debugHeap && url.pathname === DEBUG_HEAP_PATH && deps.trim) return sendJson(res, 200, deps.trim.collect());
    const match = deps.router.resolve(req.method ?? 'GET', url.pathname);
    if (!match) return sendJson(res, 404, { message: 'page not found' });
    const ctx: RouteContext = {
      req, res, params: match.params, query: url.searchParams, apiVersion: match.version,
      signal: aborter.signal, serverVersion: deps.options.serverVersion, engine: deps.engine,
      hijack: (contentType) => {
        hijacked = true;
        return upgrade ? takeSocket(res, upgrade, contentType) : streamResponse(req, res, contentType);
      },
    };
    await match.handler(ctx);
    if (!hijacked && !res.writableEnded) res.end();
  } catch (err) {
    const status = httpStatusOf(err);
    if (status >= 500) deps.options.log?.(`${req.method} ${req.url}: ${String((err as Error)?.stack ?? err)}`);
    if (hijacked || res.headersSent) {
      if (upgrade) upgrade.socket.destroy();
      else res.end();
    } else {
      sendJson(res, status, errorBody(err));
    }
  }
}

function takeSocket(res: ServerResponse, upgrade: Upgrade, contentType: string): HijackedConnection {
  res.detachSocket(upgrade.socket as never);
  return hijackSocket(upgrade.socket, upgrade.head, contentType);
}

/** Attach without `Upgrade: tcp` (dockerode without hijack): output as a streamed response, stdin from the body. */
function streamResponse(req: IncomingMessage, res: ServerResponse, contentType: string): HijackedConnection {
  res.writeHead(200, { 'Content-Type': contentType });
  res.flushHeaders();
  return { input: req, output: res, upgraded: false, end: () => res.end() };
}
