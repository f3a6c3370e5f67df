// The real NetworkAttacher: slirp4netns per container (the default), user-defined networks through the
// shared namespace, none/host/container:<id>, and published ports. Helpers get the read end of a pipe whose
// write end only conmon keeps, so they end with the container and never outlive it.
import { closeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { ConflictError, InvalidArgumentError } from '../../errors/index.js';
import { networkInterfaces } from 'node:os';
import { hostAddressForContainers, SLIRP_CONTAINER_IP } from '../../network/hosts.js';
import { startPortForwarder } from '../../network/port-forward.js';
import { addHostForward, startSlirp4netns } from '../../network/slirp4netns.js';
import type { ProcessTable } from '../../sys/process-table.js';
import type { Sys } from '../../sys/sys.js';
import type { NetworkAttacher, NetworkSetup } from '../containers/container-deps.js';
import { isAlive } from '../containers/container-liveness.js';
import type { ContainerRecord, NetworkRuntime, ProcessRef, PublishedPort } from '../containers/container-record.js';
import type { ContainerStore } from '../containers/container-store.js';
import { etcFiles } from '../containers/etc-files.js';
import { joinNetworks, leaveNetworks, type NetworkJoinDeps } from './network-join.js';
import { requestedMappings, resolvePorts } from './published-ports.js';

export interface AttacherDeps extends NetworkJoinDeps {
  sys: Pick<Sys, 'spawn' | 'run' | 'pipe'>;
  namespace(): Promise<number | undefined>;
  processes: ProcessTable;
  containers: ContainerStore;
  portForwarder: string;
  /** Where slirp4netns API sockets go (UDP forwards). */
  socketDir: string;
  /** The host's interfaces (os.networkInterfaces), for host.containers.internal. */
  hostInterfaces?: () => ReturnType<typeof networkInterfaces>;
}

function closeFd(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    closeSync(fd);
  } catch { /* closed already */ }
}

function ref(processes: ProcessTable, pid: number): ProcessRef {
  return { pid, startTime: processes.startTime(pid) ?? '' };
}

function kill(helpers: ProcessRef[], processes: ProcessTable): void {
  for (const h of helpers) {
    if (!isAlive(h, processes)) continue;
    try {
      process.kill(h.pid, 'SIGTERM');
    } catch { /* gone */ }
  }
}

async function containerNetns(deps: AttacherDeps, record: ContainerRecord, target: string): Promise<{ path: string; ip?: string }> {
  const other = await deps.containers.resolve(target);
  const pid = other.state.process?.pid;
  if (other.state.status !== 'running' || pid === undefined || !isAlive(other.state.process, deps.processes)) {
    throw new ConflictError(`cannot join the network of container ${other.config.name}: it is not running`);
  }
  if (other.config.id === record.config.id) throw new InvalidArgumentError('a container cannot join its own network namespace');
  const ip = other.state.network?.slirpIp ?? Object.values(other.state.network?.endpoints ?? {})[0]?.ip;
  return { path: `/proc/${pid}/ns/net`, ...(ip !== undefined ? { ip } : {}) };
}

export function networkAttacher(deps: AttacherDeps): NetworkAttacher {
  return {
    async prepare(record): Promise<NetworkSetup> {
      const mode = record.config.network;
      const hostIp = (allowLoopback = false) => hostAddressForContainers((deps.hostInterfaces ?? networkInterfaces)(), allowLoopback);
      const empty: NetworkRuntime = { helpers: [], ports: [], endpoints: {} };
      const idle = (etc: NetworkSetup['etc'], joinNetns?: string): NetworkSetup => ({
        etc, conmonFds: [], ...(joinNetns !== undefined ? { joinNetns } : {}), attach: async () => empty, abort: async () => {},
      });
      if (mode.mode === 'none' || mode.mode === 'host') return idle(await etcFiles(record, { slirpDns: false }));
      if (mode.mode === 'container') {
        const target = await containerNetns(deps, record, mode.container);
        return idle(await etcFiles(record, { ...(target.ip ? { ip: target.ip } : {}), slirpDns: true, hostGatewayIp: hostIp() }), target.path);
      }
      const ports = await resolvePorts(requestedMappings(record));
      const joined = mode.mode === 'network' ? await joinNetworks(deps, record) : undefined;
      let etc: NetworkSetup['etc'];
      try {
        etc = joined
          ? await etcFiles(record, {
            ...(joined.first ? { ip: joined.first.ip, aliases: joined.first.aliases } : {}), slirpDns: joined.uplink,
            ...(joined.hostGateway !== undefined ? { hostGatewayIp: joined.hostGateway } : joined.uplink ? { hostGatewayIp: hostIp() } : {}),
            peerSections: joined.peerSections,
          })
          : await etcFiles(record, {
            ip: SLIRP_CONTAINER_IP, slirpDns: true,
            hostGatewayIp: hostIp(mode.mode === 'slirp4netns' && slirpOptions(mode.options).allowHostLoopback === true),
          });
      } catch (err) {
        if (joined) await leaveNetworks(deps, record, Object.keys(joined.endpoints));
        throw err;
      }
      const needsPipe = mode.mode === 'slirp4netns' || ports.length > 0;
      let [readEnd, writeEnd] = needsPipe ? deps.sys.pipe() : [undefined, undefined];
      let attached = false;
      return {
        etc,
        conmonFds: writeEnd !== undefined ? [writeEnd] : [],
        attach: async (pid) => {
          closeFd(writeEnd);
          writeEnd = undefined;
          const helpers: ProcessRef[] = [];
          const netnsPath = `/proc/${pid}/ns/net`;
          try {
            const join = await deps.namespace();
            const runtime: NetworkRuntime = { helpers, ports, endpoints: joined?.endpoints ?? {} };
            if (joined) await joined.connect(netnsPath);
            if (mode.mode === 'slirp4netns') {
              const udp = ports.filter((p) => p.protocol === 'udp');
              const apiSocket = udp.length > 0 ? `${deps.socketDir}/${record.config.id.slice(0, 12)}.slirp` : undefined;
              if (apiSocket !== undefined) await mkdir(deps.socketDir, { recursive: true, mode: 0o700 });
              const slirp = await startSlirp4netns(deps.sys, {
                netnsPath, exitFd: readEnd!, ...slirpOptions(mode.options), ...(join !== undefined ? { join } : {}),
                ...(apiSocket !== undefined ? { apiSocket } : {}),
              });
              helpers.push(ref(deps.processes, slirp.pid));
              runtime.slirpIp = SLIRP_CONTAINER_IP;
              for (const p of udp) await addHostForward(apiSocket!, { proto: 'udp', hostAddr: p.hostIp || '0.0.0.0', hostPort: p.hostPort, guestPort: p.containerPort });
            }
            // TCP always, and UDP on a bridge (slirp4netns forwards UDP itself), through tsmoby-portfwd.
            const forwarded = ports.filter((p) => p.protocol === 'tcp' || (p.protocol === 'udp' && mode.mode !== 'slirp4netns'));
            if (forwarded.length > 0) helpers.push(ref(deps.processes, (await startForwarder(deps, netnsPath, forwarded, readEnd!, join)).pid));
            attached = true;
            return runtime;
          } catch (err) {
            kill(helpers, deps.processes);
            throw err;
          } finally {
            closeFd(readEnd);
            readEnd = undefined;
          }
        },
        abort: async () => {
          closeFd(writeEnd);
          closeFd(readEnd);
          writeEnd = readEnd = undefined;
          if (joined && !attached) await leaveNetworks(deps, record, Object.keys(joined.endpoints));
        },
      };
    },
    async detach(record, runtime) {
      kill(runtime.helpers, deps.processes);
      const names = Object.keys(runtime.endpoints);
      if (names.length > 0) await leaveNetworks(deps, record, names);
    },
  };
}

function startForwarder(deps: AttacherDeps, netnsPath: string, ports: PublishedPort[], exitFd: number, join: number | undefined) {
  return startPortForwarder(deps.sys, {
    binary: deps.portForwarder, netnsPath, exitFd, ...(join !== undefined ? { join } : {}),
    ports: ports.map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol === 'udp' ? 'udp' as const : 'tcp' as const })),
  });
}

/** `--network slirp4netns:allow_host_loopback=true,mtu=1500,cidr=...,enable_ipv6=true`. */
function slirpOptions(options: string[]): { allowHostLoopback?: boolean; mtu?: number; cidr?: string; enableIpv6?: boolean } {
  const out: { allowHostLoopback?: boolean; mtu?: number; cidr?: string; enableIpv6?: boolean } = {};
  for (const opt of options) {
    const [key, value = ''] = opt.split('=', 2) as [string, string?];
    if (key === 'allow_host_loopback') out.allowHostLoopback = value === 'true';
    else if (key === 'mtu') out.mtu = Number(value);
    else if (key === 'cidr') out.cidr = value;
    else if (key === 'enable_ipv6') out.enableIpv6 = value === 'true';
    else if (key !== 'port_handler' && key !== 'outbound_addr') throw new InvalidArgumentError(`unknown slirp4netns option "${opt}"`);
  }
  return out;
}
