// What a container changed, read from its overlay upper dir against the image's layers: a whiteout device
// is a deletion, an entry the layers also have is a change, anything else an addition; an opaque directory
// deletes every lower entry it does not itself hold. fuse-overlayfs may write the OCI forms instead (a
// `.wh.<name>` file, a `.wh..wh..opq` file), so both are read.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isOverlayWhiteout, OPAQUE_MARKER, parseWhiteoutName } from './whiteout.js';

/** Docker's numbering (GET /containers/{id}/changes). */
export type ChangeKind = 0 | 1 | 2;
export const CHANGE_MODIFIED = 0;
export const CHANGE_ADDED = 1;
export const CHANGE_DELETED = 2;

export interface FsChange {
  /** Absolute inside the container. */
  path: string;
  kind: ChangeKind;
}

export interface ChangesOptions {
  upper: string;
  /** Layer diff dirs, topmost first. */
  lowersTopFirst: readonly string[];
  isOpaque(absDir: string): Promise<boolean>;
}

/** Whether the image (the lower layers merged) has `rel`. */
async function inLowers(lowers: readonly string[], rel: string): Promise<boolean> {
  for (const dir of lowers) {
    const st = await lstat(join(dir, rel)).catch(() => undefined);
    if (st) return !isOverlayWhiteout(st);
  }
  return false;
}

/** Names the merged lower layers show in directory `rel` (for the deletions an opaque dir implies). */
async function lowerNames(lowers: readonly string[], rel: string): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of lowers) {
    for (const name of await readdir(join(dir, rel)).catch(() => [] as string[])) names.add(name);
  }
  const visible: string[] = [];
  for (const name of names) if (await inLowers(lowers, `${rel}/${name}`)) visible.push(name);
  return visible;
}

export async function upperChanges(options: ChangesOptions): Promise<FsChange[]> {
  const out: FsChange[] = [];
  const walk = async (rel: string): Promise<void> => {
    const here = join(options.upper, rel);
    const names = (await readdir(here)).sort();
    for (const name of names) {
      const childRel = `${rel}/${name}`;
      const st = await lstat(join(here, name));
      const oci = parseWhiteoutName(name);
      if (oci) {
        // A `.wh.<name>` file deletes <name>; markers and fuse-overlayfs's own 0/0 devices are bookkeeping.
        if (oci.kind === 'file' && st.isFile()) out.push({ path: `${rel}/${oci.target}`, kind: CHANGE_DELETED });
        continue;
      }
      if (isOverlayWhiteout(st)) {
        out.push({ path: childRel, kind: CHANGE_DELETED });
        continue;
      }
      const existed = await inLowers(options.lowersTopFirst, childRel);
      out.push({ path: childRel, kind: existed ? CHANGE_MODIFIED : CHANGE_ADDED });
      if (!st.isDirectory()) continue;
      if (existed && (await isOpaqueDir(options, join(here, name)))) {
        const kept = new Set(await readdir(join(here, name)));
        for (const gone of await lowerNames(options.lowersTopFirst, childRel)) {
          if (!kept.has(gone)) out.push({ path: `${childRel}/${gone}`, kind: CHANGE_DELETED });
        }
      }
      await walk(childRel);
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function isOpaqueDir(options: ChangesOptions, dir: string): Promise<boolean> {
  if (await options.isOpaque(dir)) return true;
  return (await lstat(join(dir, OPAQUE_MARKER)).catch(() => undefined))?.isFile() === true;
}
