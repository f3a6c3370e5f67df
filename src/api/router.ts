// Method + path -> handler. Paths may carry a `/vX.Y` prefix (any version from MIN_API_VERSION up; clients
// that negotiated a newer one than ours are served as ours) or none. `{name}` matches one path segment,
// `{name*}` one or more (image names contain slashes: /images/docker.io/library/alpine:latest/json).
import { InvalidArgumentError, NotImplementedError } from '../errors/tsmoby-error.js';
import type { RouteContext } from './route-context.js';

export const API_VERSION = '1.44';
export const MIN_API_VERSION = '1.24';

export type RouteHandler = (ctx: RouteContext) => Promise<void>;

export interface RouteInfo {
  method: string;
  path: string;
  implemented: boolean;
  /** Why a route answers 501, for the compatibility table. */
  note?: string;
}

interface Route extends RouteInfo {
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  route: RouteInfo;
  handler: RouteHandler;
  params: Record<string, string>;
  /** The version from the path, or API_VERSION when the path had none. */
  version: string;
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/[.+?^$()[\]\\|]/g, '\\$&').replace(/\{(\w+)(\*?)\}/g, (_, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), names };
}

export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** Splits `/v1.41/containers/json` into the version and the path; rejects versions below the minimum. */
export function splitVersion(pathname: string): { version: string | undefined; path: string } {
  const m = /^\/v(\d+\.\d+)(\/.*)?$/.exec(pathname);
  if (!m) return { version: undefined, path: pathname };
  const version = m[1]!;
  if (compareVersions(version, MIN_API_VERSION) < 0) {
    throw new InvalidArgumentError(
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  return { version, path: m[2] ?? '/' };
}

export class Router {
  private readonly routes: Route[] = [];

  /** Routes are tried in the order they were added: add literal paths before patterns that would swallow them. */
  add(method: string, path: string, handler: RouteHandler): this {
    this.routes.push({ method, path, implemented: true, handler, ...compile(path) });
    return this;
  }

  /** A route clients send that tsmoby does not serve (yet): a 501 with `message` instead of a confusing 404. */
  unsupported(method: string, path: string, message: string): this {
    const handler: RouteHandler = async () => { throw new NotImplementedError(message); };
    this.routes.push({ method, path, implemented: false, note: message, handler, ...compile(path) });
    return this;
  }

  resolve(method: string, pathname: string): RouteMatch | undefined {
    const { version, path } = splitVersion(pathname);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]!); });
      const served = version === undefined || compareVersions(version, API_VERSION) > 0 ? API_VERSION : version;
      return { route, handler: route.handler, params, version: served };
    }
    return undefined;
  }

  list(): RouteInfo[] {
    return this.routes.map(({ method, path, implemented, note }) => ({ method, path, implemented, ...(note ? { note } : {}) }));
  }
}
