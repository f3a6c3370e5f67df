// A read-only view of a rootfs made of extracted layer directories (top layer first), as overlay would show
// it: the topmost entry wins, whiteouts hide, an opaque directory hides what lies below it. Used by the
// fs helper to copy paths out of another stage or image (COPY --from) without mounting anything.
import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isOverlayWhiteout } from './whiteout.js';

export interface MergedEntry {
  /** Absolute path of the file in the layer that provides it. */
  abs: string;
  stats: Stats;
}

export class MergedTree {
  constructor(
    private readonly dirsTopFirst: readonly string[],
    private readonly isOpaque: (absPath: string) => boolean = () => false,
  ) {}

  /** The entry at `rel` ('' for the root), or undefined when no layer has it or a whiteout hides it. */
  async lookup(rel: string): Promise<MergedEntry | undefined> {
    for (const dir of this.dirsTopFirst) {
      const abs = rel === '' ? dir : join(dir, rel);
      const stats = await lstat(abs).catch(() => undefined);
      if (stats === undefined) {
        if (await this.hiddenBelow(dir, rel)) return undefined;
        continue;
      }
      return isOverlayWhiteout(stats) ? undefined : { abs, stats };
    }
    return undefined;
  }

  /** Names in directory `rel`, merged across layers, without whiteouts. */
  async list(rel: string): Promise<string[]> {
    const seen = new Set<string>();
    const hidden = new Set<string>();
    for (const dir of this.dirsTopFirst) {
      const abs = rel === '' ? dir : join(dir, rel);
      const stats = await lstat(abs).catch(() => undefined);
      if (stats === undefined) {
        if (await this.hiddenBelow(dir, rel)) break;
        continue;
      }
      if (!stats.isDirectory()) break;
      for (const name of await readdir(abs)) {
        if (seen.has(name) || hidden.has(name)) continue;
        const child = await lstat(join(abs, name));
        if (isOverlayWhiteout(child)) hidden.add(name);
        else seen.add(name);
      }
      if (this.isOpaque(abs)) break;
    }
    return [...seen].sort();
  }

  /** Whether a whiteout or an opaque directory in this layer hides `rel` for every layer below. */
  private async hiddenBelow(dir: string, rel: string): Promise<boolean> {
    const parts = rel.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const at = join(dir, ...parts.slice(0, i + 1));
      const stats = await lstat(at).catch(() => undefined);
      if (stats === undefined) return false;
      if (isOverlayWhiteout(stats)) return true;
      if (i < parts.length - 1 && stats.isDirectory() && this.isOpaque(at)) return true;
    }
    return false;
  }
}
