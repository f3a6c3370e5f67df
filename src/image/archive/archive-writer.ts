// Writes images as docker-archive (what `docker save` / `podman save` produce: manifest.json, config, one
// uncompressed tar per layer) or oci-archive (an OCI image layout in a tar). Layers are streamed, never
// buffered whole.
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import tar from 'tar-stream';

export interface ArchiveLayer {
  diffId: string;
  /** Uncompressed size of the layer tar (docker-archive) */
  uncompressedSize: number;
  openUncompressed(): Readable;
  /** The blob as stored (oci-archive) */
  digest: string;
  mediaType: string;
  size: number;
  openBlob(): Readable;
}

export interface ArchiveImage {
  configDigest: string;
  config: Buffer;
  manifest: { digest: string; mediaType: string; bytes: Buffer };
  /** Names in familiar or full form (docker.io/library/alpine:latest). */
  repoTags: string[];
  layers: ArchiveLayer[];
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

export async function writeDockerArchive(images: ArchiveImage[], out: Writable): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, out);
  const manifest: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
  const repositories: Record<string, Record<string, string>> = {};
  const written = new Set<string>();
  for (const image of images) {
    const configName = `${hex(image.configDigest)}.json`;
    if (!written.has(configName)) await addBuffer(pack, configName, image.config);
    written.add(configName);
    const layerNames: string[] = [];
    for (const layer of image.layers) {
      const name = `${hex(layer.diffId)}.tar`;
      layerNames.push(name);
      if (written.has(name)) continue;
      await addStream(pack, name, layer.uncompressedSize, layer.openUncompressed());
      written.add(name);
    }
    manifest.push({ Config: configName, RepoTags: image.repoTags, Layers: layerNames });
    const top = image.layers.at(-1);
    for (const tag of image.repoTags) {
      const colon = tag.lastIndexOf(':');
      if (top && colon > 0) (repositories[tag.slice(0, colon)] ??= {})[tag.slice(colon + 1)] = hex(top.diffId);
    }
  }
  await addBuffer(pack, 'manifest.json', Buffer.from(JSON.stringify(manifest)));
  await addBuffer(pack, 'repositories', Buffer.from(JSON.stringify(repositories)));
  pack.finalize();
  await done;
}

export async function writeOciArchive(images: ArchiveImage[], out: Writable): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, out);
  const written = new Set<string>();
  const addBlob = async (digest: string, size: number, open: () => Readable) => {
    const name = `blobs/sha256/${hex(digest)}`;
    if (written.has(name)) return;
    written.add(name);
    await addStream(pack, name, size, open());
  };
  await addBuffer(pack, 'oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  const manifests = [];
  for (const image of images) {
    for (const layer of image.layers) await addBlob(layer.digest, layer.size, () => layer.openBlob());
    await addBuffer(pack, `blobs/sha256/${hex(image.configDigest)}`, image.config);
    await addBuffer(pack, `blobs/sha256/${hex(image.manifest.digest)}`, image.manifest.bytes);
    const refs = image.repoTags.length > 0 ? image.repoTags : [undefined];
    for (const ref of refs) {
      manifests.push({
        mediaType: image.manifest.mediaType,
        digest: image.manifest.digest,
        size: image.manifest.bytes.length,
        ...(ref ? { annotations: { 'org.opencontainers.image.ref.name': ref } } : {}),
      });
    }
  }
  const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests };
  await addBuffer(pack, 'index.json', Buffer.from(JSON.stringify(index)));
  pack.finalize();
  await done;
}

function addBuffer(pack: tar.Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, size: data.length, mode: 0o644, mtime: new Date(0) }, data, (err) => (err ? reject(err) : resolve()));
  });
}

async function addStream(pack: tar.Pack, name: string, size: number, source: Readable): Promise<void> {
  let entry!: NodeJS.WritableStream;
  const finished = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name, size, mode: 0o644, mtime: new Date(0) }, (err) => (err ? reject(err) : resolve()));
  });
  await pipeline(source, entry);
  await finished;
}
