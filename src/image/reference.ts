// Image references as Docker and Podman read them: parsing, validation, normalisation and display.
// A short name (no registry domain) is not qualified here: that is registries.conf's job (config/registries-conf).
import { InvalidArgumentError } from '../errors/index.js';

/** A reference as typed, before any registry is chosen; `domain` is undefined for a short name. */
export interface ParsedReference {
  readonly domain: string | undefined;
  /** Repository path inside the registry, e.g. 'library/alpine' or 'alpine' for a short name. */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** A fully-qualified reference: a registry domain, a path, and a tag or digest (or both). */
export interface ImageReference extends ParsedReference {
  readonly domain: string;
}

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DEFAULT_TAG = 'latest';
const NAME_TOTAL_MAX = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256_RE = /^sha256:[a-f0-9]{64}$/;

function invalid(input: string, why?: string): InvalidArgumentError {
  return new InvalidArgumentError(`invalid reference format: "${input}"${why ? `: ${why}` : ''}`);
}

/** Validates a digest string; sha256 digests must be 64 lowercase hex digits. */
export function isValidDigest(digest: string): boolean {
  if (!DIGEST_RE.test(digest)) return false;
  return !digest.startsWith('sha256:') || SHA256_RE.test(digest);
}

/** Docker's rule: the first component is a registry when it has a '.' or ':', is 'localhost', or has capitals. */
function splitDomain(name: string): { domain: string | undefined; path: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: undefined, path: name };
  const first = name.slice(0, slash);
  const isDomain = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return isDomain ? { domain: first, path: name.slice(slash + 1) } : { domain: undefined, path: name };
}

/** Parses what a user typed, without applying any defaults. Throws "invalid reference format: ...". */
export function parseReference(input: string): ParsedReference {
  if (input.length === 0) throw invalid(input, 'empty reference');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) throw invalid(input, `invalid digest "${digest}"`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw invalid(input, `invalid tag "${tag}"`);
  }
  if (rest.length === 0) throw invalid(input, 'missing repository name');
  if (rest.length > NAME_TOTAL_MAX) throw invalid(input, `repository name must not be more than ${NAME_TOTAL_MAX} characters`);
  const { domain, path } = splitDomain(rest);
  if (domain !== undefined && !DOMAIN_RE.test(domain)) throw invalid(input, `invalid registry "${domain}"`);
  for (const component of path.split('/')) {
    if (PATH_COMPONENT_RE.test(component)) continue;
    if (component.toLowerCase() !== component && PATH_COMPONENT_RE.test(component.toLowerCase())) {
      throw invalid(input, 'repository name must be lowercase');
    }
    throw invalid(input);
  }
  return { domain, path, tag, digest };
}

export function isShortName(ref: string | ParsedReference): boolean {
  return (typeof ref === 'string' ? parseReference(ref) : ref).domain === undefined;
}

/**
 * Qualifies a parsed reference with a registry: Docker Hub's single-component names gain 'library/', and a
 * reference without tag or digest gets ':latest' (a digest alone is kept alone, as Docker and Podman do).
 */
export function qualifyReference(parsed: ParsedReference, domain: string): ImageReference {
  const host = domain === 'index.docker.io' ? DOCKER_HUB_DOMAIN : domain;
  const path = host === DOCKER_HUB_DOMAIN && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path;
  const tag = parsed.tag ?? (parsed.digest === undefined ? DEFAULT_TAG : undefined);
  return { domain: host, path, tag, digest: parsed.digest };
}

/** `alpine` -> docker.io/library/alpine:latest; a short name resolves to Docker Hub (Docker's behaviour). */
export function normalizeReference(input: string | ParsedReference): ImageReference {
  const parsed = typeof input === 'string' ? parseReference(input) : input;
  return qualifyReference(parsed, parsed.domain ?? DOCKER_HUB_DOMAIN);
}

/** 'docker.io/library/alpine' */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** 'docker.io/library/alpine:latest', 'host:5000/app@sha256:...' */
export function formatReference(ref: ParsedReference): string {
  const name = ref.domain === undefined ? ref.path : `${ref.domain}/${ref.path}`;
  return `${name}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** Docker's familiar form for display: 'alpine:latest', 'user/app:1', others unchanged. */
export function familiarString(ref: ImageReference): string {
  if (ref.domain !== DOCKER_HUB_DOMAIN) return formatReference(ref);
  const path = ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice(8) : ref.path;
  return formatReference({ ...ref, domain: undefined, path });
}

/** The tag or digest to ask a registry for; a digest wins over a tag when both are given. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? DEFAULT_TAG;
}
