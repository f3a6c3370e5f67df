// The API's public face, the only module cli/ may import: start the Docker-compatible service, the default
// socket path, the API version, and the systemd units that socket-activate it.
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { buildRouter } from './routes/route-table.js';
import { serveApi } from './server.js';
import type { ApiServer, ApiServerOptions } from './server.js';

export type { ApiServer, ApiServerOptions } from './server.js';
export { API_VERSION, MIN_API_VERSION } from './router.js';
export { systemdApiUnits } from './systemd-units.js';
export { serviceV8Flags } from './systemd-units.js';
export type { ApiUnitOptions } from './systemd-units.js';

/**
 * Serves the Docker Engine API until idle (or close()). The engine is created on the first request that needs it,
 * or at start for a unix socket path (the engine prepares the socket's directory).
 */
export function startApiServer(engine: () => Promise<Engine>, options: ApiServerOptions): Promise<ApiServer> {
  return serveApi(buildRouter(), engine, options);
}

/** `$XDG_RUNTIME_DIR/tsmoby/tsmoby.sock` (rootless; /tmp/tsmoby-UID without it), `/run/tsmoby/tsmoby.sock` for root. */
export function defaultApiSocket(env: NodeJS.ProcessEnv = process.env, uid: number = process.getuid?.() ?? 0): string {
  if (uid === 0) return '/run/tsmoby/tsmoby.sock';
  return join(env.XDG_RUNTIME_DIR || `/tmp/tsmoby-${uid}`, 'tsmoby', 'tsmoby.sock');
}

/** The route list behind docs/api.md. */
export function apiRouteTable(): ReturnType<ReturnType<typeof buildRouter>['list']> {
  return buildRouter().list();
}
