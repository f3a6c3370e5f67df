// Request bodies: read with a size limit (a JSON config is small; a huge body is a client bug or an attack).
import type { IncomingMessage } from 'node:http';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';

export const DEFAULT_JSON_LIMIT = 4 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = DEFAULT_JSON_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new InvalidArgumentError(`request body too large: ${declared} bytes (limit ${limit})`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new InvalidArgumentError(`request body too large: more than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body parsed as JSON, or undefined when empty (Docker treats an empty body as "no options"). */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new InvalidArgumentError(`invalid JSON body: ${(err as Error).message}`, { cause: err });
  }
}
