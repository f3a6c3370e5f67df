// Writes image layers with tar-stream from a list of entries (files, directories, links, whiteouts) and
// compresses them (gzip, zstd through the zstd binary, or none). Deterministic: fixed mtimes, no names.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

export type LayerEntry =
  | { type: 'file'; path: string; content: Buffer | string; mode?: number; uid?: number; gid?: number }
  | { type: 'dir'; path: string; mode?: number; uid?: number; gid?: number }
  | { type: 'symlink'; path: string; target: string; uid?: number; gid?: number }
  | { type: 'hardlink'; path: string; target: string };

export type Compression = 'gzip' | 'zstd' | 'none';

export interface BuiltLayer {
  blob: Buffer;
  /** sha256 of the blob as stored (compressed). */
  digest: string;
  /** sha256 of the uncompressed tar, as the config's rootfs.diff_ids lists it. */
  diffId: string;
  size: number;
  compression: Compression;
}

const fixedMtime = new Date('2024-01-01T00:00:00Z');

export const hasZstd = spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A whiteout: the later layer deletes `path` from the layers below. */
export function whiteout(path: string): LayerEntry {
  const slash = path.lastIndexOf('/');
  return { type: 'file', path: `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`, content: '' };
}

/** An opaque marker: `dir` hides everything the layers below put in it. */
export function opaqueMarker(dir: string): LayerEntry {
  return { type: 'file', path: `${dir}/.wh..wh..opq`, content: '' };
}

function headerOf(entry: LayerEntry): Parameters<ReturnType<typeof pack>['entry']>[0] {
  const owner = 'uid' in entry ? { uid: entry.uid ?? 0, gid: entry.gid ?? 0 } : { uid: 0, gid: 0 };
  const common = { name: entry.path, mtime: fixedMtime, ...owner };
  switch (entry.type) {
    case 'file':
      return { ...common, type: 'file', mode: entry.mode ?? 0o644 };
    case 'dir':
      return { ...common, type: 'directory', mode: entry.mode ?? 0o755 };
    case 'symlink':
      return { ...common, type: 'symlink', linkname: entry.target, mode: 0o777 };
    case 'hardlink':
      return { ...common, type: 'link', linkname: entry.target, mode: 0o644 };
  }
}

export async function writeTar(entries: readonly LayerEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of entries) {
    const content = entry.type === 'file' ? Buffer.from(entry.content) : Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      archive.entry(headerOf(entry), content, (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function compress(tar: Buffer, compression: Compression, gzipLevel = 6): Buffer {
  if (compression === 'none') return tar;
  if (compression === 'gzip') return gzipSync(tar, { level: gzipLevel });
  if (!hasZstd) throw new Error('zstd layers need the zstd binary (apt-get install zstd)');
  return execFileSync('zstd', ['-q', '-c', '-3'], { input: tar, maxBuffer: 1 << 30, timeout: 60_000 });
}

export async function buildLayer(
  entries: readonly LayerEntry[],
  compression: Compression = 'gzip',
  gzipLevel?: number,
): Promise<BuiltLayer> {
  const tar = await writeTar(entries);
  const blob = compress(tar, compression, gzipLevel);
  return { blob, digest: sha256(blob), diffId: sha256(tar), size: blob.length, compression };
}
