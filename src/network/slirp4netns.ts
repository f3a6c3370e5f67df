// Starts slirp4netns for a container's network namespace and talks to its API socket (host port forwards).
// Lifetime: slirp4netns exits when the write end of its --exit-fd pipe closes; whoever holds that end
// (conmon for a started container) decides how long it lives, never longer than the container.
// Rootless it is spawned inside the pause user namespace (Sys.spawn join), as Podman runs it from inside
// its own: --enable-sandbox does setegid(0), which fails for a slirp4netns left in the host's.
import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import { CommandNotFoundError, InvalidArgumentError, UnavailableError } from '../errors/index.js';
import type { SpawnedProcess, StdioSpec, Sys } from '../sys/sys.js';
import { endWithin, waitForReadyByte, type HelperFailure } from './ready-pipe.js';

export interface SlirpOptions {
  /** A bind-mounted netns file or /proc/<pid>/ns/net (--netns-type=path). */
  netnsPath: string;
  /** Rootless: the pause pid; slirp4netns runs in its user namespace (and still in the host's netns). */
  join?: number;
  /** Unix socket for add_hostfwd/list_hostfwd; omitted when no port is forwarded through slirp. */
  apiSocket?: string;
  /** Default 65520: large frames make slirp's per-packet cost matter less. */
  mtu?: number;
  /** Default false: the container must not reach the host's 127.0.0.1 through 10.0.2.2. */
  allowHostLoopback?: boolean;
  enableIpv6?: boolean;
  /** Default 10.0.2.0/24; the container is .100, the host .2, DNS .3. */
  cidr?: string;
  /** Mount namespace + pivot_root for slirp itself; default true. */
  sandbox?: boolean;
  /** Seccomp filter for slirp itself; default true. */
  seccomp?: boolean;
  /**
   * A read end open in this process whose write end the caller hands on (to conmon, which closes it
   * when the container exits). Omitted: a pipe is made here and `close()` ends slirp4netns.
   */
  exitFd?: number;
  /** No exit pipe at all: it runs until killed (the uplink of the shared namespace, which outlives commands). */
  persistent?: boolean;
  /** How long to wait for the interface to be configured; default 10 s. */
  readyTimeoutMs?: number;
  binary?: string;
}

export interface SlirpProcess {
  pid: number;
  apiSocket: string | undefined;
  /** Closes the exit pipe made here (a caller's exitFd is left alone) and waits, bounded, for the exit. */
  close(timeoutMs?: number): Promise<void>;
}

const SLIRP_READY_FD = 3;
const SLIRP_EXIT_FD = 4;

/** The argument vector after the binary; the ready and exit fds are child fds 3 and 4. */
export function slirpArgs(opts: SlirpOptions): string[] {
  const mtu = opts.mtu ?? 65520;
  if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65521) throw new InvalidArgumentError(`invalid MTU ${mtu}: 68-65521`);
  const args = ['--configure', `--mtu=${mtu}`, `--ready-fd=${SLIRP_READY_FD}`];
  if (opts.persistent !== true) args.push(`--exit-fd=${SLIRP_EXIT_FD}`);
  if (opts.allowHostLoopback !== true) args.push('--disable-host-loopback');
  if (opts.enableIpv6 === true) args.push('--enable-ipv6');
  if (opts.cidr !== undefined) args.push(`--cidr=${opts.cidr}`);
  if (opts.sandbox !== false) args.push('--enable-sandbox');
  if (opts.seccomp !== false) args.push('--enable-seccomp');
  if (opts.apiSocket !== undefined) args.push(`--api-socket=${opts.apiSocket}`);
  args.push('--netns-type=path', opts.netnsPath, 'tap0');
  return args;
}

/** Why slirp4netns did not come up, with the last lines it printed (its WARNINGs left out). */
function slirpFailure(why: HelperFailure, timeoutMs: number): Error {
  if (why.timedOut) return new UnavailableError(`slirp4netns did not configure the network: no ready signal within ${timeoutMs} ms`);
  const lines = why.stderr.trim().split('\n').filter((l) => l !== '' && !l.startsWith('WARNING')).slice(-3).join('; ');
  return new UnavailableError(`slirp4netns did not configure the network: exited with code ${why.exitCode}${lines ? `: ${lines}` : ''}`);
}

/** Spawns slirp4netns (in the host's network namespace) and waits, bounded, until tap0 is configured. */
export async function startSlirp4netns(sys: Pick<Sys, 'spawn'>, opts: SlirpOptions): Promise<SlirpProcess> {
  const stdio: StdioSpec[] = ['ignore', 'ignore', 'pipe', { pipe: 'parent-reads' }];
  if (opts.persistent !== true) stdio.push(opts.exitFd !== undefined ? { fd: opts.exitFd } : { pipe: 'parent-writes' });
  let child: SpawnedProcess;
  try {
    // Own session: a Ctrl-C meant for the foreground command must not end the container's network.
    child = await sys.spawn({ argv: [opts.binary ?? 'slirp4netns', ...slirpArgs(opts)], stdio, detached: true,
      ...(opts.join !== undefined ? { join: opts.join } : {}) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CommandNotFoundError('slirp4netns not found: install it to use rootless networking', { cause: err });
    }
    throw new UnavailableError(`cannot start slirp4netns: ${(err as Error).message}`, { cause: err });
  }
  const exitEnd = child.pipes[SLIRP_EXIT_FD] as { destroy(): void } | undefined;
  const close = async (timeoutMs = 5_000) => {
    exitEnd?.destroy();
    if (opts.persistent === true) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch { /* already gone */ }
    }
    await endWithin(child, timeoutMs);
  };
  try {
    const timeoutMs = opts.readyTimeoutMs ?? 10_000;
    await waitForReadyByte(child, SLIRP_READY_FD, timeoutMs, (why) => slirpFailure(why, timeoutMs));
  } catch (err) {
    await close(1_000);
    throw err;
  }
  (child.pipes[SLIRP_READY_FD] as Readable).destroy();
  (child.pipes[2] as Readable).destroy();
  return { pid: child.pid, apiSocket: opts.apiSocket, close };
}

export interface HostForward {
  id: number;
  proto: 'tcp' | 'udp';
  hostAddr: string;
  hostPort: number;
  guestAddr: string;
  guestPort: number;
}

interface ApiReply {
  return?: Record<string, unknown>;
  error?: { desc?: string };
}

/** One request per connection, as slirp4netns's API socket expects; the reply ends at EOF. */
export function slirpApiCall(socketPath: string, request: object, timeoutMs = 5_000): Promise<ApiReply> {
  return new Promise((resolve, reject) => {
    const sock = connect(socketPath);
    let text = '';
    const timer = setTimeout(() => sock.destroy(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
    sock.on('connect', () => sock.end(JSON.stringify(request)));
    sock.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(new UnavailableError(`slirp4netns API ${socketPath}: ${err.message}`, { cause: err }));
    });
    sock.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as ApiReply);
      } catch (err) {
        reject(new UnavailableError(`slirp4netns API ${socketPath}: unreadable reply "${text}"`, { cause: err }));
      }
    });
  });
}

/** Adds a host port forward; returns slirp's id for it. A busy host port is a ConflictError-like failure. */
export async function addHostForward(socketPath: string, fwd: Omit<HostForward, 'id' | 'guestAddr'> & { guestAddr?: string }): Promise<number> {
  const args: Record<string, unknown> = {
    proto: fwd.proto, host_addr: fwd.hostAddr, host_port: fwd.hostPort, guest_port: fwd.guestPort,
  };
  if (fwd.guestAddr !== undefined) args.guest_addr = fwd.guestAddr;
  const reply = await slirpApiCall(socketPath, { execute: 'add_hostfwd', arguments: args });
  if (reply.error !== undefined || typeof reply.return?.id !== 'number') {
    throw new UnavailableError(`cannot publish ${fwd.hostAddr}:${fwd.hostPort}/${fwd.proto}: ${reply.error?.desc ?? 'no id in reply'}`);
  }
  return reply.return.id;
}

export async function listHostForwards(socketPath: string): Promise<HostForward[]> {
  // Unlike the other commands, list_hostfwd answers {"entries": [...]} without a "return" wrapper.
  const reply = await slirpApiCall(socketPath, { execute: 'list_hostfwd' }) as ApiReply & { entries?: unknown };
  const entries = (reply.entries ?? reply.return?.entries ?? []) as Array<Record<string, unknown>>;
  return entries.map((e) => ({
    id: Number(e.id), proto: e.proto as 'tcp' | 'udp', hostAddr: String(e.host_addr), hostPort: Number(e.host_port),
    guestAddr: String(e.guest_addr), guestPort: Number(e.guest_port),
  }));
}
