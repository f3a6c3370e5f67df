// X-Registry-Auth: base64 (URL-safe or standard) JSON {username, password, serveraddress}, as the docker CLI and
// docker-py send it for pull and push. An empty or `{}` header means anonymous.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress?: string;
}

export function decodeRegistryAuth(header: string | string[] | undefined): RegistryAuth | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(raw.trim(), 'base64').toString('utf8'));
  } catch (err) {
    throw new InvalidArgumentError('invalid X-Registry-Auth header: not base64-encoded JSON', { cause: err });
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  const { username, password, serveraddress } = doc as Record<string, unknown>;
  if (typeof username !== 'string' || username === '') return undefined;
  return {
    username,
    password: typeof password === 'string' ? password : '',
    ...(typeof serveraddress === 'string' && serveraddress !== '' ? { serveraddress } : {}),
  };
}
