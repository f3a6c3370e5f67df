// Where the service listens: a unix socket path, a TCP address, or the socket systemd passed (LISTEN_FDS).
// Pure: the caller hands in the environment and pid, and clears the activation variables afterwards.
import { InvalidArgumentError } from '../errors/tsmoby-error.js';

export type ListenAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number } | { kind: 'fd'; fd: number };

/** `unix:///run/x.sock`, a bare absolute path, `tcp:127.0.0.1:2375` or `tcp://127.0.0.1:2375`. */
export function parseListenAddress(uri: string): ListenAddress {
  if (uri.startsWith('unix://')) return unixPath(uri.slice('unix://'.length), uri);
  if (uri.startsWith('/')) return unixPath(uri, uri);
  const tcp = /^tcp:(?:\/\/)?(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(uri);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port > 65535) throw new InvalidArgumentError(`invalid listen address "${uri}": port out of range`);
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  throw new InvalidArgumentError(`invalid listen address "${uri}": expected unix:///path or tcp:HOST:PORT`);
}

function unixPath(path: string, uri: string): ListenAddress {
  if (!path.startsWith('/')) throw new InvalidArgumentError(`invalid listen address "${uri}": the socket path must be absolute`);
  return { kind: 'unix', path };
}

/** The first socket systemd passed (fd 3, sd_listen_fds(3)), when LISTEN_PID names this process. */
export function activationFd(env: NodeJS.ProcessEnv, pid: number): number | undefined {
  if (env.LISTEN_PID === undefined || env.LISTEN_FDS === undefined) return undefined;
  if (Number(env.LISTEN_PID) !== pid) return undefined;
  const count = Number(env.LISTEN_FDS);
  return Number.isInteger(count) && count >= 1 ? 3 : undefined;
}

/** Children (conmon, runc, the cleanup command) must not believe the sockets are theirs. */
export function clearActivationEnv(env: NodeJS.ProcessEnv): void {
  delete env.LISTEN_FDS;
  delete env.LISTEN_PID;
  delete env.LISTEN_FDNAMES;
}

export function describeAddress(address: ListenAddress): string {
  switch (address.kind) {
    case 'unix': return `unix://${address.path}`;
    case 'tcp': return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'fd': return `fd://${address.fd}`;
  }
}
