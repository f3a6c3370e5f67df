// The OCI distribution client for one registry: ping and scheme choice, authorised requests, manifests
// (verified against their digest) and blob downloads. Uploads live in blob-upload.ts.
import type { Readable } from 'node:stream';
import type { Credentials } from '../../config/auth-file.js';
import { NotFoundError, PermissionDeniedError, UnavailableError } from '../../errors/index.js';
import { DigestMismatchError, sha256Digest, sha256Hex } from '../digest.js';
import { MANIFEST_ACCEPT } from '../manifest.js';
import {
  DEFAULT_RETRY, HttpTransport, discardBody, readBody,
  type HttpResponse, type RequestBody, type RetryPolicy,
} from './http-transport.js';
import { RegistryAuth, pullScope } from './registry-auth.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

export interface RegistryClientOptions {
  /** host[:port] as it appears in references; docker.io is reached at registry-1.docker.io. */
  registry: string;
  /** Plain HTTP allowed and TLS verification off (registries.conf `insecure = true`). */
  insecure?: boolean;
  tls?: { ca?: Buffer[]; cert?: Buffer; key?: Buffer };
  credentials?: Credentials;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  userAgent?: string;
}

export interface FetchedManifest {
  mediaType: string;
  digest: string;
  bytes: Buffer;
}

export interface ManifestHead {
  mediaType: string;
  digest: string | undefined;
  size: number | undefined;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  retry?: boolean;
}

const MANIFEST_LIMIT = 4 * 1024 * 1024;

export function registryEndpointHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** The registry's own words from an error body ({"errors":[{"code","message"}]}), if any. */
async function registryMessage(res: HttpResponse): Promise<string> {
  try {
    const doc = JSON.parse((await readBody(res, 64 * 1024)).toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const first = doc.errors?.[0];
    return first ? `${first.code ?? ''}${first.message ? `: ${first.message}` : ''}`.replace(/^: /, '') : '';
  } catch {
    return '';
  }
}

export class RegistryClient {
  readonly registry: string;
  readonly host: string;
  readonly transport: HttpTransport;
  private readonly auth: RegistryAuth;
  private base: Promise<URL> | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.registry = options.registry;
    this.host = registryEndpointHost(options.registry);
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const tls = { ...options.tls, insecureSkipVerify: options.insecure ?? false };
    this.transport = new HttpTransport(this.host, tls, options.timeoutMs, retry, options.userAgent);
    this.auth = new RegistryAuth(this.transport, options.credentials);
  }

  close(): void {
    this.transport.close();
  }

  /** GET /v2/: picks https (or http when insecure and https fails) and learns the auth challenge. */
  ping(signal?: AbortSignal): Promise<URL> {
    this.base ??= this.discover(signal).catch((err: unknown) => {
      this.base = undefined;
      throw err;
    });
    return this.base;
  }

  private async discover(signal?: AbortSignal): Promise<URL> {
    const schemes = this.options.insecure ? ['https', 'http'] : ['https'];
    let lastError: unknown;
    for (const scheme of schemes) {
      const base = new URL(`${scheme}://${this.host}/`);
      let res: HttpResponse;
      try {
        res = await this.transport.request({ method: 'GET', url: new URL('/v2/', base), signal });
      } catch (err) {
        lastError = err;
        continue;
      }
      discardBody(res);
      if (res.status === 401) this.auth.setChallenges(parseWwwAuthenticate(res.headers['www-authenticate']));
      if (res.status === 200 || res.status === 401) return base;
      lastError = new UnavailableError(`${this.registry} does not speak the registry v2 API (GET /v2/ answered ${res.status})`);
    }
    throw lastError instanceof UnavailableError
      ? lastError
      : new UnavailableError(`cannot reach registry ${this.registry}: ${(lastError as Error).message}`, { cause: lastError });
  }

  /** An authorised request to a path (or absolute URL) on this registry, re-authorising once on 401. */
  async send(method: string, target: string | URL, scopes: string[], opts: SendOptions = {}): Promise<HttpResponse> {
    const base = await this.ping(opts.signal);
    const url = typeof target === 'string' ? new URL(target, base) : target;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...opts.headers };
      const authorization = url.host === this.host ? await this.auth.authorization(scopes, opts.signal) : undefined;
      if (authorization) headers.authorization = authorization;
      const res = await this.transport.request({ method, url, headers, body: opts.body, signal: opts.signal, retry: opts.retry });
      if (res.status !== 401 || attempt > 0) return res;
      discardBody(res);
      const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
      if (challenges.length === 0) return res;
      this.auth.setChallenges(challenges);
      this.auth.forget(scopes);
    }
  }

  /** Turns an unexpected status into the error a user should see. */
  async fail(res: HttpResponse, what: string): Promise<never> {
    const detail = await registryMessage(res);
    const suffix = detail ? ` (${detail})` : '';
    if (res.status === 404) throw new NotFoundError(`${what}: not found${suffix}`);
    if (res.status === 401 || res.status === 403) {
      throw new PermissionDeniedError(`${what}: requested access to the resource is denied${suffix}`);
    }
    throw new UnavailableError(`${what}: registry ${this.registry} answered ${res.status}${suffix}`);
  }

  /** Fetches a manifest by tag or digest and verifies it (by the digest asked for, else Docker-Content-Digest). */
  async getManifest(repository: string, reference: string, accept: readonly string[] = MANIFEST_ACCEPT, signal?: AbortSignal): Promise<FetchedManifest> {
    const what = `${this.registry}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const res = await this.send('GET', `/v2/${repository}/manifests/${reference}`, [pullScope(repository)], {
      headers: { accept: accept.join(', ') }, signal,
    });
    if (res.status !== 200) await this.fail(res, `manifest ${what}`);
    const bytes = await readBody(res, MANIFEST_LIMIT);
    const digest = sha256Digest(bytes);
    const expected = reference.startsWith('sha256:') ? reference : (res.headers['docker-content-digest'] as string | undefined);
    if (expected?.startsWith('sha256:') && expected !== digest) throw new DigestMismatchError(expected, digest, `manifest ${what}`);
    const mediaType = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
    return { mediaType, digest, bytes };
  }

  /** HEAD of a manifest; undefined when the registry does not have it. */
  async headManifest(repository: string, reference: string, accept: readonly string[] = MANIFEST_ACCEPT, signal?: AbortSignal): Promise<ManifestHead | undefined> {
    const res = await this.send('HEAD', `/v2/${repository}/manifests/${reference}`, [pullScope(repository)], {
      headers: { accept: accept.join(', ') }, signal,
    });
    discardBody(res);
    if (res.status === 404) return undefined;
    if (res.status !== 200) await this.fail(res, `manifest ${this.registry}/${repository}:${reference}`);
    const length = res.headers['content-length'];
    return {
      mediaType: (res.headers['content-type'] ?? '').split(';')[0]!.trim(),
      digest: res.headers['docker-content-digest'] as string | undefined,
      size: length === undefined ? undefined : Number(length),
    };
  }

  /** A blob as a stream, following redirects to storage. The caller verifies it (DigestVerifier / BlobStore.put). */
  async getBlob(repository: string, digest: string, signal?: AbortSignal): Promise<{ stream: Readable; size: number | undefined }> {
    sha256Hex(digest);
    const res = await this.send('GET', `/v2/${repository}/blobs/${digest}`, [pullScope(repository)], { signal });
    if (res.status !== 200) await this.fail(res, `blob ${digest} in ${this.registry}/${repository}`);
    const length = res.headers['content-length'];
    return { stream: res.body, size: length === undefined ? undefined : Number(length) };
  }

  /** The blob's size when the registry has it, undefined otherwise. */
  async headBlob(repository: string, digest: string, scopes = [pullScope(repository)], signal?: AbortSignal): Promise<number | undefined> {
    sha256Hex(digest);
    const res = await this.send('HEAD', `/v2/${repository}/blobs/${digest}`, scopes, { signal });
    discardBody(res);
    if (res.status === 404) return undefined;
    if (res.status !== 200) await this.fail(res, `blob ${digest} in ${this.registry}/${repository}`);
    return Number(res.headers['content-length'] ?? 0);
  }

  /**
   * Validates credentials for `login`: the /v2/ challenge decides how (Basic, or a token with the credentials).
   * Throws PermissionDeniedError when the registry refuses them.
   */
  async checkLogin(signal?: AbortSignal): Promise<void> {
    await this.ping(signal);
    const res = await this.send('GET', '/v2/', [], { signal });
    discardBody(res);
    if (res.status === 401 || res.status === 403) {
      throw new PermissionDeniedError(`unable to log in to ${this.registry}: invalid username/password`);
    }
    if (res.status !== 200) throw new UnavailableError(`unable to log in to ${this.registry}: registry answered ${res.status}`);
  }
}
