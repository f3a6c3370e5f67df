// Finds a local image by what a user typed: a full or prefixed id, a full name, a short name (matched
// against any registry, Podman's way, `alpine` finding docker.io/library/alpine:latest), or name@digest.
import type { ImageRecord } from '../../image/image-store.js';
import { DEFAULT_TAG, familiarString, normalizeReference, parseReference, repositoryName } from '../../image/reference.js';
import { NotFoundError } from '../../errors/tsmoby-error.js';
import { resolveByIdOrName } from '../resolve.js';
import type { ImageContext } from './image-context.js';

export async function findImage(ctx: ImageContext, input: string): Promise<ImageRecord> {
  const records = await ctx.images.list();
  return resolveImage(records, input);
}

export function resolveImage(records: readonly ImageRecord[], input: string): ImageRecord {
  const matches = nameMatcher(input);
  try {
    return resolveByIdOrName(records, input, 'image', matches);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(`${input}: image not known`, { cause: err });
    throw err;
  }
}

/** The local name an input refers to, when it names one (for untag and rmi of one name). */
export function matchingName(record: ImageRecord, input: string): string | undefined {
  const test = nameTest(input);
  return test ? record.names.find(test) : undefined;
}

function nameMatcher(input: string): (r: ImageRecord) => boolean {
  const test = nameTest(input);
  const digestTest = digestNameTest(input);
  return (r) => (test !== undefined && r.names.some(test)) || (digestTest !== undefined && r.repoDigests.some(digestTest));
}

function nameTest(input: string): ((name: string) => boolean) | undefined {
  let parsed;
  try { parsed = parseReference(input); } catch { return undefined; }
  if (parsed.digest !== undefined) return (n) => n === input || n.endsWith(`/${input}`);
  const tag = parsed.tag ?? DEFAULT_TAG;
  if (parsed.domain !== undefined) {
    const full = `${repositoryName(normalizeReference(parsed))}:${tag}`;
    return (n) => n === full;
  }
  const suffixes = [`/${parsed.path}:${tag}`, `/library/${parsed.path}:${tag}`];
  return (n) => suffixes.some((s) => n.endsWith(s)) || familiarString(normalizeReference(n)) === `${parsed.path}:${tag}`;
}

function digestNameTest(input: string): ((repoDigest: string) => boolean) | undefined {
  let parsed;
  try { parsed = parseReference(input); } catch { return undefined; }
  if (parsed.digest === undefined) return undefined;
  if (parsed.domain !== undefined) {
    const full = `${repositoryName(normalizeReference({ ...parsed, tag: undefined }))}@${parsed.digest}`;
    return (d) => d === full;
  }
  return (d) => d.endsWith(`/${parsed.path}@${parsed.digest}`) || d.endsWith(`/library/${parsed.path}@${parsed.digest}`);
}
