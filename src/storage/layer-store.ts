// Extracted layers: <layers>/<chain-id-hex>/{diff/,meta.json}. A layer appears by one rename once complete and
// verified, under its lock; a half-extracted temp dir is never used and is swept later.
// Removal goes through the Sys (an FsOp removeAll run in the namespace): layer files belong to subordinate ids.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FsOp, FsOpResult, Sys } from '../sys/sys.js';
import type { Locks } from '../state/lock.js';
import { readRecord, writeRecord } from '../state/record-store.js';
import { InternalError, InvalidArgumentError, NotFoundError, isSystemError } from '../errors/index.js';
import { digestHex, nextChainId } from './chain-id.js';
import { shortLinkPath } from './overlay.js';

export interface LayerMeta {
  diffId: string;
  chainId: string;
  parentChainId?: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedDigest?: string;
}

/** What an extractor reports (applyLayer's result fits). The store runs `ops` in the namespace. */
export interface ExtractedLayer {
  diffId: string;
  size: number;
  ops: FsOp[];
}
export type LayerExtractor = (diffDir: string) => Promise<ExtractedLayer>;

export interface LayerStoreOptions {
  /** storeLayout(paths).layers */
  layersDir: string;
  locks: Locks;
  sys: Sys;
  /** The pid whose namespaces fsOps join (sys.ensureNamespace), undefined as root. Called only when needed. */
  namespace: () => Promise<number | undefined>;
}

export interface LayerCreateExtra {
  compressedDigest?: string;
  /** Extract at once, in parallel with the parent's extraction; the layer is stored only after this settles
   *  and the parent is then in the store (chain ids make each layer directory independent). */
  parentReady?: Promise<unknown>;
}

/** An ownership, mode or node operation in the namespace failed; `op` and `result` say which and why. */
export class LayerOpsError extends InternalError {
  constructor(
    readonly result: Extract<FsOpResult, { ok: false }> | undefined,
    readonly op: FsOp | undefined,
  ) {
    super(`preparing layer files failed: ${result ? `${result.syscall} ${result.path ?? ''}: ${result.code}` : 'not all operations ran'}`);
  }
}

const TMP = '.tmp-';
const DEL = '.del-';

export class LayerStore {
  constructor(private readonly o: LayerStoreOptions) {}

  layerDir(chainId: string): string {
    return join(this.o.layersDir, digestHex(chainId));
  }

  /** The overlay lowerdir of a layer. */
  diffPath(chainId: string): string {
    return join(this.layerDir(chainId), 'diff');
  }

  get(chainId: string): Promise<LayerMeta | undefined> {
    return readRecord<LayerMeta>(join(this.layerDir(chainId), 'meta.json'));
  }

  async has(chainId: string): Promise<boolean> {
    return (await this.get(chainId)) !== undefined;
  }

  /** Every complete layer; layers removed while listing are skipped. */
  async list(): Promise<LayerMeta[]> {
    const out: LayerMeta[] = [];
    for (const name of await this.entries()) {
      if (!/^[a-f0-9]{64}$/.test(name)) continue;
      const meta = await readRecord<LayerMeta>(join(this.o.layersDir, name, 'meta.json')).catch(() => undefined);
      if (meta) out.push(meta);
    }
    return out;
  }

  /**
   * Returns the layer, extracting it first if needed. The extractor writes into a temp dir; its diff id must
   * give `chainId` on top of `parentChainId`, or nothing is stored. Concurrent creates of one layer (in any
   * processes) all succeed and extract it once.
   */
  async create(
    chainId: string,
    parentChainId: string | undefined,
    extract: LayerExtractor,
    extra: LayerCreateExtra = {},
  ): Promise<LayerMeta> {
    const hex = digestHex(chainId);
    const existing = await this.get(chainId);
    if (existing) return existing;
    if (extra.parentReady === undefined) await this.checkParent(chainId, parentChainId);
    return this.o.locks.withLock(`layer-${hex}`, async () => {
      const again = await this.get(chainId);
      if (again) return again;
      await this.sweepTemps((name) => name.startsWith(`${TMP}${hex}-`));
      const tmp = join(this.o.layersDir, `${TMP}${hex}-${randomBytes(6).toString('hex')}`);
      await mkdir(tmp, { recursive: true, mode: 0o700 });
      try {
        const meta = await this.fill(tmp, chainId, parentChainId, extract, extra);
        if (extra.parentReady !== undefined) {
          await extra.parentReady;
          await this.checkParent(chainId, parentChainId);
        }
        await rename(tmp, join(this.o.layersDir, hex));
        return meta;
      } catch (err) {
        await this.removeTree(tmp).catch(() => undefined);
        throw err;
      }
    });
  }

  private async checkParent(chainId: string, parentChainId: string | undefined): Promise<void> {
    if (parentChainId !== undefined && !(await this.has(parentChainId))) {
      throw new NotFoundError(`parent layer ${parentChainId} of ${chainId} is not in the store`);
    }
  }

  private async fill(
    tmp: string,
    chainId: string,
    parentChainId: string | undefined,
    extract: LayerExtractor,
    extra: LayerCreateExtra,
  ): Promise<LayerMeta> {
    const result = await extract(join(tmp, 'diff'));
    const got = nextChainId(parentChainId, result.diffId);
    if (got !== chainId) {
      throw new InvalidArgumentError(
        `layer content does not match: expected chain id ${chainId}, got ${got} (diff id ${result.diffId})`,
      );
    }
    await this.runOps(result.ops);
    const meta: LayerMeta = { diffId: result.diffId, chainId, size: result.size };
    if (parentChainId !== undefined) meta.parentChainId = parentChainId;
    if (extra.compressedDigest !== undefined) meta.compressedDigest = extra.compressedDigest;
    await writeRecord(join(tmp, 'meta.json'), meta);
    return meta;
  }

  /** Removes a layer; false when it was not there. It disappears at once (rename), its files are then removed
   *  in the namespace. The caller makes sure no image or container still uses it. */
  async remove(chainId: string): Promise<boolean> {
    const hex = digestHex(chainId);
    return this.o.locks.withLock(`layer-${hex}`, async () => {
      const doomed = join(this.o.layersDir, `${DEL}${hex}-${randomBytes(6).toString('hex')}`);
      try {
        await rename(join(this.o.layersDir, hex), doomed);
      } catch (err) {
        if (isSystemError(err, 'ENOENT')) return false;
        throw err;
      }
      await rm(shortLinkPath(this.o.layersDir, hex), { force: true });
      await this.removeTree(doomed);
      return true;
    });
  }

  /** Discards what crashed creates and removes left behind; a temp dir whose create is still running (its
   *  layer lock is held) is left alone. Returns how many were removed. */
  async sweep(): Promise<number> {
    return this.sweepTemps(() => true, true);
  }

  private async sweepTemps(match: (name: string) => boolean, checkLocks = false): Promise<number> {
    let n = 0;
    for (const name of await this.entries()) {
      if (!(name.startsWith(TMP) || name.startsWith(DEL)) || !match(name)) continue;
      const hex = name.slice(TMP.length, TMP.length + 64);
      const release = checkLocks && name.startsWith(TMP) ? await this.o.locks.tryLock(`layer-${hex}`) : undefined;
      if (checkLocks && name.startsWith(TMP) && !release) continue;
      try {
        await this.removeTree(join(this.o.layersDir, name));
        n++;
      } finally {
        await release?.();
      }
    }
    return n;
  }

  private async entries(): Promise<string[]> {
    try {
      return await readdir(this.o.layersDir);
    } catch (err) {
      if (isSystemError(err, 'ENOENT')) return [];
      throw err;
    }
  }

  private async removeTree(path: string): Promise<void> {
    await this.runOps([{ op: 'removeAll', path }]);
  }

  private async runOps(ops: FsOp[]): Promise<void> {
    if (ops.length === 0) return;
    const join = await this.o.namespace();
    const results = await this.o.sys.fsOps(ops, { join });
    const failed = results.findIndex((r) => !r.ok);
    if (failed >= 0 || results.length < ops.length) {
      const r = results[failed] as Extract<FsOpResult, { ok: false }> | undefined;
      throw new LayerOpsError(r, failed >= 0 ? ops[failed] : undefined);
    }
  }
}
