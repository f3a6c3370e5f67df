// The container records: read and listed without locks (ps, inspect), written under the container's own
// lock, and created or renamed under the names lock so that two creates never share a name.
import type { StoreLayout } from '../../config/paths.js';
import { ConflictError } from '../../errors/index.js';
import type { Locks } from '../../state/lock.js';
import { RecordStore } from '../../state/record-store.js';
import { newId } from '../../util/short-id.js';
import { resolveByIdOrName } from '../resolve.js';
import type { ContainerRecord } from './container-record.js';
import { containerExitFile, containerPaths, type ContainerPaths } from './container-paths.js';

const NAMES_LOCK = 'container-names';

export class ContainerStore {
  private readonly records: RecordStore<ContainerRecord>;

  constructor(
    readonly layout: StoreLayout,
    readonly locks: Locks,
  ) {
    this.records = new RecordStore<ContainerRecord>(layout.containers, { kind: 'subdir', file: 'record.json' });
  }

  paths(id: string): ContainerPaths {
    return containerPaths(this.layout, id);
  }

  /** The one path a listing needs per container, without building all of paths() (ps runs it per record). */
  exitFile(id: string): string {
    return containerExitFile(this.layout, id);
  }

  async list(): Promise<ContainerRecord[]> {
    return (await this.records.list()).map((e) => e.value);
  }

  read(id: string): Promise<ContainerRecord | undefined> {
    return this.records.read(id);
  }

  write(record: ContainerRecord): Promise<void> {
    return this.records.write(record.config.id, record);
  }

  /** Full id, unique id prefix, or name; NotFoundError("no such container: x") otherwise. */
  async resolve(input: string): Promise<ContainerRecord> {
    const all = await this.list();
    const byId = all.map((r) => ({ id: r.config.id, record: r }));
    return resolveByIdOrName(byId, input, 'container', (i) => i.record.config.name === input).record;
  }

  /**
   * A fresh id and a name nobody else has. `make` prepares the container's files and its record outside the
   * names lock (it gets the requested name, or "" for a generated one); under the lock only the name is
   * chosen and the record written, so parallel creates do not queue behind each other's preparation. When
   * the name turns out to be taken meanwhile, `discard` undoes what `make` did.
   */
  async createRecord(
    name: string | undefined,
    make: (id: string, name: string) => Promise<ContainerRecord>,
    discard: (record: ContainerRecord) => Promise<void> = async () => undefined,
  ): Promise<ContainerRecord> {
    if (name !== undefined) nameConflict(await this.list(), name);
    const prepared = await make(newId(), name ?? '');
    try {
      return await this.locks.withLock(NAMES_LOCK, async () => {
        const all = await this.list();
        if (name !== undefined) nameConflict(all, name);
        const chosen = name ?? generateName(new Set(all.map((r) => r.config.name)));
        const record: ContainerRecord = { ...prepared, config: { ...prepared.config, name: chosen } };
        await this.write(record);
        return record;
      });
    } catch (err) {
      await discard(prepared).catch(() => undefined);
      throw err;
    }
  }

  async rename(id: string, newName: string): Promise<void> {
    await this.locks.withLock(NAMES_LOCK, async () => {
      const all = await this.list();
      const owner = all.find((r) => r.config.name === newName);
      if (owner && owner.config.id !== id) throw new ConflictError(`the container name "${newName}" is already in use by ${owner.config.id}`);
      await this.update(id, (r) => ({ ...r, config: { ...r.config, name: newName } }));
    });
  }

  /** Runs fn holding the container's lock (start, stop, rm, cleanup: never two at once on one container). */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.withLock(`container-${id}`, fn);
  }

  /** Read-modify-write; the caller holds the container's lock (or the names lock for rename). */
  async update(id: string, change: (r: ContainerRecord) => ContainerRecord): Promise<ContainerRecord | undefined> {
    const current = await this.read(id);
    if (!current) return undefined;
    const next = change(current);
    await this.write(next);
    return next;
  }
}

function nameConflict(all: readonly ContainerRecord[], name: string): void {
  const owner = all.find((r) => r.config.name === name);
  if (owner === undefined) return;
  throw new ConflictError(
    `the container name "${name}" is already in use by ${owner.config.id}. You have to remove that container to be able to reuse that name: that name is already in use`,
  );
}

const ADJECTIVES = ['brave', 'calm', 'eager', 'fancy', 'gentle', 'happy', 'jolly', 'keen', 'lucid', 'merry', 'nice', 'proud', 'quiet', 'sharp', 'tender', 'vivid', 'witty', 'zen'];
const NOUNS = ['babbage', 'curie', 'darwin', 'euler', 'fermi', 'galois', 'hopper', 'jepsen', 'knuth', 'lovelace', 'meitner', 'noether', 'pascal', 'ritchie', 'shannon', 'turing', 'wozniak', 'yalow'];

/** Docker-style adjective_surname names, with a numeric suffix on the rare collision. */
export function generateName(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  const pick = (xs: readonly string[]) => xs[Math.floor(random() * xs.length)]!;
  for (let i = 0; ; i++) {
    const base = `${pick(ADJECTIVES)}_${pick(NOUNS)}`;
    const name = i < 10 ? base : `${base}${i}`;
    if (!taken.has(name)) return name;
  }
}
