// Authorization for one registry: Basic, or the distribution token flow (anonymous or with credentials), with
// tokens cached per scope set until shortly before they expire.
import { PermissionDeniedError, UnavailableError } from '../../errors/index.js';
import type { Credentials } from '../../config/auth-file.js';
import { discardBody, readBody, type HttpTransport } from './http-transport.js';
import type { AuthChallenge } from './www-authenticate.js';

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Minimum token lifetime the distribution spec lets us assume when the server says nothing. */
const DEFAULT_TOKEN_SECONDS = 60;
const EXPIRY_MARGIN_MS = 5_000;

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

export function basicAuthorization(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

export class RegistryAuth {
  private challenge: AuthChallenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: Credentials | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers the challenge the registry answered with (Bearer preferred over Basic). */
  setChallenges(challenges: AuthChallenge[]): void {
    const chosen = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (chosen) this.challenge = chosen;
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  forget(scopes: string[]): void {
    this.tokens.delete(scopes.join(' '));
  }

  /** The Authorization header value for a request needing `scopes`, or undefined when none is needed. */
  async authorization(scopes: string[], signal?: AbortSignal): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    if (this.challenge.scheme === 'basic') return this.credentials ? basicAuthorization(this.credentials) : undefined;
    if (this.challenge.scheme !== 'bearer') return undefined;
    const key = scopes.join(' ');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
    const fetched = await this.fetchToken(this.challenge, scopes, signal);
    this.tokens.set(key, fetched);
    return `Bearer ${fetched.token}`;
  }

  private async fetchToken(ch: AuthChallenge, scopes: string[], signal?: AbortSignal): Promise<CachedToken> {
    const realm = ch.params.realm;
    if (!realm) throw new UnavailableError('registry asked for a bearer token but named no realm');
    let url: URL;
    try {
      url = new URL(realm);
    } catch (err) {
      throw new UnavailableError(`registry named an invalid token realm "${realm}"`, { cause: err });
    }
    if (ch.params.service) url.searchParams.set('service', ch.params.service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    if (this.credentials) url.searchParams.set('account', this.credentials.username);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials) headers.authorization = basicAuthorization(this.credentials);
    const res = await this.transport.request({ method: 'GET', url, headers, signal });
    if (res.status === 401 || res.status === 403) {
      discardBody(res);
      throw new PermissionDeniedError(
        this.credentials ? `unable to authenticate to ${url.host}: invalid username/password` : `authentication required by ${url.host}`,
      );
    }
    if (res.status !== 200) {
      discardBody(res);
      throw new UnavailableError(`token server ${url.host} answered ${res.status}`);
    }
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse((await readBody(res, 1024 * 1024)).toString('utf8')) as typeof body;
    } catch (err) {
      throw new UnavailableError(`token server ${url.host} returned invalid JSON`, { cause: err });
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new UnavailableError(`token server ${url.host} returned no token`);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    return { token, expiresAt: this.now() + seconds * 1000 - EXPIRY_MARGIN_MS };
  }
}
