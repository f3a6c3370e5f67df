// The ContainerEngine: each verb resolves what the user typed, takes the container's lock where it changes
// state, and calls the one operation file that does the work. Batch verbs report per item.
import { NotFoundError } from '../../errors/index.js';
import type { Readable } from 'node:stream';
import type {
  AttachControls, AttachStreams, BatchItemReport, ContainerArchivePutOptions, ContainerAttachReport, ContainerChange, ContainerCopyOptions,
  ContainerExecOptions, ContainerPathStat, ContainerStatsSample, ContainerTopReport, CopyLocation, ExecCreateOptions, ExecCreateReport, ExecInspect,
  ExecStartOptions, ExecStartReport, TerminalSize, ContainerCreateOptions, ContainerEngine, ContainerListOptions, ContainerPruneReport,
  ContainerRemoveOptions, ContainerRunOptions, ContainerStopOptions, ContainerWaitReport, FilterList, LogOptions, WaitOptions, AttachOptions,
} from '../engine.js';
import type { ContainerSettings } from './container-config.js';
import { attachesJustAfterStart, exitNotProcessed, endedMeanwhile, replayRun } from './attach-after-exit.js';
import { attachRecord, startAttached } from './container-attach.js';
import { cleanupLocked } from './container-cleanup.js';
import { containerChanges } from './container-changes.js';
import { execCreate, execInspect, execResize, execStart } from './container-exec.js';
import { topContainer } from './container-top.js';
import { statsContainer } from './container-stats.js';
import { createContainer } from './container-create.js';
import type { ContainerDeps } from './container-deps.js';
import { emitContainerEvent } from './container-events.js';
import { parseContainerNameForRename } from './container-name.js';
import { containerLogs, inspectOne, listContainers, observe } from './container-query.js';
import type { ContainerRecord } from './container-record.js';
import { removeLocked } from './container-remove.js';
import { runContainer } from './container-run.js';
import { startLocked } from './container-start.js';
import { killContainer, stopLocked } from './container-stop.js';
import { waitFor } from './container-wait.js';
import { PendingAttaches } from './pending-attach.js';

/** cp and the archive verbs bring tar-stream along: loaded when one of them runs, not for every command. */
const copyOps = () => import('./container-copy.js');

export class LocalContainerEngine implements ContainerEngine {
  private readonly pending = new PendingAttaches();

  constructor(private readonly deps: ContainerDeps) {}

  create(image: string, settings: ContainerSettings, options?: ContainerCreateOptions) {
    return createContainer(this.deps, image, settings, options);
  }

  run(image: string, settings: ContainerSettings, options?: ContainerRunOptions) {
    return runContainer(this.deps, image, settings, options);
  }

  start(names: string[]): Promise<BatchItemReport[]> {
    return this.each(names, async (r) => {
      const id = r.config.id;
      await this.locked(r, async (cur) => {
        try {
          await startLocked(this.deps, cur, { beforeStart: () => this.pending.connectAll(id) });
        } catch (err) {
          // As Docker: an --rm container whose start failed is removed (`docker run --rm` waits for that).
          if (cur.config.autoRemove) await removeLocked(this.deps, cur, { force: true, volumes: true }).catch(() => undefined);
          throw err;
        }
      });
    });
  }

  /**
   * As Docker's daemon: a running container streams until it exits; a created or exited one is attached when a
   * start of this engine starts it next (`docker start -a` attaches first); one that ended a moment ago, its
   * exit not processed yet, ends the attachment at once (after replaying that run's output).
   */
  async attach(name: string, streams: AttachStreams & AttachControls, options: AttachOptions = {}): Promise<ContainerAttachReport> {
    const stored = await this.deps.store.resolve(name);
    const record = observe(this.deps, stored);
    const id = record.config.id;
    const signal = streams.signal ?? options.signal;
    const withSignal = { ...streams, ...(signal ? { signal } : {}) };
    await emitContainerEvent(this.deps.events, record, 'attach');
    if (attachesJustAfterStart(record, streams, this.deps.now())) {
      options.onReady?.();
      return replayRun(this.deps, record, streams, { follow: true, ...(signal ? { signal } : {}) });
    }
    if (record.state.status === 'running') {
      return attachRecord(this.deps, record, withSignal, options.onReady).catch(async (err: unknown) => {
        if (!(await endedMeanwhile(this.deps, record, err))) throw err;
        options.onReady?.();
        return replayRun(this.deps, record, streams);
      });
    }
    if (exitNotProcessed(stored, record)) {
      options.onReady?.();
      return replayRun(this.deps, record, streams);
    }
    return new Promise<ContainerAttachReport>((resolve, reject) => {
      const withdraw = this.pending.add(id, () => new Promise<void>((connected, failed) => {
        void this.deps.store.read(id).then((current) => {
          const done = attachRecord(this.deps, current ?? record, withSignal, connected);
          done.then(resolve, reject);
          done.catch(failed);
        }, failed);
      }));
      signal?.addEventListener('abort', () => { withdraw(); resolve({ detached: true }); }, { once: true });
      options.onReady?.();
    });
  }

  startAttached(name: string, streams: AttachStreams & AttachControls): Promise<ContainerAttachReport> {
    return startAttached(this.deps, name, streams);
  }

  async resize(name: string, size: TerminalSize): Promise<void> {
    const record = await this.deps.store.resolve(name);
    await this.deps.runtime.resize(this.deps.store.paths(record.config.id).bundle, size);
  }

  execCreate(name: string, options: ExecCreateOptions): Promise<ExecCreateReport> {
    return execCreate(this.deps, name, options);
  }

  execStart(execId: string, options?: ExecStartOptions): Promise<ExecStartReport> {
    return execStart(this.deps, execId, options);
  }

  execInspect(execId: string): Promise<ExecInspect> {
    return execInspect(this.deps, execId);
  }

  execResize(execId: string, size: TerminalSize): Promise<void> {
    return execResize(this.deps, execId, size);
  }

  async exec(name: string, options: ContainerExecOptions): Promise<ExecStartReport> {
    const { attach, terminalSize, ...create } = options;
    const { id } = await execCreate(this.deps, name, create);
    return execStart(this.deps, id, { ...(attach ? { attach } : {}), ...(terminalSize ? { terminalSize } : {}) });
  }

  top(name: string, descriptors?: string[]): Promise<ContainerTopReport> {
    return topContainer(this.deps, name, descriptors);
  }

  stats(name: string): Promise<ContainerStatsSample> {
    return statsContainer(this.deps, name);
  }

  stop(names: string[], options: ContainerStopOptions = {}): Promise<BatchItemReport[]> {
    return this.each(names, async (r) => {
      await this.locked(r, (cur) => stopLocked(this.deps, cur, options.timeout));
    }, options);
  }

  kill(names: string[], options: { signal?: string; all?: boolean } = {}): Promise<BatchItemReport[]> {
    return this.each(names, (r) => killContainer(this.deps, observe(this.deps, r), options.signal), options);
  }

  restart(names: string[], options: ContainerStopOptions = {}): Promise<BatchItemReport[]> {
    return this.each(names, async (r) => {
      await this.locked(r, async (cur) => {
        const stopped = await stopLocked(this.deps, cur, options.timeout);
        await startLocked(this.deps, stopped);
      });
    }, options);
  }

  remove(names: string[], options: ContainerRemoveOptions = {}): Promise<BatchItemReport[]> {
    return this.each(names, async (r) => {
      await this.locked(r, (cur) => removeLocked(this.deps, cur, options));
    }, options);
  }

  async wait(names: string[], options: WaitOptions = {}): Promise<ContainerWaitReport[]> {
    return Promise.all(names.map((n) => waitFor(this.deps, n, options.conditions ?? [], options.signal, options.onWaiting)
      .catch((error: Error) => ({ input: n, error }))));
  }

  list(options?: ContainerListOptions) {
    return listContainers(this.deps, options);
  }

  inspect(name: string) {
    return inspectOne(this.deps, name);
  }

  logs(name: string, options?: LogOptions) {
    return containerLogs(this.deps, name, options);
  }

  async rename(name: string, newName: string): Promise<void> {
    const record = await this.deps.store.resolve(name);
    await this.deps.store.rename(record.config.id, parseContainerNameForRename(newName));
    const renamed = await this.deps.store.read(record.config.id);
    if (renamed) await emitContainerEvent(this.deps.events, renamed, 'rename', { oldName: `/${record.config.name}` });
  }

  async prune(options: { filters?: FilterList } = {}): Promise<ContainerPruneReport> {
    const stopped = await listContainers(this.deps, { all: true, filters: [...(options.filters ?? [])] });
    const report: ContainerPruneReport = { deleted: [], spaceReclaimed: 0, errors: [] };
    for (const c of stopped.filter((s) => s.status !== 'running')) {
      const [r] = await this.remove([c.id], { volumes: false });
      if (r?.error) report.errors.push({ id: c.id, error: r.error });
      else report.deleted.push(c.id);
    }
    return report;
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.deps.store.resolve(name);
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  async cleanup(name: string): Promise<void> {
    const record = await this.deps.store.resolve(name);
    await this.locked(record, (cur) => cleanupLocked(this.deps, cur, (r) => removeLocked(this.deps, r, { volumes: true })));
  }

  async statPath(name: string, path: string): Promise<ContainerPathStat> {
    const { publicStat, statPath } = await copyOps();
    return publicStat(await statPath(this.deps, name, path));
  }

  async archiveGet(name: string, path: string): Promise<{ stat: ContainerPathStat; stream: Readable }> {
    const { archiveGet, publicStat } = await copyOps();
    const { stat, stream } = await archiveGet(this.deps, name, path);
    return { stat: publicStat(stat), stream };
  }

  async archivePut(name: string, path: string, tar: Readable, options: ContainerArchivePutOptions = {}): Promise<void> {
    return (await copyOps()).archivePut(this.deps, name, path, tar, options);
  }

  async copy(from: CopyLocation, to: CopyLocation, options?: ContainerCopyOptions): Promise<void> {
    return (await copyOps()).copy(this.deps, from, to, options);
  }

  changes(name: string): Promise<ContainerChange[]> {
    return containerChanges(this.deps, name);
  }

  async usingImage(imageId: string): Promise<string[]> {
    const bare = imageId.replace(/^sha256:/, '');
    return (await this.deps.store.list()).filter((r) => r.config.image.id === bare).map((r) => r.config.id);
  }

  /** Re-reads the record under the lock: what another process did meanwhile counts. */
  private async locked<T>(record: ContainerRecord, fn: (current: ContainerRecord) => Promise<T>): Promise<T> {
    const id = record.config.id;
    return this.deps.store.withLock(id, async () => {
      const current = await this.deps.store.read(id);
      if (!current) throw new NotFoundError(`no such container: ${record.config.name}`);
      return fn(current);
    });
  }

  private async each(
    names: string[],
    fn: (record: ContainerRecord) => Promise<void>,
    options: { all?: boolean; ignoreMissing?: boolean } = {},
  ): Promise<BatchItemReport[]> {
    const inputs = options.all ? (await this.deps.store.list()).map((r) => r.config.id) : names;
    return Promise.all(inputs.map(async (input): Promise<BatchItemReport> => {
      try {
        const record = await this.deps.store.resolve(input);
        await fn(record);
        return { input, id: record.config.id };
      } catch (err) {
        if (options.ignoreMissing && err instanceof NotFoundError) return { input };
        return { input, error: err as Error };
      }
    }));
  }
}
