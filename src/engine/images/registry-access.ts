// Opens a registry client the way the user's configuration says: TLS material from certs.d (or --cert-dir),
// insecure from registries.conf or --tls-verify=false, credentials from the options or the auth files.
import { basename, dirname } from 'node:path';
import { lookupCredentials, type Credentials } from '../../config/auth-file.js';
import { loadRegistryTls } from '../../config/certs-d.js';
import { isInsecureRegistry } from '../../config/registries-conf.js';
import { RegistryClient } from '../../image/registry/registry-client.js';
import type { ImageContext } from './image-context.js';

export interface RegistryAccessOptions {
  /** Repository path inside the registry, for repository-scoped credentials. */
  repository?: string;
  insecure?: boolean;
  tlsVerify?: boolean;
  credentials?: Credentials;
  /** --cert-dir: a directory holding *.crt / *.cert / *.key for this registry directly. */
  certDir?: string;
}

export async function openRegistry(ctx: ImageContext, host: string, o: RegistryAccessOptions = {}): Promise<RegistryClient> {
  // A --cert-dir holds the files itself, where a certs.d directory holds one sub-directory per host.
  const tls = o.certDir ? await loadRegistryTls(basename(o.certDir), [dirname(o.certDir)]) : await loadRegistryTls(host, ctx.certsDirs);
  const insecure = o.tlsVerify === false || (o.tlsVerify !== true && (o.insecure ?? isInsecureRegistry(await ctx.registriesConf(), host)));
  const target = o.repository ? `${host}/${o.repository}` : host;
  const credentials = o.credentials ?? (await lookupCredentials(ctx.authEnv, target));
  return new RegistryClient({
    registry: host,
    insecure,
    tls: { ca: tls.ca, ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}) },
    ...(credentials ? { credentials } : {}),
    userAgent: 'tsmoby',
  });
}

/** 'host:5000/ns/app' -> { host: 'host:5000', path: 'ns/app' } */
export function splitRepositoryName(name: string): { host: string; path: string } {
  const slash = name.indexOf('/');
  return { host: name.slice(0, slash), path: name.slice(slash + 1) };
}
