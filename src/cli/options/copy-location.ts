// `cp` arguments as docker cp reads them: `-` is a tar stream, an absolute or `.`-relative path is the
// host's, `CONTAINER:PATH` a container's (the first colon splits, so host paths with colons need `./`).
import { InvalidArgumentError } from '../../errors/index.js';
import type { CopyLocation } from '../../engine/engine.js';

export function parseCopyLocation(arg: string): CopyLocation {
  if (arg === '-') return { stream: true };
  if (arg === '') throw new InvalidArgumentError('empty path');
  if (arg.startsWith('/') || arg.startsWith('.')) return { host: arg };
  const colon = arg.indexOf(':');
  if (colon < 0) return { host: arg };
  const container = arg.slice(0, colon);
  const path = arg.slice(colon + 1);
  if (container === '') throw new InvalidArgumentError(`invalid container name in "${arg}"`);
  return { container, path: path === '' ? '/' : path };
}
