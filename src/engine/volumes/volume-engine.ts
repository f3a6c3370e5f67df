// `volume create/ls/inspect/rm/prune`: the VolumeEngine over the VolumeStore. A volume in use by a
// container is refused for removal unless forced, and force removes those containers first (as Podman).
import { ConflictError, NotFoundError } from '../../errors/index.js';
import type { FsOp, FsOpResult } from '../../sys/sys.js';
import type { BatchItemReport, FilterList, PruneReport, VolumeCreateOptions, VolumeEngine, VolumeInspect } from '../engine.js';
import { applyFilters, parseFilters } from '../filters/item-filters.js';
import type { VolumeRecord, VolumeStore } from './volume-store.js';

export interface VolumeEngineDeps {
  store: VolumeStore;
  /** Ids of the containers whose mounts name the volume. */
  containersUsing(name: string): Promise<string[]>;
  /** Removes containers (force), for `volume rm -f`. */
  removeContainers(ids: string[]): Promise<void>;
  /** Runs ops where the volume's files can be removed (joined to the user namespace rootless). */
  fsOps(ops: FsOp[]): Promise<FsOpResult[]>;
  /** Records volume create/destroy in the events journal. */
  events?: { emit(type: 'volume', action: string, id: string, attributes?: Record<string, string>): Promise<void> };
}

export function volumeInspect(r: VolumeRecord, mountpoint: string): VolumeInspect {
  return {
    Name: r.name, Driver: r.driver, Mountpoint: mountpoint, CreatedAt: r.created, Labels: r.labels,
    Scope: 'local', Options: r.options, Anonymous: r.anonymous,
  };
}

export class LocalVolumeEngine implements VolumeEngine {
  constructor(private readonly d: VolumeEngineDeps) {}

  async create(name: string | undefined, options: VolumeCreateOptions = {}): Promise<VolumeInspect> {
    const existed = name !== undefined && options.ignoreExisting === true && (await this.exists(name));
    const r = await this.d.store.create(name, options);
    if (!existed) await this.d.events?.emit('volume', 'create', r.name, { driver: r.driver }).catch(() => undefined);
    return volumeInspect(r, this.d.store.dataPath(r.name));
  }

  async list(options: { filters?: FilterList } = {}): Promise<VolumeInspect[]> {
    const all = (await this.d.store.list()).map((r) => volumeInspect(r, this.d.store.dataPath(r.name)));
    const filters = parseFilters(options.filters ?? [], ['name', 'label', 'label!', 'driver', 'dangling', 'until']);
    const used = filters.has('dangling') ? await this.usedNames(all) : new Set<string>();
    return applyFilters(all, filters, {
      names: (v) => [v.Name],
      labels: (v) => v.Labels,
      created: (v) => Date.parse(v.CreatedAt),
      dangling: (v) => !used.has(v.Name),
      custom: (v, key, value) => key === 'driver' && v.Driver === value,
    });
  }

  async inspect(name: string): Promise<VolumeInspect> {
    const r = await this.d.store.read(name);
    if (!r) throw new NotFoundError(`no such volume: ${name}`);
    return volumeInspect(r, this.d.store.dataPath(r.name));
  }

  async exists(name: string): Promise<boolean> {
    return (await this.d.store.read(name).catch(() => undefined)) !== undefined;
  }

  async remove(names: string[], options: { force?: boolean; all?: boolean } = {}): Promise<BatchItemReport[]> {
    const targets = options.all ? (await this.d.store.list()).map((r) => r.name) : names;
    const reports: BatchItemReport[] = [];
    for (const input of targets) {
      try {
        await this.removeOne(input, options.force === true);
        reports.push({ input, id: input });
      } catch (err) {
        reports.push({ input, error: err as Error });
      }
    }
    return reports;
  }

  async prune(options: { filters?: FilterList } = {}): Promise<PruneReport> {
    const unused = await this.list({ filters: [...(options.filters ?? []), 'dangling=true'] });
    const deleted: string[] = [];
    for (const v of unused) {
      try {
        await this.removeOne(v.Name, false);
        deleted.push(v.Name);
      } catch {
        // taken into use since the listing: keep it
      }
    }
    return { deleted, spaceReclaimed: 0 };
  }

  /** Removes one volume; also used by `rm -v` for anonymous volumes. */
  async removeOne(name: string, force: boolean): Promise<void> {
    const r = await this.d.store.read(name);
    if (!r) throw new NotFoundError(`no such volume: ${name}`);
    const users = await this.d.containersUsing(name);
    if (users.length > 0) {
      if (!force) {
        throw new ConflictError(`volume ${name} is being used by the following container(s): ${users.join(', ')}: volume is being used`);
      }
      await this.d.removeContainers(users);
    }
    await this.d.store.withLock(name, async () => {
      await this.d.store.forget(name);
      const dir = this.d.store.dataPath(name).replace(/\/_data$/, '');
      const [result] = await this.d.fsOps([{ op: 'removeAll', path: dir }]);
      if (result && !result.ok) throw new ConflictError(`cannot remove volume ${name}: ${result.code} on ${result.path ?? dir}`);
    });
    await this.d.events?.emit('volume', 'destroy', name, { driver: r.driver }).catch(() => undefined);
  }

  private async usedNames(all: VolumeInspect[]): Promise<Set<string>> {
    const used = new Set<string>();
    for (const v of all) if ((await this.d.containersUsing(v.Name)).length > 0) used.add(v.Name);
    return used;
  }
}
