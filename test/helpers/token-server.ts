// A small Docker token server (the distribution "token" auth flow): GET <realm>?service=&scope= with optional
// basic credentials, and the OAuth2 password grant on POST. Anonymous callers get pull only; known users get
// what they ask for. Tokens are RS256 JWTs whose x5c header chains to the registry's rootcertbundle.
import { createSign, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { SigningCertificate } from './test-certs.js';

export interface TokenRequestRecord {
  account: string | undefined;
  scopes: string[];
  granted: boolean;
}

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  /** Every token request seen, in order, so tests can assert the client went through the flow. */
  requests: TokenRequestRecord[];
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** "repository:library/alpine:pull,push" -> one access entry; the name itself never holds a colon. */
function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return undefined;
  const actions = scope.slice(last + 1).split(',').filter((action) => action !== '');
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

function signToken(signing: SigningCertificate, claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c: [signing.certDerBase64] };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(signing.keyPem);
  return `${unsigned}.${base64url(signature)}`;
}

function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (header === undefined || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString();
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

export async function startTokenServer(options: {
  port: number;
  service: string;
  users: Record<string, string>;
  signing: SigningCertificate;
}): Promise<TokenServer> {
  const issuer = 'tsmoby-test-token-issuer';
  const requests: TokenRequestRecord[] = [];
  const issue = (res: ServerResponse, account: string | undefined, known: boolean, scopes: string[]): void => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.flatMap((scope) => {
      const parsed = parseScope(scope);
      if (parsed === undefined) return [];
      const actions = known ? parsed.actions : parsed.actions.filter((action) => action === 'pull');
      return actions.length > 0 ? [{ ...parsed, actions }] : [];
    });
    const claims = {
      iss: issuer, sub: account ?? '', aud: options.service, exp: now + 300, nbf: now - 10, iat: now,
      jti: randomBytes(12).toString('hex'), access,
    };
    const token = signToken(options.signing, claims);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  };
  const deny = (res: ServerResponse): void => {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="tsmoby-test"' });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] }));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://token');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const params = req.method === 'POST' ? await readForm(req) : url.searchParams;
    const credentials = req.method === 'POST'
      ? (params.get('username') !== null ? { user: params.get('username') ?? '', password: params.get('password') ?? '' } : undefined)
      : basicCredentials(req);
    const scopes = params.getAll('scope').flatMap((scope) => scope.split(' ')).filter((s) => s !== '');
    const known = credentials !== undefined && options.users[credentials.user] === credentials.password;
    requests.push({ account: credentials?.user, scopes, granted: credentials === undefined || known });
    if (credentials !== undefined && !known) deny(res);
    else issue(res, credentials?.user, known, scopes);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    realm: `http://127.0.0.1:${options.port}/token`,
    service: options.service,
    issuer,
    requests,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
