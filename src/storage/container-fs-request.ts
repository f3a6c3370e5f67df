// The requests the fs helper (fs-helper-main.ts) serves inside the rootless namespace, where every id maps:
// for cp/diff, stat a path, stream it out as a tar, extract a tar into it, list changes; for build/commit, a
// layer tar of an upper dir or of paths copied out of layers. The caller runs the same functions in-process.
import { lstat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError, NotFoundError } from '../errors/index.js';
import { extractArchive, type ExtractOptions } from './archive-extract.js';
import { copyTarget, type CopySource } from './copy-target.js';
import { createCopyTar, type CopyTarSpec } from './copy-tar.js';
import { createDiffTar } from './diff.js';
import { MergedTree } from './merged-tree.js';
import { statInRoot, type PathStat } from './path-stat.js';
import { pathShape, resolveInScope } from './scope-path.js';
import { upperChanges, type FsChange } from './upper-changes.js';

export type ContainerFsRequest =
  | { op: 'stat'; root: string; path: string }
  /** stdout: one JSON line (the PathStat), then the tar. */
  | { op: 'get'; root: string; path: string }
  /** stdin: the tar. Without `source` the path must be an existing directory (the archive API, `cp -`). */
  | { op: 'put'; root: string; path: string; source?: CopySource; owner: ExtractOptions['owner']; noOverwriteDirNonDir?: boolean }
  /** `opaqueXattr`: user.overlay.opaque rootless, trusted.overlay.opaque as root. */
  | { op: 'changes'; upper: string; lowersTopFirst: string[]; opaqueXattr: string }
  /** stdout: the layer tar of an upper dir (whiteouts as the image format wants them). */
  | { op: 'layer-diff'; upper: string; opaqueXattr: string }
  /** stdout: the layer tar of `spec`'s paths, read from the merged view of `layers` (bottom first). */
  | { op: 'layer-copy'; layers: string[]; spec: CopyTarSpec; opaqueXattr: string };

/** Resolves a path as `cp` reads a source: the last symlink is kept unless the path ends in `/` or `/.`. */
export async function resolveSource(root: string, path: string): Promise<{ abs: string; stat: PathStat; contentsOnly: boolean }> {
  const shape = pathShape(path);
  const abs = await resolveInScope(root, path, { followFinal: shape.trailingSlash || shape.contentsOnly });
  const stat = await statInRoot(root, abs);
  if (!stat) throw new NotFoundError(`could not find the file ${path} in container`);
  if ((shape.trailingSlash || shape.contentsOnly) && !stat.isDir) throw new InvalidArgumentError(`"${path}" is not a directory`);
  return { abs, stat, contentsOnly: shape.contentsOnly };
}

/** The tar of a resolved source, its top entry named as the source. */
export function sourceTar(abs: string, stat: PathStat): AsyncIterable<Uint8Array> {
  return createDiffTar(abs, { rootName: stat.name === '/' ? '.' : stat.name });
}

/** Extracts `tar` where `path` (as typed) says, inside `root`. */
export async function putArchive(root: string, path: string, tar: Readable | AsyncIterable<Uint8Array>, options: {
  source?: CopySource; owner: ExtractOptions['owner']; noOverwriteDirNonDir?: boolean;
}): Promise<void> {
  const dest = await resolveInScope(root, path, { followFinal: true });
  const existing = await lstat(dest).catch(() => undefined);
  const target = options.source
    ? copyTarget(options.source, dest, existing ? { isDir: existing.isDirectory() } : undefined, path)
    : { dir: dest };
  if (!options.source && !existing) throw new NotFoundError(`could not find the file ${path} in container`);
  const dirStat = await lstat(target.dir).catch(() => undefined);
  if (!dirStat) throw new NotFoundError(`could not find the file ${path} in container: its directory does not exist`);
  if (!dirStat.isDirectory()) throw new InvalidArgumentError(`extraction point is not a directory: ${path}`);
  await extractArchive(tar, {
    root, dir: target.dir, owner: options.owner,
    ...(target.rename ? { rename: target.rename } : {}),
    ...(options.noOverwriteDirNonDir ? { noOverwriteDirNonDir: true } : {}),
  });
}

export async function serveRequest(
  request: ContainerFsRequest, io: { stdin: Readable; stdout: Writable }, isOpaqueSync: (dir: string, xattr: string) => boolean,
): Promise<void> {
  const isOpaque = async (dir: string, xattr: string) => isOpaqueSync(dir, xattr);
  switch (request.op) {
    case 'stat': {
      const abs = await resolveInScope(request.root, request.path);
      const stat = await statInRoot(request.root, abs);
      if (!stat) throw new NotFoundError(`could not find the file ${request.path} in container`);
      return write(io.stdout, `${JSON.stringify(stat)}\n`);
    }
    case 'get': {
      const { abs, stat } = await resolveSource(request.root, request.path);
      await write(io.stdout, `${JSON.stringify(stat)}\n`);
      for await (const chunk of sourceTar(abs, stat)) await write(io.stdout, chunk);
      return;
    }
    case 'put':
      return putArchive(request.root, request.path, io.stdin, {
        owner: request.owner,
        ...(request.source ? { source: request.source } : {}),
        ...(request.noOverwriteDirNonDir ? { noOverwriteDirNonDir: true } : {}),
      });
    case 'changes': {
      const changes: FsChange[] = await upperChanges({ upper: request.upper, lowersTopFirst: request.lowersTopFirst,
        isOpaque: (dir) => isOpaque(dir, request.opaqueXattr),
      });
      return write(io.stdout, `${JSON.stringify(changes)}\n`);
    }
    case 'layer-diff':
      return writeAll(io.stdout, createDiffTar(request.upper, { isOpaque: (dir) => isOpaque(dir, request.opaqueXattr) }));
    case 'layer-copy': {
      const tree = new MergedTree(request.layers, (dir) => isOpaqueSync(dir, request.opaqueXattr));
      return writeAll(io.stdout, createCopyTar(tree, request.spec));
    }
  }
}

async function writeAll(out: Writable, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) await write(out, chunk);
}

function write(out: Writable, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => out.write(data, (err) => (err ? reject(err) : resolve())));
}
