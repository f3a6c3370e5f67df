// The init process `--init` runs as pid 1 (it reaps zombies and forwards signals): a static catatonit or
// tini from the host, bind-mounted into the container, so it must not need the container's libc.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/libexec/podman/catatonit',
  '/usr/libexec/catatonit/catatonit',
  '/usr/bin/catatonit',
  '/usr/bin/tini-static',
  '/usr/bin/docker-init',
];

export function findInitBinary(candidates: readonly string[] = CANDIDATES): string | undefined {
  return candidates.find((path) => existsSync(path));
}
