// Certificates made with openssl at test time: a throwaway CA and a server certificate for 127.0.0.1 and
// localhost (Go refuses certificates without a subjectAltName), and a self-signed token-signing certificate.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
  caPem: string;
}

export interface SigningCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate as base64 DER, as a JWT x5c entry carries it. */
  certDerBase64: string;
  keyPem: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`, { cause: error });
  }
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeServerCertificates(dir: string): ServerCertificates {
  openssl(
    ['req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=tsmoby test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(['req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext'],
    dir,
  );
  const caFile = join(dir, 'ca.crt');
  return { caFile, certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key'), caPem: readFileSync(caFile, 'utf8') };
}

/** RSA, so that tokens are RS256, the algorithm every registry client and server handles. */
export function makeSigningCertificate(dir: string): SigningCertificate {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'token.key', '-out', 'token.crt', '-days', '2',
      '-subj', '/CN=tsmoby test token issuer'],
    dir,
  );
  const certFile = join(dir, 'token.crt');
  const pem = readFileSync(certFile, 'utf8');
  const certDerBase64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return { certFile, keyFile: join(dir, 'token.key'), certDerBase64, keyPem: readFileSync(join(dir, 'token.key'), 'utf8') };
}
