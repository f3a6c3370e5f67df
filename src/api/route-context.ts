// What a route handler gets: the decoded request, the engine (created on first use, so /_ping never builds
// one), a signal that fires when the client goes away, and the means to answer or to take the connection over.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine/engine.js';
import type { HijackedConnection } from './codec/hijack.js';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The API version the client asked for (the path prefix), or the server's own. */
  readonly apiVersion: string;
  /** Aborted when the client disconnects before the answer is complete. */
  readonly signal: AbortSignal;
  /** tsmoby's own version, for /version and /info. */
  readonly serverVersion: string;
  engine(): Promise<Engine>;
  /**
   * Takes the connection over (attach, exec start): `101 UPGRADED` when the client asked for `Upgrade: tcp`,
   * else a 200 streamed response. Call it only once the request is known to be good: errors before it are
   * ordinary JSON error responses.
   */
  hijack(contentType: string): HijackedConnection;
}
