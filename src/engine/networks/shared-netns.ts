// The one network namespace per user (per store, as root) that holds a bridge per user-defined network,
// with slirp4netns on tap0 as its uplink. The namespace stays pinned (a netns file under the runroot);
// the uplink runs only while some container is attached, so nothing is left running for idle networks.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UnavailableError } from '../../errors/index.js';
import {
  chainArgv, iptablesArgv, IP_FORWARD_PATH, LIST_TABLE_ARGV, missingHostSetup, overlappingRoute, planHostBridgeRemoval, type IptablesRule,
} from '../../network/host-bridge.js';
import { startSlirp4netns } from '../../network/slirp4netns.js';
import { commandArgv, planBridge, planBridgeLink, planBridgeMacFix, planSharedNamespace, type BridgeNetwork, type NetnsCommand } from '../../network/rootless-netns.js';
import type { Locks } from '../../state/lock.js';
import type { ProcessTable } from '../../sys/process-table.js';
import type { FsOp, FsOpResult, Sys } from '../../sys/sys.js';
import { isAlive } from '../containers/container-liveness.js';
import type { ProcessRef } from '../containers/container-record.js';

export interface SharedNetnsDeps {
  sys: Pick<Sys, 'run' | 'spawn'>;
  /** The pause pid rootless (everything here runs joined to it), undefined as root. */
  namespace(): Promise<number | undefined>;
  fsOps(ops: FsOp[]): Promise<FsOpResult[]>;
  locks: Locks;
  /** Host-wide (root): guards the host bridge, which every store's default network shares. */
  hostLocks: Locks;
  processes: ProcessTable;
  /** <runroot>/netns */
  dir: string;
}

const LOCK = 'netns-shared';
const HOST_LOCK = 'host-bridge';

/** Where a network's bridge lives: the shared namespace, or (root's default network) the host's. */
export type BridgeHome = 'shared' | 'host';

export class SharedNetns {
  readonly path: string;
  private readonly uplinkFile: string;
  private readonly ownerFile: string;

  constructor(private readonly deps: SharedNetnsDeps) {
    this.path = join(deps.dir, 'shared');
    this.uplinkFile = join(deps.dir, 'uplink.json');
    this.ownerFile = join(deps.dir, 'shared.owner');
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.deps.locks.withLock(LOCK, fn);
  }

  /** Root only: held from making sure the host bridge exists until a veth is in it, and while removing it. */
  withHostLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.deps.hostLocks.withLock(HOST_LOCK, fn);
  }

  /**
   * Runs a plan; consecutive `ip` commands for one namespace go through one `ip -batch`. With `where`
   * 'host' the plan's bridge side is the host's namespace (root's default network) instead of the shared one.
   */
  async run(plan: NetnsCommand[], containerNetns?: string, where: BridgeHome = 'shared'): Promise<void> {
    const join = await this.deps.namespace();
    const paths = { ...(where === 'shared' ? { shared: this.path } : {}), ...(containerNetns !== undefined ? { container: containerNetns } : {}) };
    for (let i = 0; i < plan.length;) {
      const cmd = plan[i]!;
      let batch = [cmd];
      if (cmd.argv[0] === 'ip' && cmd.mayFail !== true) {
        while (i + batch.length < plan.length) {
          const next = plan[i + batch.length]!;
          if (next.netns !== cmd.netns || next.argv[0] !== 'ip' || next.mayFail === true) break;
          batch.push(next);
        }
      }
      i += batch.length;
      const argv = batch.length > 1 ? commandArgv({ netns: cmd.netns, argv: ['ip', '-batch', '-'] }, paths) : commandArgv(cmd, paths);
      const input = batch.length > 1 ? `${batch.map((c) => c.argv.slice(1).join(' ')).join('\n')}\n` : undefined;
      const r = await this.deps.sys.run({ argv, ...(join !== undefined ? { join } : {}), ...(input !== undefined ? { input } : {}) });
      if (r.exitCode !== 0 && cmd.mayFail !== true) {
        throw new UnavailableError(`network setup failed: ${batch.map((c) => c.argv.join(' ')).join('; ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
      }
      batch = [];
    }
  }

  /** Caller holds the lock. Creates the namespace when it is not there (first use, or a new pause process). */
  async ensureNamespace(): Promise<void> {
    const owner = String((await this.deps.namespace()) ?? 'root');
    if ((await readFile(this.ownerFile, 'utf8').catch(() => '')) === owner) return;
    await mkdir(this.deps.dir, { recursive: true, mode: 0o700 });
    await writeFile(this.path, '', { mode: 0o600 });
    const [result] = await this.deps.fsOps([{ op: 'netns', path: this.path }]);
    if (result === undefined || !result.ok) {
      throw new UnavailableError(`cannot create the shared network namespace: ${result && !result.ok ? `${result.syscall}: ${result.code}` : 'no result'}`);
    }
    await this.run(planSharedNamespace());
    await writeFile(this.ownerFile, owner);
  }

  /** Caller holds the lock. */
  async ensureBridge(net: BridgeNetwork): Promise<void> {
    const join = await this.deps.namespace();
    const probe = await this.deps.sys.run({
      argv: commandArgv({ netns: 'shared', argv: ['ip', 'link', 'show', net.bridge] }, { shared: this.path }),
      ...(join !== undefined ? { join } : {}),
    });
    if (probe.exitCode !== 0) await this.run(planBridge(net));
    else await this.run(planBridgeMacFix(net, probe.stdout));
  }

  /**
   * Caller holds the host lock; root only. The default network's bridge in the host's namespace, forwarding on,
   * and its NAT and FORWARD rules, each checked first so that it is there exactly once.
   */
  async ensureHostBridge(net: BridgeNetwork): Promise<void> {
    const [probe, filter, nat] = await Promise.all([
      this.deps.sys.run({ argv: ['ip', 'link', 'show', net.bridge] }),
      this.deps.sys.run({ argv: [...LIST_TABLE_ARGV.filter] }),
      this.deps.sys.run({ argv: [...LIST_TABLE_ARGV.nat] }),
    ]);
    if (probe.exitCode !== 0) {
      const clash = overlappingRoute(net, (await this.deps.sys.run({ argv: ['ip', '-4', '-o', 'route', 'show'] })).stdout);
      if (clash !== undefined) {
        throw new UnavailableError(`cannot create bridge ${net.bridge} for subnet ${net.subnet}: the host already routes it ("${clash}")`);
      }
    }
    await this.run(probe.exitCode !== 0 ? planBridgeLink(net) : planBridgeMacFix(net, probe.stdout), undefined, 'host');
    if ((await readFile(IP_FORWARD_PATH, 'utf8').catch(() => '')).trim() !== '1') {
      await writeFile(IP_FORWARD_PATH, '1\n').catch((err: unknown) => {
        throw new UnavailableError(`cannot enable IPv4 forwarding for network ${net.bridge}: ${(err as Error).message}`, { cause: err });
      });
    }
    // What the listings lack is checked once more and added; a listing that failed counts as lacking everything.
    const missing = missingHostSetup(net, { filter: filter.exitCode === 0 ? filter.stdout : '', nat: nat.exitCode === 0 ? nat.stdout : '' });
    for (const chain of missing.chains) {
      if ((await this.deps.sys.run({ argv: chainArgv(chain, '-S') })).exitCode !== 0) await this.hostIptables(chainArgv(chain, '-N'));
    }
    for (const rule of missing.rules) await this.ensureRule(rule, '-A');
    for (const rule of missing.jumps) await this.ensureRule(rule, '-I');
  }

  /**
   * Caller holds the host lock; root only. Takes the default network's bridge and tsmoby's own iptables chains
   * away, unless a container (of another store: the bridge is one per host) is still plugged into it.
   * Returns whether it did.
   */
  async removeHostBridge(net: BridgeNetwork): Promise<boolean> {
    const ports = await this.deps.sys.run({ argv: ['ip', '-o', 'link', 'show', 'master', net.bridge] });
    if (ports.exitCode === 0 && ports.stdout.trim() !== '') return false;
    await this.run(planHostBridgeRemoval(net), undefined, 'host');
    return true;
  }

  private async ensureRule(rule: IptablesRule, add: '-A' | '-I'): Promise<void> {
    if ((await this.deps.sys.run({ argv: iptablesArgv(rule, '-C') })).exitCode !== 0) await this.hostIptables(iptablesArgv(rule, add));
  }

  private async hostIptables(argv: string[]): Promise<void> {
    const r = await this.deps.sys.run({ argv });
    if (r.exitCode !== 0) throw new UnavailableError(`network setup failed: ${argv.join(' ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  }

  /** Caller holds the lock. Starts slirp4netns on the shared namespace unless it runs. */
  async ensureUplink(): Promise<void> {
    const current = await this.uplink();
    if (current !== undefined && isAlive(current, this.deps.processes)) return;
    const join = await this.deps.namespace();
    const slirp = await startSlirp4netns(this.deps.sys, { netnsPath: this.path, persistent: true, ...(join !== undefined ? { join } : {}) });
    const startTime = this.deps.processes.startTime(slirp.pid);
    await writeFile(this.uplinkFile, JSON.stringify({ pid: slirp.pid, startTime: startTime ?? '' }));
  }

  /** Caller holds the lock. Ends the uplink (no member is left on any network). */
  async stopUplink(): Promise<void> {
    const current = await this.uplink();
    if (current !== undefined && isAlive(current, this.deps.processes)) {
      try {
        process.kill(current.pid, 'SIGTERM');
      } catch { /* gone */ }
    }
    await writeFile(this.uplinkFile, '{}');
  }

  async uplink(): Promise<ProcessRef | undefined> {
    const text = await readFile(this.uplinkFile, 'utf8').catch(() => '');
    try {
      const ref = JSON.parse(text) as Partial<ProcessRef>;
      return typeof ref.pid === 'number' && typeof ref.startTime === 'string' ? { pid: ref.pid, startTime: ref.startTime } : undefined;
    } catch {
      return undefined;
    }
  }
}
