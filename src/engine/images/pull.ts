// `pull`: a name becomes candidate references (registries.conf short names and aliases), each reference
// becomes sources (mirrors, then the location), and the first source that has it is stored through
// storeImage. Layer downloads retry when a transfer breaks or its content does not verify.
import type { ProgressEvent, PullOptions } from '../engine.js';
import { pullSources, resolveShortName } from '../../config/registries-conf.js';
import { InvalidArgumentError, NotFoundError, PermissionDeniedError, TsmobyError, UnavailableError } from '../../errors/tsmoby-error.js';
import { MANIFEST_ACCEPT, parseManifest, type Descriptor } from '../../image/manifest.js';
import { choosePlatform, hostPlatform, parsePlatform } from '../../image/platform.js';
import {
  formatReference, manifestReference, normalizeReference, parseReference, qualifyReference, repositoryName,
  type ImageReference,
} from '../../image/reference.js';
import type { RegistryClient } from '../../image/registry/registry-client.js';
import { AsyncQueue } from '../../util/async-queue.js';
import type { ImageContext } from './image-context.js';
import { openRegistry, splitRepositoryName } from './registry-access.js';
import { storeImage } from './store-image.js';

const DOWNLOAD_ATTEMPTS = 3;

export async function* pullImage(ctx: ImageContext, input: string, options: PullOptions = {}): AsyncGenerator<ProgressEvent> {
  const queue = new AsyncQueue<ProgressEvent>();
  pullInto(ctx, input, options, (ev) => queue.push(ev)).then(() => queue.close(), (err: unknown) => queue.fail(err));
  yield* queue;
}

async function pullInto(ctx: ImageContext, input: string, options: PullOptions, emit: (ev: ProgressEvent) => void): Promise<void> {
  const candidates = await candidateReferences(ctx, input);
  let lastError: unknown;
  for (const ref of candidates) {
    emit({ type: 'resolving', ref: formatReference(ref) });
    try {
      const imageId = await pullReference(ctx, ref, options, emit);
      emit({ type: 'done', imageId, ref: formatReference(ref) });
      return;
    } catch (err) {
      lastError = err;
      if (!(err instanceof NotFoundError)) break;
    }
  }
  throw lastError instanceof TsmobyError && candidates.length === 1
    ? lastError
    : Object.assign(lastError as Error, { message: `pulling ${input}: ${(lastError as Error).message}` });
}

/** Fully-qualified references a name may mean, in the order to try them. */
export async function candidateReferences(ctx: ImageContext, input: string): Promise<ImageReference[]> {
  const parsed = parseReference(input);
  if (parsed.domain !== undefined) return [normalizeReference(parsed)];
  const conf = await ctx.registriesConf();
  const resolution = resolveShortName(conf, parsed.path);
  if (resolution.alias !== undefined) {
    const alias = normalizeReference(resolution.alias);
    return [{ ...alias, tag: parsed.tag ?? alias.tag, digest: parsed.digest ?? alias.digest }];
  }
  if (resolution.searchRegistries.length === 0) {
    throw new InvalidArgumentError(`short-name "${input}" did not resolve to an alias and no unqualified-search registries are defined in registries.conf`);
  }
  return resolution.searchRegistries.map((registry) => qualifyReference(parsed, registry));
}

/** Tries each source of one reference; a source that fails for any reason passes to the next. */
async function pullReference(ctx: ImageContext, ref: ImageReference, options: PullOptions, emit: (ev: ProgressEvent) => void): Promise<string> {
  const sources = pullSources(await ctx.registriesConf(), repositoryName(ref), ref.digest !== undefined);
  let lastError: unknown;
  let notFound: unknown;
  for (const source of sources) {
    const { host, path } = splitRepositoryName(source.name);
    const client = await openRegistry(ctx, host, {
      repository: path, insecure: source.insecure, tlsVerify: options.tlsVerify, credentials: options.credentials, certDir: options.certDir,
    });
    try {
      return await pullFrom(ctx, client, path, ref, options, emit);
    } catch (err) {
      lastError = err;
      if (err instanceof NotFoundError) notFound ??= err;
      if (err instanceof PermissionDeniedError && !source.mirror) break;
    } finally {
      client.close();
    }
  }
  // A registry's "not found" says more than an unreachable fallback after it.
  throw notFound ?? lastError;
}

async function pullFrom(
  ctx: ImageContext, client: RegistryClient, path: string, ref: ImageReference, options: PullOptions, emit: (ev: ProgressEvent) => void,
): Promise<string> {
  const signal = options.signal;
  const top = await client.getManifest(path, manifestReference(ref), MANIFEST_ACCEPT, signal);
  let manifest = top;
  const extraBlobs: Buffer[] = [];
  const topDoc = parseManifest(top.bytes, top.mediaType);
  if (topDoc.kind === 'index') {
    const chosen = choosePlatform(topDoc, options.platform ? parsePlatform(options.platform) : hostPlatform());
    manifest = await client.getManifest(path, chosen.digest, MANIFEST_ACCEPT, signal);
    extraBlobs.push(top.bytes);
  }
  const doc = parseManifest(manifest.bytes, manifest.mediaType);
  if (doc.kind !== 'manifest') throw new InvalidArgumentError(`${formatReference(ref)}: an index inside an index is not supported`);
  const config = await fetchConfig(ctx, client, path, doc.config, signal);
  const repo = repositoryName(ref);
  const repoDigests = [...new Set([`${repo}@${manifest.digest}`, `${repo}@${top.digest}`])];
  const record = await storeImage(ctx, {
    manifest: { digest: manifest.digest, mediaType: doc.mediaType, bytes: manifest.bytes },
    config,
    openLayer: async (desc) => (await client.getBlob(path, desc.digest, signal)).stream,
    retryable: (err, attempt) => attempt < DOWNLOAD_ATTEMPTS && !signal?.aborted && isTransferFailure(err),
    names: [formatReference(ref)],
    repoDigests,
    extraBlobs,
  }, emit);
  return record.id;
}

async function fetchConfig(ctx: ImageContext, client: RegistryClient, path: string, desc: Descriptor, signal?: AbortSignal): Promise<Buffer> {
  for (let attempt = 1; !(await ctx.blobs.has(desc.digest)); attempt++) {
    try {
      const { stream } = await client.getBlob(path, desc.digest, signal);
      await ctx.blobs.put(stream, desc.digest, desc.size);
    } catch (err) {
      if (attempt >= DOWNLOAD_ATTEMPTS || signal?.aborted || !isTransferFailure(err)) throw err;
    }
  }
  return ctx.blobs.read(desc.digest);
}

const BROKEN_TRANSFER = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** A download that broke off or did not verify, worth another try; what the registry refused, or what the
 *  bytes turned out to mean, is not. */
function isTransferFailure(err: unknown): boolean {
  if (err instanceof NotFoundError || err instanceof PermissionDeniedError) return false;
  if (err instanceof UnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BROKEN_TRANSFER.has(code);
}
