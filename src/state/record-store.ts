// JSON records on disk: written atomically (temp, fsync, rename), read and listed without locks. A record that
// vanishes or is replaced while a reader lists the directory is skipped or read whole, never torn.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { atomicWriteJson } from '../util/atomic-write.js';
import { InternalError, isSystemError } from '../errors/index.js';

/** Reads one JSON record; undefined when it does not exist. */
export async function readRecord<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isSystemError(err, 'ENOENT') || isSystemError(err, 'ENOTDIR')) return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InternalError(`corrupt record ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Replaces (or creates) a record atomically, creating its directory. */
export async function writeRecord(path: string, value: unknown, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await atomicWriteJson(path, value, mode);
}

/** Deletes a record; false when it was already gone. */
export async function removeRecord(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (err) {
    if (isSystemError(err, 'ENOENT')) return false;
    throw err;
  }
}

export interface RecordEntry<T> {
  name: string;
  path: string;
  value: T;
}

export interface RecordStoreLayout {
  /** `<dir>/<name>.json` (images, networks) or `<dir>/<name>/<file>` (containers/<id>/record.json). */
  kind: 'file' | 'subdir';
  /** For 'subdir': the record's file name inside each subdirectory. */
  file?: string;
}

/** A directory of records of one type. Names are validated by the caller before they become paths. */
export class RecordStore<T> {
  constructor(
    readonly dir: string,
    private readonly layout: RecordStoreLayout = { kind: 'file' },
  ) {}

  pathOf(name: string): string {
    return this.layout.kind === 'file'
      ? join(this.dir, `${name}.json`)
      : join(this.dir, name, this.layout.file ?? 'record.json');
  }

  read(name: string): Promise<T | undefined> {
    return readRecord<T>(this.pathOf(name));
  }

  write(name: string, value: T): Promise<void> {
    return writeRecord(this.pathOf(name), value);
  }

  remove(name: string): Promise<boolean> {
    return removeRecord(this.pathOf(name));
  }

  /** Every readable record, sorted by name. Records removed mid-listing are skipped; corrupt ones are
   *  reported through onCorrupt (default: skipped) so that one bad file does not hide all the others. */
  async list(onCorrupt?: (path: string, err: Error) => void): Promise<Array<RecordEntry<T>>> {
    // Read concurrently (a create lists every container under the names lock; ps lists them all), kept in
    // name order.
    const read = await Promise.all((await this.names()).map(async (name): Promise<RecordEntry<T> | undefined> => {
      const path = this.pathOf(name);
      try {
        const value = await readRecord<T>(path);
        return value === undefined ? undefined : { name, path, value };
      } catch (err) {
        if (!(err instanceof InternalError)) throw err;
        onCorrupt?.(path, err);
        return undefined;
      }
    }));
    return read.filter((e): e is RecordEntry<T> => e !== undefined);
  }

  /** Record names present now (temp files and hidden entries excluded). */
  async names(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) return [];
      throw err;
    }
    const names = entries
      .filter((e) => !e.name.startsWith('.'))
      .filter((e) => (this.layout.kind === 'file' ? e.isFile() && e.name.endsWith('.json') : e.isDirectory()))
      .map((e) => (this.layout.kind === 'file' ? e.name.slice(0, -'.json'.length) : e.name));
    return names.sort();
  }
}
