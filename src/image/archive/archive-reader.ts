// Reads a docker-archive or oci-archive (optionally gzip- or zstd-compressed) into a staging directory and
// describes the images in it. Entry names never become paths: each regular file is stored under a
// generated name, so a hostile archive cannot write outside the staging directory.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { decompress } from '../../util/compression.js';

export interface StagedArchive {
  /** archive path (normalised, no leading ./) -> staged file */
  files: Map<string, { path: string; size: number }>;
}

export interface ArchivedImage {
  config: Buffer;
  /** Layer files in order, each a tar (plain, gzip or zstd); their digests are computed on import. */
  layers: Array<{ path: string; size: number; mediaType?: string; digest?: string }>;
  /** The manifest as stored, for oci-archive (keeps the manifest digest). */
  manifest?: Buffer;
  names: string[];
}

const MAX_METADATA = 16 * 1024 * 1024;

export async function stageArchive(input: Readable, dir: string): Promise<StagedArchive> {
  const files = new Map<string, { path: string; size: number }>();
  const extract = tar.extract();
  let n = 0;
  extract.on('entry', (header, stream, next) => {
    const name = normaliseName(header.name);
    if (header.type !== 'file' || name === undefined) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    const path = join(dir, `entry-${n++}`);
    files.set(name, { path, size: header.size ?? 0 });
    pipeline(stream, createWriteStream(path, { mode: 0o600 })).then(() => next(), next);
  });
  const { chunks } = await decompress(input);
  await pipeline(Readable.from(chunks), extract);
  return { files };
}

function normaliseName(name: string): string | undefined {
  const n = posix.normalize(name.replace(/^\.?\/+/, ''));
  if (n.startsWith('..') || n.startsWith('/') || n === '.' || n === '') return undefined;
  return n;
}

export async function describeArchive(staged: StagedArchive): Promise<ArchivedImage[]> {
  if (staged.files.has('index.json') && staged.files.has('oci-layout')) return describeOci(staged);
  if (staged.files.has('manifest.json')) return describeDocker(staged);
  throw new InvalidArgumentError('the archive is neither a docker-archive (manifest.json) nor an oci-archive (index.json)');
}

async function readJson<T>(staged: StagedArchive, name: string): Promise<T> {
  return JSON.parse((await readMember(staged, name)).toString('utf8')) as T;
}

async function readMember(staged: StagedArchive, name: string): Promise<Buffer> {
  const f = staged.files.get(normaliseName(name) ?? '');
  if (!f) throw new InvalidArgumentError(`the archive lacks ${name}`);
  if (f.size > MAX_METADATA) throw new InvalidArgumentError(`the archive's ${name} is too large`);
  return readFile(f.path);
}

async function describeDocker(staged: StagedArchive): Promise<ArchivedImage[]> {
  const manifest = await readJson<Array<{ Config: string; RepoTags?: string[] | null; Layers: string[] }>>(staged, 'manifest.json');
  return Promise.all(
    manifest.map(async (m) => ({
      config: await readMember(staged, m.Config),
      layers: m.Layers.map((l) => {
        const f = staged.files.get(normaliseName(l) ?? '');
        if (!f) throw new InvalidArgumentError(`the archive lacks layer ${l}`);
        return f;
      }),
      names: m.RepoTags ?? [],
    })),
  );
}

interface Descriptor { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }

async function describeOci(staged: StagedArchive): Promise<ArchivedImage[]> {
  const index = await readJson<{ manifests: Descriptor[] }>(staged, 'index.json');
  const byDigest = new Map<string, ArchivedImage>();
  for (const d of index.manifests) {
    const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;
    let image = byDigest.get(d.digest);
    if (!image) {
      const manifestBytes = await readMember(staged, blob(d.digest));
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
      image = {
        config: await readMember(staged, blob(manifest.config.digest)),
        manifest: manifestBytes,
        layers: manifest.layers.map((l) => {
          const f = staged.files.get(blob(l.digest));
          if (!f) throw new InvalidArgumentError(`the archive lacks blob ${l.digest}`);
          return { ...f, mediaType: l.mediaType, digest: l.digest };
        }),
        names: [],
      };
      byDigest.set(d.digest, image);
    }
    const ref = d.annotations?.['io.containerd.image.name'] ?? d.annotations?.['org.opencontainers.image.ref.name'];
    if (ref) image.names.push(ref);
  }
  return [...byDigest.values()];
}
