// Published ports through tsmoby-portfwd (conmon/portfwd): it binds the host ports in the host network
// namespace before the container starts (a busy port fails here, cleanly), then joins the container's
// network namespace and splices each accepted connection to the container's port; UDP datagrams are relayed
// per client through a socket of its own in the container's namespace.
import type { Readable } from 'node:stream';
import { InvalidArgumentError, PermissionDeniedError, UnavailableError } from '../errors/index.js';
import type { StdioSpec, Sys } from '../sys/sys.js';
import { endWithin, waitForReadyByte } from './ready-pipe.js';
import { HostPortInUseError } from './free-port.js';

export interface ForwardedPort {
  /** '' for every IPv4 address (0.0.0.0). */
  hostIp: string;
  hostPort: number;
  containerPort: number;
  /** Default tcp. */
  protocol?: 'tcp' | 'udp';
  /** Where to connect inside the container's netns; default 127.0.0.1 (what a server on 0.0.0.0 accepts). */
  targetIp?: string;
}

export interface PortForwarderOptions {
  binary: string;
  /** The container's network namespace: a bind-mounted netns file or /proc/<pid>/ns/net. */
  netnsPath: string;
  ports: ForwardedPort[];
  /** Rootless: the pause pid, whose user namespace owns the container's netns (setns needs its caps). */
  join?: number;
  /** An fd of this process (read end) whose write end lives elsewhere, e.g. in conmon. Omitted: a pipe is
   *  made here and `close()` ends the forwarder. */
  exitFd?: number;
  readyTimeoutMs?: number;
}

export interface PortForwarder {
  pid: number;
  close(timeoutMs?: number): Promise<void>;
}

const READY_FD = 3;
const EXIT_FD = 4;

function bracket(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** The forwarder's argument vector after the binary (see conmon/portfwd/README.md). */
export function portForwarderArgs(netnsPath: string, ports: ForwardedPort[]): string[] {
  if (ports.length === 0) throw new InvalidArgumentError('no ports to forward');
  const specs = ports.map((p) => {
    if (p.hostPort < 1 || p.hostPort > 65535 || p.containerPort < 1 || p.containerPort > 65535) {
      throw new InvalidArgumentError(`invalid port mapping ${p.hostPort}:${p.containerPort}`);
    }
    const hostIp = bracket(p.hostIp === '' ? '0.0.0.0' : p.hostIp);
    return `${p.protocol ?? 'tcp'}:${hostIp}:${p.hostPort}:${bracket(p.targetIp ?? '127.0.0.1')}:${p.containerPort}`;
  });
  return ['--netns', netnsPath, '--ready-fd', String(READY_FD), '--exit-fd', String(EXIT_FD), ...specs];
}

function failure(exitCode: number, stderr: string, ports: ForwardedPort[]): Error {
  const what = ports.map((p) => `${p.hostIp === '' ? '0.0.0.0' : p.hostIp}:${p.hostPort}/${p.protocol ?? 'tcp'}`).join(', ');
  const detail = stderr.trim().replace(/^tsmoby-portfwd: /, '');
  if (exitCode === 3) return new HostPortInUseError(what, detail);
  if (exitCode === 4) return new PermissionDeniedError(`cannot publish ${what}: ${detail}`);
  return new UnavailableError(`cannot publish ${what}: ${detail || `port forwarder exited with code ${exitCode}`}`);
}

/** Starts the forwarder and waits until every host port is bound and the netns is joined. */
export async function startPortForwarder(sys: Pick<Sys, 'spawn'>, opts: PortForwarderOptions): Promise<PortForwarder> {
  const stdio: StdioSpec[] = ['ignore', 'ignore', 'pipe', { pipe: 'parent-reads' },
    opts.exitFd !== undefined ? { fd: opts.exitFd } : { pipe: 'parent-writes' }];
  const child = await sys.spawn({
    argv: [opts.binary, ...portForwarderArgs(opts.netnsPath, opts.ports)],
    stdio, detached: true, ...(opts.join !== undefined ? { join: opts.join } : {}),
  });
  const exitEnd = child.pipes[EXIT_FD] as { destroy(): void } | undefined;
  const close = async (timeoutMs = 5_000) => {
    exitEnd?.destroy();
    await endWithin(child, timeoutMs);
  };
  try {
    await waitForReadyByte(child, READY_FD, opts.readyTimeoutMs ?? 10_000, (why) => why.timedOut
      ? new UnavailableError(`port forwarder not ready within ${opts.readyTimeoutMs ?? 10_000} ms`)
      : failure(why.exitCode, why.stderr, opts.ports));
  } catch (err) {
    await close(1_000);
    throw err;
  }
  (child.pipes[READY_FD] as Readable).destroy();
  (child.pipes[2] as Readable).destroy();
  return { pid: child.pid, close };
}
