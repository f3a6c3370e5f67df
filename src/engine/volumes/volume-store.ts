// Local volumes: volumes/<name>/_data (what containers mount) and volumes/<name>/volume.json. A volume
// appears whole: its record is written after _data exists, and readers skip directories without one.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, InvalidArgumentError } from '../../errors/index.js';
import type { Locks } from '../../state/lock.js';
import { RecordStore } from '../../state/record-store.js';
import { newId } from '../../util/short-id.js';

export interface VolumeRecord {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** RFC 3339. */
  created: string;
  anonymous: boolean;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function checkVolumeName(name: string): string {
  if (!NAME.test(name) || name.length > 255) {
    throw new InvalidArgumentError(`invalid volume name "${name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`);
  }
  return name;
}

export class VolumeStore {
  private readonly records: RecordStore<VolumeRecord>;

  constructor(
    readonly dir: string,
    private readonly locks: Locks,
  ) {
    this.records = new RecordStore<VolumeRecord>(dir, { kind: 'subdir', file: 'volume.json' });
  }

  dataPath(name: string): string {
    return join(this.dir, name, '_data');
  }

  read(name: string): Promise<VolumeRecord | undefined> {
    return this.records.read(checkVolumeName(name));
  }

  async list(): Promise<VolumeRecord[]> {
    return (await this.records.list()).map((e) => e.value);
  }

  /** Creates a volume; an existing name is a conflict unless `ignoreExisting`, which returns it as it is. */
  async create(
    name: string | undefined,
    fields: { labels?: Record<string, string>; options?: Record<string, string>; driver?: string; ignoreExisting?: boolean } = {},
  ): Promise<VolumeRecord> {
    const anonymous = name === undefined;
    const volumeName = checkVolumeName(name ?? newId());
    if (fields.driver !== undefined && fields.driver !== 'local') {
      throw new InvalidArgumentError(`volume driver "${fields.driver}" is not supported: only "local"`);
    }
    return this.locks.withLock(`volume-${volumeName}`.slice(0, 128), async () => {
      const existing = await this.records.read(volumeName);
      if (existing) {
        if (fields.ignoreExisting) return existing;
        throw new ConflictError(`volume with name ${volumeName} already exists: volume already exists`);
      }
      await mkdir(this.dataPath(volumeName), { recursive: true, mode: 0o755 });
      const record: VolumeRecord = {
        name: volumeName, driver: 'local', labels: fields.labels ?? {}, options: fields.options ?? {},
        created: new Date().toISOString(), anonymous,
      };
      await this.records.write(volumeName, record);
      return record;
    });
  }

  /** Forgets the record; the caller removes the directory's contents (they may belong to subordinate ids). */
  async forget(name: string): Promise<void> {
    await this.records.remove(checkVolumeName(name));
  }

  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.withLock(`volume-${name}`.slice(0, 128), fn);
  }
}
