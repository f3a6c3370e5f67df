// Talks to a test registry over its HTTP API the way a client must: answers the 401 challenge with basic
// credentials or a bearer token from the realm, uploads blobs (POST then PUT ?digest=), puts manifests,
// and reads manifests and blobs back for assertions.
import { labRequest } from './http-request.js';
import type { LabResponse } from './http-request.js';
import type { TestRegistry } from './registry.js';

const tokenCache = new Map<string, string>();

function basicHeader(registry: TestRegistry): string | undefined {
  const credentials = registry.credentials;
  if (credentials === undefined) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

function challengeParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1] ?? ''] = match[2] ?? '';
  return params;
}

async function fetchToken(registry: TestRegistry, challenge: string, scope: string): Promise<string> {
  const params = challengeParams(challenge);
  const realm = new URL(params.realm ?? '');
  if (params.service !== undefined) realm.searchParams.set('service', params.service);
  realm.searchParams.set('scope', scope);
  const basic = basicHeader(registry);
  const response = await labRequest(realm, { headers: basic !== undefined ? { authorization: basic } : {}, ca: registry.caPem });
  if (response.status !== 200) throw new Error(`token server ${realm.origin} answered ${response.status}`);
  const body = JSON.parse(response.body.toString()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (token === undefined) throw new Error('token server answered without a token');
  return token;
}

async function authorization(registry: TestRegistry, challenge: string, scope: string): Promise<string> {
  if (/^basic/i.test(challenge)) {
    const basic = basicHeader(registry);
    if (basic === undefined) throw new Error(`registry ${registry.host} wants credentials and has none`);
    return basic;
  }
  const token = await fetchToken(registry, challenge, scope);
  tokenCache.set(`${registry.url} ${scope}`, token);
  return `Bearer ${token}`;
}

export interface RegistryCall {
  method?: string;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** e.g. "repository:library/alpine:pull,push", for the token flow. */
  scope: string;
}

/** One request to `path` (or an absolute URL the registry handed out), authenticating on a 401. */
export async function registryCall(registry: TestRegistry, path: string, call: RegistryCall): Promise<LabResponse> {
  const url = new URL(path, registry.url);
  const cached = tokenCache.get(`${registry.url} ${call.scope}`);
  const send = (auth: string | undefined): Promise<LabResponse> => labRequest(url, {
    method: call.method ?? 'GET',
    headers: { ...call.headers, ...(auth !== undefined ? { authorization: auth } : {}) },
    ...(call.body !== undefined ? { body: call.body } : {}),
    ca: registry.caPem,
  });
  const first = await send(cached !== undefined ? `Bearer ${cached}` : basicHeader(registry));
  const challenge = first.headers['www-authenticate'];
  if (first.status !== 401 || challenge === undefined) return first;
  return send(await authorization(registry, challenge, call.scope));
}

function expectStatus(response: LabResponse, wanted: number[], what: string): void {
  if (!wanted.includes(response.status)) {
    throw new Error(`${what}: registry answered ${response.status}: ${response.body.toString().slice(0, 500)}`);
  }
}

export async function uploadBlob(registry: TestRegistry, repo: string, digest: string, data: Buffer): Promise<void> {
  const scope = `repository:${repo}:pull,push`;
  const head = await registryCall(registry, `/v2/${repo}/blobs/${digest}`, { method: 'HEAD', scope });
  if (head.status === 200) return;
  const start = await registryCall(registry, `/v2/${repo}/blobs/uploads/`, { method: 'POST', scope });
  expectStatus(start, [202], `starting the upload of ${digest} to ${repo}`);
  const location = new URL(String(start.headers.location), registry.url);
  location.searchParams.set('digest', digest);
  const put = await registryCall(registry, location.toString(), {
    method: 'PUT', scope, body: data, headers: { 'content-type': 'application/octet-stream' },
  });
  expectStatus(put, [201], `uploading ${digest} to ${repo}`);
}

export async function putManifest(
  registry: TestRegistry, repo: string, reference: string, mediaType: string, body: Buffer,
): Promise<string> {
  const response = await registryCall(registry, `/v2/${repo}/manifests/${reference}`, {
    method: 'PUT', scope: `repository:${repo}:pull,push`, body, headers: { 'content-type': mediaType },
  });
  expectStatus(response, [201], `putting manifest ${repo}:${reference}`);
  return String(response.headers['docker-content-digest'] ?? '');
}

const acceptAll = [
  'application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Reads a manifest (by tag or digest) or a blob back, as a client pulling would. */
export async function registryGet(
  registry: TestRegistry, repo: string, kind: 'manifests' | 'blobs', reference: string,
): Promise<{ body: Buffer; mediaType: string; digest: string }> {
  const response = await registryCall(registry, `/v2/${repo}/${kind}/${reference}`, {
    scope: `repository:${repo}:pull`, headers: kind === 'manifests' ? { accept: acceptAll } : {},
  });
  expectStatus(response, [200], `fetching ${repo} ${kind}/${reference}`);
  return {
    body: response.body,
    mediaType: String(response.headers['content-type'] ?? ''),
    digest: String(response.headers['docker-content-digest'] ?? ''),
  };
}
