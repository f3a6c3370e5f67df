// Where tsmoby keeps things: the one place that knows XDG and root paths (DESIGN §3).
// --root and --runroot override the data and runtime directories, as in Podman.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StorePaths {
  rootless: boolean;
  uid: number;
  /** Persistent data: blobs, layers, images, containers, volumes, networks, locks. */
  root: string;
  /** Runtime state on tmpfs: pause pid, conmon pids, attach sockets, exit files. */
  runroot: string;
  /** Per-user configuration directory (containers/*.conf, certs.d). */
  userConfigDir: string;
  /** System-wide configuration directory. */
  systemConfigDir: string;
}

export interface PathOverrides {
  root?: string;
  runroot?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
}

export function resolveStorePaths(overrides: PathOverrides = {}): StorePaths {
  const env = overrides.env ?? process.env;
  const uid = overrides.uid ?? process.getuid?.() ?? 0;
  const rootless = uid !== 0;
  const home = env.HOME ?? homedir();
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
  const runtimeDir = env.XDG_RUNTIME_DIR || (rootless ? `/tmp/tsmoby-${uid}` : '/run');
  return {
    rootless,
    uid,
    root: overrides.root ?? (rootless ? join(dataHome, 'tsmoby') : '/var/lib/tsmoby'),
    runroot: overrides.runroot ?? (rootless ? join(runtimeDir, 'tsmoby') : '/run/tsmoby'),
    userConfigDir: rootless ? join(configHome, 'containers') : '/etc/containers',
    systemConfigDir: env.TSMOBY_SYSTEM_CONFIG_DIR || '/etc/containers',
  };
}

/** Root's default network (bridge tsmoby0 and its iptables chains) is one per host, whichever store made it:
 *  its lock lives outside every store, so that a reset of one store cannot take it from under another. */
export const HOST_NETWORK_LOCK_DIR = '/run/tsmoby-host-network';

/** The directory layout under root and runroot; every on-disk path is built here. */
export function storeLayout(p: StorePaths) {
  return {
    blobs: join(p.root, 'blobs', 'sha256'),
    blob: (hex: string) => join(p.root, 'blobs', 'sha256', hex),
    tmp: join(p.root, 'tmp'),
    layers: join(p.root, 'layers'),
    layer: (chainHex: string) => join(p.root, 'layers', chainHex),
    images: join(p.root, 'images'),
    image: (idHex: string) => join(p.root, 'images', `${idHex}.json`),
    containers: join(p.root, 'containers'),
    container: (id: string) => join(p.root, 'containers', id),
    volumes: join(p.root, 'volumes'),
    volume: (name: string) => join(p.root, 'volumes', name),
    networks: join(p.root, 'networks'),
    locks: join(p.root, 'locks'),
    lock: (name: string) => join(p.root, 'locks', name),
    pausePidFile: join(p.runroot, 'pause.pid'),
    containerRun: (id: string) => join(p.runroot, 'containers', id),
    exits: join(p.runroot, 'exits'),
    eventLog: join(p.runroot, 'events', 'events.log'),
    serviceSocket: join(p.runroot, 'tsmoby.sock'),
  };
}

export type StoreLayout = ReturnType<typeof storeLayout>;
