// The user units that make `system service` socket-activated: systemd owns the listening socket, starts the
// service on the first connection, and the service exits when idle; and the V8 flags the service runs with
// (the unit passes them to node, a service started by hand sets them itself). The engine writes the files.
import type { SystemdUnitFile } from '../engine/engine.js';
import { setFlagsFromString } from 'node:v8';

export interface ApiUnitOptions {
  /** Absolute path of the node binary and of bin/tsmoby: a user manager's PATH rarely has either. */
  nodePath: string;
  tsmobyPath: string;
  /** Idle seconds before the service exits (`--time`). */
  idleSeconds?: number;
}

/**
 * How node runs the service (docs/benchmarks.md, "API service"): a 1 MiB young generation (the live heap is a few
 * MiB; V8's default grows the young generation to 48 MiB of RSS under a stream of small requests), and V8's
 * memory-saving heuristics (smaller code, earlier collections) at no measurable cost to `docker ps`, and no
 * optimising compiler: the service waits on disks and sockets, and optimised code is what kept RSS creeping
 * after warm-up (+2.8 MB over 11,000 requests with it, +0.8 MB without).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size', '--no-opt'];

/**
 * The same flags for a service started by hand (`tsmoby system service` without the unit): V8 reads them when
 * it next sizes the young generation or considers optimising, so setting them at start-up still takes.
 */
export function serviceV8Flags(): void {
  for (const flag of SERVICE_NODE_FLAGS) setFlagsFromString(flag);
}

/** glibc's malloc keeps an arena per thread that ever allocated (libuv's pool, V8's workers); two suffice. */
export const SERVICE_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** Quotes an ExecStart word when it needs it (systemd.service(5) "Command lines"). */
function execWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

export function systemdApiUnits(options: ApiUnitOptions): SystemdUnitFile[] {
  const argv = [options.nodePath, ...SERVICE_NODE_FLAGS, options.tsmobyPath, 'system', 'service', '--time', String(options.idleSeconds ?? 5)];
  const socket = [
    '[Unit]',
    'Description=tsmoby Docker-compatible API socket',
    '',
    '[Socket]',
    'ListenStream=%t/tsmoby/tsmoby.sock',
    'SocketMode=0600',
    'DirectoryMode=0700',
    '',
    '[Install]',
    'WantedBy=sockets.target',
    '',
  ];
  const service = [
    '[Unit]',
    'Description=tsmoby Docker-compatible API service',
    'Requires=tsmoby.socket',
    'After=tsmoby.socket',
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=exec',
    // Containers started through the API are owned by their conmon, which must outlive the idle service.
    'KillMode=process',
    'Delegate=true',
    ...Object.entries(SERVICE_ENVIRONMENT).map(([name, value]) => `Environment=${name}=${value}`),
    `ExecStart=${argv.map(execWord).join(' ')}`,
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ];
  return [
    { name: 'tsmoby.socket', text: socket.join('\n') },
    { name: 'tsmoby.service', text: service.join('\n') },
  ];
}
