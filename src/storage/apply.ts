// Layer tarball -> a new directory: decompresses (gzip/zstd/plain by magic), computes the diff id while
// extracting, and returns the FsOps the caller must run in the namespace (sys.fsOps with join) to give files
// their image ownership, set-id bits, final directory modes, device nodes and overlay whiteouts.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { extract as tarExtract, type Header } from 'tar-stream';
import type { FsOp } from '../sys/sys.js';
import { ConflictError, InvalidArgumentError, TsmobyError, isSystemError } from '../errors/index.js';
import { decompress, type Compression } from '../util/compression.js';
import { LayerWriter, type EntryMeta } from './layer-writer.js';
import { entryComponents } from './tar-entry-name.js';
import { WHITEOUT_PREFIX } from './whiteout.js';

/** Larger than any real file; a header claiming more is an attack or corruption, refused before reading. */
export const MAX_ENTRY_SIZE = 2 ** 42;

export interface ApplyOptions {
  /** Rootless: device nodes are skipped (with a warning) and the opaque xattr is `user.overlay.opaque`. */
  rootless: boolean;
  signal?: AbortSignal;
}

export interface ApplyResult {
  /** "sha256:<hex>" of the uncompressed tar. */
  diffId: string;
  /** Bytes of the uncompressed tar. */
  size: number;
  compression: Compression;
  /** Run these in order, in the namespace, before the layer is used. */
  ops: FsOp[];
  warnings: string[];
}

/**
 * Extracts `input` into `target`, which must not exist yet (its parent must). On failure the partly written
 * directory is left for the caller to discard (layer-store extracts into a temp dir for that reason).
 */
export async function applyLayer(
  input: AsyncIterable<Uint8Array>,
  target: string,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  try {
    await mkdir(target, { mode: 0o700 });
  } catch (err) {
    if (isSystemError(err, 'EEXIST')) throw new ConflictError(`layer directory already exists: ${target}`, { cause: err });
    throw err;
  }
  const writer = new LayerWriter(target, opts.rootless);
  const hash = createHash('sha256');
  let size = 0;
  const { compression, chunks } = await decompress(input);
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const extract = tarExtract();
  const fed = feed(counted(), extract);
  try {
    for await (const entry of extract) {
      opts.signal?.throwIfAborted();
      await applyEntry(writer, entry as unknown as TarEntry);
    }
    const feedError = await fed;
    if (feedError) throw feedError;
  } catch (err) {
    extract.destroy(new Error('extraction stopped'));
    await fed;
    throw asLayerError(err);
  }
  const ops = await writer.finish();
  return { diffId: `sha256:${hash.digest('hex')}`, size, compression, ops, warnings: writer.warnings };
}

async function applyEntry(writer: LayerWriter, entry: TarEntry): Promise<void> {
  const h = entry.header;
  const parts = entryComponents(h.name);
  const size = h.size ?? 0;
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_SIZE) {
    throw new InvalidArgumentError(`refusing layer entry "${h.name}": impossible size ${size}`);
  }
  const meta: EntryMeta = { uid: h.uid ?? 0, gid: h.gid ?? 0, mode: h.mode ?? 0o644, mtime: h.mtime };
  const base = parts[parts.length - 1] ?? '';
  if (base.startsWith(WHITEOUT_PREFIX)) {
    await drain(entry);
    return writer.whiteout(parts);
  }
  switch (h.type) {
    case 'file':
    case 'contiguous-file':
      return writer.file(parts, meta, entry);
    case 'directory':
      await drain(entry);
      return writer.directory(parts, meta);
    case 'symlink':
      await drain(entry);
      return writer.symlink(parts, meta, h.linkname ?? '');
    case 'link': {
      await drain(entry);
      const linkname = h.linkname ?? '';
      return writer.hardlink(parts, entryComponents(linkname), { name: h.name, linkname });
    }
    case 'character-device':
    case 'block-device':
    case 'fifo': {
      await drain(entry);
      const kind = h.type === 'fifo' ? 'fifo' : h.type === 'block-device' ? 'block' : 'char';
      return writer.node(parts, meta, kind, h.devmajor ?? 0, h.devminor ?? 0);
    }
    default:
      await drain(entry);
      writer.warnings.push(`skipped layer entry "${h.name}" of unsupported type ${String(h.type)}`);
  }
}

type TarEntry = AsyncIterable<Uint8Array> & { header: Header };
type TarSink = ReturnType<typeof tarExtract>;

/** Writes the uncompressed tar into the extractor with backpressure; resolves to the error that stopped it. */
async function feed(chunks: AsyncIterable<Uint8Array>, sink: TarSink): Promise<unknown> {
  try {
    for await (const chunk of chunks) {
      if (sink.destroyed) return undefined;
      if (!sink.write(chunk)) await drainedOrClosed(sink);
    }
    sink.end(undefined);
    return undefined;
  } catch (err) {
    sink.destroy(err as Error);
    return err;
  }
}

function drainedOrClosed(sink: TarSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    sink.on('close', done);
  });
}

async function drain(entry: TarEntry): Promise<void> {
  for await (const chunk of entry) void chunk;
}

/** Archive and compression errors are the layer's fault (invalid input); file system errors are not. */
function asLayerError(err: unknown): unknown {
  if (err instanceof TsmobyError || (isSystemError(err) && err.syscall !== undefined)) return err;
  if (err instanceof Error && err.name === 'AbortError') return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new InvalidArgumentError(`invalid layer archive: ${msg}`, { cause: err });
}
