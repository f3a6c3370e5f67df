// HTTP(S) for one registry on node:http/node:https: its own CA and client certificate, `insecure` (TLS
// verification off), timeouts, redirects (Authorization never crosses hosts) and bounded retries with backoff.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { UnavailableError, isSystemError } from '../../errors/index.js';

export interface RegistryTlsOptions {
  ca?: Buffer[];
  cert?: Buffer;
  key?: Buffer;
  /** Skip certificate verification (registries.conf `insecure = true`). */
  insecureSkipVerify?: boolean;
}

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 };

/** A request body: bytes, or a factory so a stream can be replayed when a request is retried. */
export type RequestBody = Uint8Array | (() => Readable);

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  /** False for requests that must not be repeated (a PATCH that may have been half applied). */
  retry?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: URL;
  body: IncomingMessage;
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Reads a whole response body, refusing more than `limit` bytes. */
export async function readBody(res: HttpResponse, limit = 4 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      res.body.destroy();
      throw new UnavailableError(`response from ${res.url.host} is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function discardBody(res: HttpResponse): void {
  res.body.resume();
}

export class HttpTransport {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true });

  constructor(
    /** host[:port] the TLS options apply to; other hosts (redirect targets) get default verification. */
    private readonly registryHost: string,
    tls: RegistryTlsOptions = {},
    private readonly timeoutMs = 30_000,
    private readonly retryPolicy: RetryPolicy = DEFAULT_RETRY,
    private readonly userAgent = 'tsmoby',
  ) {
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      ca: tls.ca?.length ? [...rootCertificates, ...tls.ca.map((b) => b.toString())] : undefined,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: !tls.insecureSkipVerify,
    });
  }

  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  /** Sends with retries of connection failures, 5xx and 429; the last response is returned whatever it is. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const replayable = req.retry !== false;
    for (let attempt = 1; ; attempt++) {
      const last = !replayable || attempt >= this.retryPolicy.attempts;
      let res: HttpResponse;
      try {
        res = await this.followRedirects(req);
      } catch (err) {
        if (last || !isSystemError(err) || !TRANSIENT_CODES.has(err.code) || req.signal?.aborted) {
          throw new UnavailableError(`${req.method} ${req.url.origin}${req.url.pathname}: ${(err as Error).message}`, { cause: err });
        }
        await delay(this.backoff(attempt), undefined, { signal: req.signal });
        continue;
      }
      if (last || !isTransientStatus(res.status)) return res;
      discardBody(res);
      await delay(this.backoff(attempt, res.headers['retry-after']), undefined, { signal: req.signal });
    }
  }

  private backoff(attempt: number, retryAfter?: string): number {
    const { baseDelayMs, maxDelayMs } = this.retryPolicy;
    const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxDelayMs);
    const exp = Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs);
    return exp / 2 + Math.random() * (exp / 2);
  }

  private async followRedirects(req: HttpRequest): Promise<HttpResponse> {
    let { method, url, body } = req;
    const headers = { ...req.headers };
    for (let hop = 0; ; hop++) {
      const res = await this.once(method, url, headers, body, req.signal);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location || hop >= MAX_REDIRECTS) return res;
      discardBody(res);
      const next = new URL(location, url);
      if (next.host !== url.host) delete headers.authorization;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-length'];
        delete headers['content-type'];
      }
      url = next;
    }
  }

  private once(method: string, url: URL, headers: Record<string, string>, body: RequestBody | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    const isHttps = url.protocol === 'https:';
    const ownHost = url.host === this.registryHost;
    const agent = isHttps ? (ownHost ? this.httpsAgent : https.globalAgent) : ownHost ? this.httpAgent : http.globalAgent;
    const mod = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = mod.request(url, { method, agent, signal, headers: { 'user-agent': this.userAgent, ...headers } });
      req.setTimeout(this.timeoutMs, () => {
        const err = Object.assign(new Error(`no response within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' });
        req.destroy(err);
      });
      req.once('error', reject);
      req.once('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res }));
      if (body === undefined) req.end();
      else if (body instanceof Uint8Array) req.end(body);
      else {
        const stream = body();
        stream.once('error', (err) => req.destroy(err));
        stream.pipe(req);
      }
    });
  }
}
