// Pushing to a registry: blob uploads (monolithic POST+PUT, or chunked PATCHes), cross-repository mounts,
// and manifest PUTs. A blob the registry already has is never sent again.
import { Readable } from 'node:stream';
import { UnavailableError } from '../../errors/index.js';
import { DigestMismatchError, sha256Digest, sha256Hex } from '../digest.js';
import { discardBody, type RequestBody } from './http-transport.js';
import { pullScope, pushScope } from './registry-auth.js';
import type { RegistryClient } from './registry-client.js';

export type UploadResult = 'exists' | 'mounted' | 'uploaded';

export interface UploadOptions {
  /** Try a cross-repository mount from this repository on the same registry first. */
  mountFrom?: string;
  /** Send PATCH chunks of this many bytes instead of one PUT. */
  chunkSize?: number;
  signal?: AbortSignal;
}

/** Starts an upload session (or mounts); returns the session URL, or 'mounted'. */
async function startUpload(client: RegistryClient, repository: string, digest: string, opts: UploadOptions): Promise<URL | 'mounted'> {
  const scopes = [pushScope(repository)];
  let path = `/v2/${repository}/blobs/uploads/`;
  if (opts.mountFrom && opts.mountFrom !== repository) {
    scopes.push(pullScope(opts.mountFrom));
    path += `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(opts.mountFrom)}`;
  }
  const res = await client.send('POST', path, scopes, { headers: { 'content-length': '0' }, signal: opts.signal });
  if (res.status === 201) {
    discardBody(res);
    return 'mounted';
  }
  if (res.status !== 202) await client.fail(res, `upload to ${client.registry}/${repository}`);
  discardBody(res);
  const location = res.headers.location;
  if (!location) throw new UnavailableError(`upload to ${client.registry}/${repository}: registry gave no upload location`);
  return new URL(location, res.url);
}

function withDigest(session: URL, digest: string): URL {
  const url = new URL(session);
  url.searchParams.set('digest', digest);
  return url;
}

async function* chunksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= size) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      pendingBytes = all.length - size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

async function uploadChunks(client: RegistryClient, repository: string, session: URL, source: RequestBody, opts: UploadOptions & { chunkSize: number }): Promise<URL> {
  const scopes = [pushScope(repository)];
  const stream = source instanceof Uint8Array ? Readable.from([Buffer.from(source)]) : source();
  let offset = 0;
  let url = session;
  for await (const chunk of chunksOf(stream, opts.chunkSize)) {
    const res = await client.send('PATCH', url, scopes, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.length),
        'content-range': `${offset}-${offset + chunk.length - 1}`,
      },
      body: chunk,
      retry: false,
      signal: opts.signal,
    });
    if (res.status !== 202) await client.fail(res, `upload to ${client.registry}/${repository}`);
    discardBody(res);
    offset += chunk.length;
    if (res.headers.location) url = new URL(res.headers.location, res.url);
  }
  return url;
}

/**
 * Uploads a blob unless the registry has it. `source` is the bytes, or a factory of streams (called again if the
 * upload is retried). `size` is sent as Content-Length for a monolithic upload.
 */
export async function uploadBlob(
  client: RegistryClient, repository: string, digest: string, size: number, source: RequestBody, opts: UploadOptions = {},
): Promise<UploadResult> {
  sha256Hex(digest);
  if (source instanceof Uint8Array) {
    const actual = sha256Digest(source);
    if (actual !== digest) throw new DigestMismatchError(digest, actual, 'blob to upload');
  }
  if ((await client.headBlob(repository, digest, [pushScope(repository)], opts.signal)) !== undefined) return 'exists';
  const session = await startUpload(client, repository, digest, opts);
  if (session === 'mounted') return 'mounted';
  const scopes = [pushScope(repository)];
  let res;
  if (opts.chunkSize !== undefined && opts.chunkSize > 0) {
    const last = await uploadChunks(client, repository, session, source, { ...opts, chunkSize: opts.chunkSize });
    res = await client.send('PUT', withDigest(last, digest), scopes, { headers: { 'content-length': '0' }, signal: opts.signal, retry: false });
  } else {
    res = await client.send('PUT', withDigest(session, digest), scopes, {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: source,
      signal: opts.signal,
      retry: false,
    });
  }
  if (res.status !== 201) await client.fail(res, `upload of ${digest} to ${client.registry}/${repository}`);
  discardBody(res);
  return 'uploaded';
}

/** Mounts a blob from another repository of the same registry; false when the registry declined. */
export async function mountBlob(client: RegistryClient, repository: string, digest: string, fromRepository: string, signal?: AbortSignal): Promise<boolean> {
  const result = await startUpload(client, repository, digest, { mountFrom: fromRepository, signal });
  if (result === 'mounted') return true;
  // The registry opened an ordinary upload session instead; abandon it.
  const res = await client.send('DELETE', result, [pushScope(repository)], { signal });
  discardBody(res);
  return false;
}

/** PUTs a manifest under a tag or digest; returns its digest (checked against the registry's answer). */
export async function putManifest(
  client: RegistryClient, repository: string, reference: string, mediaType: string, bytes: Uint8Array, signal?: AbortSignal,
): Promise<string> {
  const digest = sha256Digest(bytes);
  if (reference.startsWith('sha256:') && reference !== digest) throw new DigestMismatchError(reference, digest, 'manifest to push');
  const res = await client.send('PUT', `/v2/${repository}/manifests/${reference}`, [pushScope(repository)], {
    headers: { 'content-type': mediaType, 'content-length': String(bytes.length) },
    body: bytes,
    signal,
  });
  if (res.status !== 201 && res.status !== 200) await client.fail(res, `manifest ${client.registry}/${repository}:${reference}`);
  discardBody(res);
  const answered = res.headers['docker-content-digest'];
  if (typeof answered === 'string' && answered.startsWith('sha256:') && answered !== digest) {
    throw new DigestMismatchError(digest, answered, 'pushed manifest');
  }
  return digest;
}
