// Image records (`images/<id>.json`) and the names that point at them. A name belongs to one image at a
// time: tagging moves it, and an image left without names is dangling. Readers take no lock; writers
// serialise through the injected `images` lock so that two tags or pulls never lose a name.
import { readdir, readFile, unlink, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteJson } from '../util/atomic-write.js';

export interface LayerRef {
  chainId: string;
  diffId: string;
  /** Digest of the blob as stored (compressed or not), kept for push and save. */
  digest: string;
  mediaType: string;
  /** Size of the stored blob. */
  size: number;
}

export interface ImageRecord {
  /** Hex of the config digest: the image id, as Docker and Podman compute it. */
  id: string;
  names: string[];
  repoDigests: string[];
  manifest: { digest: string; mediaType: string };
  configDigest: string;
  layers: LayerRef[];
  created: string;
  /** Sum of the uncompressed layer sizes. */
  size: number;
  architecture: string;
  os: string;
  /** The config's labels, kept here so that listing never reads the configs. */
  labels?: Record<string, string>;
  lastTagTime: string;
}

export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export class ImageStore {
  constructor(
    private readonly dir: string,
    private readonly lock: LockFn,
  ) {}

  async list(): Promise<ImageRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const records = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.read(n.slice(0, -5))));
    return records.filter((r): r is ImageRecord => r !== undefined);
  }

  /** A record that vanishes or is half-visible while we read it reads as absent, never as an error. */
  async read(id: string): Promise<ImageRecord | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as ImageRecord;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || err instanceof SyntaxError) return undefined;
      throw err;
    }
  }

  /** Adds or refreshes a record and gives it `names`, taking those names away from any other image. */
  async put(record: ImageRecord, names: string[] = [], repoDigests: string[] = []): Promise<ImageRecord> {
    return this.lock('images', async () => {
      await mkdir(this.dir, { recursive: true });
      const existing = await this.read(record.id);
      const merged: ImageRecord = {
        ...record,
        names: unique([...(existing?.names ?? []), ...names]),
        repoDigests: unique([...(existing?.repoDigests ?? []), ...repoDigests]),
        lastTagTime: names.length > 0 ? new Date().toISOString() : (existing?.lastTagTime ?? record.lastTagTime),
      };
      await this.takeNames(record.id, names);
      await atomicWriteJson(join(this.dir, `${record.id}.json`), merged);
      return merged;
    });
  }

  async addNames(id: string, names: string[]): Promise<void> {
    await this.update(id, (r) => ({ ...r, names: unique([...r.names, ...names]), lastTagTime: new Date().toISOString() }), names);
  }

  async removeNames(id: string, names: string[]): Promise<void> {
    await this.update(id, (r) => ({ ...r, names: r.names.filter((n) => !names.includes(n)) }));
  }

  async delete(id: string): Promise<void> {
    await this.lock('images', async () => {
      await unlink(join(this.dir, `${id}.json`)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    });
  }

  private async update(id: string, change: (r: ImageRecord) => ImageRecord, taking: string[] = []): Promise<void> {
    await this.lock('images', async () => {
      const current = await this.read(id);
      if (!current) return;
      await this.takeNames(id, taking);
      await atomicWriteJson(join(this.dir, `${id}.json`), change(current));
    });
  }

  /** Caller holds the images lock. */
  private async takeNames(ownerId: string, names: string[]): Promise<void> {
    if (names.length === 0) return;
    for (const other of await this.list()) {
      if (other.id === ownerId || !other.names.some((n) => names.includes(n))) continue;
      const kept = other.names.filter((n) => !names.includes(n));
      await atomicWriteJson(join(this.dir, `${other.id}.json`), { ...other, names: kept });
    }
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
