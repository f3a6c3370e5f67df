// A minimal HTTP(S) client for the test lab: one request, whole body buffered, an optional CA for TLS
// registries (global fetch cannot take a per-request CA), and a bounded wait.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface LabRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  ca?: string | Buffer;
  timeoutMs?: number;
}

export interface LabResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function labRequest(url: string | URL, options: LabRequest = {}): Promise<LabResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: options.method ?? 'GET', headers, ...(options.ca !== undefined ? { ca: options.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`timed out: ${req.method} ${target}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
