// The build context on disk: listing it under .dockerignore, digesting file contents, sniffing archives, and
// hashing what a COPY/ADD selected. The only module of the build front half that reads the filesystem.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DockerIgnore } from './dockerignore.js';
import { hashFileEntries, type HashedFileEntry } from './cache-key.js';
import { detectArchiveKind, type ArchiveKind, type ContextEntry, type CopyItem } from './copy-plan.js';

/** Lists the context (sorted by path), leaving out what .dockerignore excludes. */
export async function walkContext(contextDir: string, ignore?: DockerIgnore): Promise<ContextEntry[]> {
  const out: ContextEntry[] = [];
  await walkDir(contextDir, '', ignore, out);
  return out;
}

async function walkDir(root: string, rel: string, ignore: DockerIgnore | undefined, out: ContextEntry[]): Promise<boolean> {
  const names = (await readdir(join(root, rel))).sort();
  let any = false;
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const st = await lstat(join(root, path));
    const excluded = ignore?.isExcluded(path) ?? false;
    if (st.isDirectory()) {
      if (excluded && ignore!.canSkipDirectory(path)) continue;
      const at = out.length;
      const entry: ContextEntry = { path, type: 'dir', mode: st.mode & 0o7777, size: 0 };
      const childIncluded = await walkDir(root, path, ignore, out);
      // An excluded directory still appears when an exception re-included something inside it.
      if (!excluded || childIncluded) {
        out.splice(at, 0, entry);
        any = true;
      }
      continue;
    }
    if (excluded) continue;
    if (st.isSymbolicLink()) {
      out.push({ path, type: 'symlink', mode: st.mode & 0o7777, size: 0, linkTarget: await readlink(join(root, path)) });
    } else if (st.isFile()) {
      out.push({ path, type: 'file', mode: st.mode & 0o7777, size: st.size });
    } else continue;
    any = true;
  }
  return any;
}

export async function digestContextFile(contextDir: string, path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(join(contextDir, path))) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

export async function sniffArchive(contextDir: string, path: string): Promise<ArchiveKind | undefined> {
  const fh = await open(join(contextDir, path), 'r');
  try {
    const header = new Uint8Array(512);
    const { bytesRead } = await fh.read(header, 0, 512, 0);
    return detectArchiveKind(header.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export interface CopyOwnership {
  uid: number;
  gid: number;
  /** --chmod: replaces the permission bits of files and directories. */
  chmod?: number;
}

/** The content hash of a planned COPY/ADD: target paths, modes, owners, content digests, link targets. */
export async function hashCopyItems(contextDir: string, items: readonly CopyItem[], owner: CopyOwnership): Promise<string> {
  const entries: HashedFileEntry[] = [];
  for (const item of items) {
    const s = item.source;
    const entry: HashedFileEntry = {
      path: item.extract ? `${item.target}#${item.extract}` : item.target, type: s.type,
      mode: owner.chmod !== undefined && s.type !== 'symlink' ? owner.chmod : s.mode, uid: owner.uid, gid: owner.gid,
    };
    if (s.type === 'file') entry.contentDigest = await digestContextFile(contextDir, s.path);
    if (s.linkTarget !== undefined) entry.linkTarget = s.linkTarget;
    entries.push(entry);
  }
  return hashFileEntries(entries);
}
