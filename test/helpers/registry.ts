// Starts Debian's docker-registry (distribution 2.8) on a free loopback port for one test file: plain HTTP,
// TLS with a throwaway CA, htpasswd basic auth, or bearer tokens from an in-process token server.
// A watchdog kills the registry when the test process dies, however it dies.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { labRequest } from './http-request.js';
import { makeServerCertificates, makeSigningCertificate } from './test-certs.js';
import { startTokenServer } from './token-server.js';
import type { TokenServer } from './token-server.js';

export type RegistryVariant = 'plain' | 'tls' | 'basic' | 'token';

export interface StartRegistryOptions {
  variant: RegistryVariant;
  /** Accounts for 'basic' and 'token'; defaults to { testuser: 'testpassword' }. */
  users?: Record<string, string>;
  /** Serve 'basic' or 'token' over TLS as well ('tls' always is). */
  tls?: boolean;
}

export interface TestRegistry {
  variant: RegistryVariant;
  /** 127.0.0.1:<port>, as an image reference names it. */
  host: string;
  url: string;
  tls: boolean;
  /** The docker-registry process. */
  pid: number;
  /** A certs.d directory holding <host>/ca.crt, for TLS registries. */
  certsDir?: string;
  caFile?: string;
  caPem?: string;
  /** The first account, for the auth variants. */
  credentials?: { username: string; password: string };
  users: Record<string, string>;
  tokenServer?: TokenServer;
  /** The registry's recent log lines, for diagnosing a failing test. */
  logs(): string;
  stop(): Promise<void>;
}

const registryBinary = '/usr/bin/docker-registry';
const startTimeoutMs = 15_000;
const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

interface ConfigParts {
  dir: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
  auth?: string;
}

function writeConfig(parts: ConfigParts): string {
  const lines = [
    'version: 0.1',
    'log:', '  level: info', '  formatter: text',
    'storage:', '  filesystem:', `    rootdirectory: ${join(parts.dir, 'data')}`, '  delete:', '    enabled: true',
    '  maintenance:', '    uploadpurging:', '      enabled: false',
    'http:', `  addr: 127.0.0.1:${parts.port}`, '  secret: tsmoby-test-lab-secret',
    ...(parts.tls ? ['  tls:', `    certificate: ${parts.tls.certFile}`, `    key: ${parts.tls.keyFile}`] : []),
    ...(parts.auth !== undefined ? [parts.auth] : []),
  ];
  const file = join(parts.dir, `config-${parts.port}.yml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Closing the watchdog's stdin (our death) makes it SIGKILL the registry and remove its directory. */
function startWatchdog(pid: number | undefined, dir: string): ChildProcess {
  // kill -9 with pid 0 would hit our own process group.
  if (pid === undefined || pid <= 0) throw new Error('docker-registry has no pid to watch');
  const watchdog = spawn('sh', ['-c', 'cat >/dev/null; kill -9 "$1" 2>/dev/null; rm -rf "$2"', 'watchdog', String(pid), dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as (NodeJS.WritableStream & { unref?: () => void }) | null)?.unref?.();
  return watchdog;
}

interface Launched {
  child: ChildProcess;
  logs: () => string;
}

function launch(configFile: string): Promise<Launched> {
  const child = spawn(registryBinary, ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const lines: string[] = [];
  const logs = (): string => lines.join('\n');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`docker-registry did not start within ${startTimeoutMs} ms:\n${logs()}`));
    }, startTimeoutMs);
    const onLine = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue;
        lines.push(line);
        if (lines.length > 300) lines.shift();
        if (line.includes('listening on')) {
          clearTimeout(timer);
          resolve({ child, logs });
        }
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      clearTimeout(timer);
      reject(Object.assign(new Error(`docker-registry exited (${code ?? signal}) while starting:\n${logs()}`), {
        addressInUse: logs().includes('address already in use'),
      }));
    });
  });
}

function htpasswdFile(dir: string, users: Record<string, string>): string {
  const file = join(dir, 'htpasswd');
  const entries = Object.entries(users).map(([user, password]) =>
    execFileSync('htpasswd', ['-Bbn', user, password], { timeout: 30_000 }).toString().trim());
  writeFileSync(file, `${entries.join('\n')}\n`);
  return file;
}

async function launchOnFreePort(dir: string, makeConfig: (port: number) => string): Promise<Launched & { port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { ...(await launch(makeConfig(port))), port };
    } catch (error) {
      if (attempt >= 3 || !(error as { addressInUse?: boolean }).addressInUse) throw error;
    }
  }
}

function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startRegistry(options: StartRegistryOptions): Promise<TestRegistry> {
  const { variant } = options;
  const useTls = variant === 'tls' || options.tls === true;
  const users = options.users ?? { testuser: 'testpassword' };
  const dir = mkdtempSync(join(tmpdir(), 'tsmoby-registry-'));
  let tokenServer: TokenServer | undefined;
  try {
    const certs = useTls ? makeServerCertificates(dir) : undefined;
    let auth: string | undefined;
    if (variant === 'basic') {
      auth = ['auth:', '  htpasswd:', '    realm: tsmoby-test', `    path: ${htpasswdFile(dir, users)}`].join('\n');
    } else if (variant === 'token') {
      const signing = makeSigningCertificate(dir);
      tokenServer = await startTokenServer({ port: await freePort(), service: 'tsmoby-test-registry', users, signing });
      auth = ['auth:', '  token:', `    realm: ${tokenServer.realm}`, `    service: ${tokenServer.service}`,
        `    issuer: ${tokenServer.issuer}`, `    rootcertbundle: ${signing.certFile}`].join('\n');
    }
    const tlsFiles = certs ? { certFile: certs.certFile, keyFile: certs.keyFile } : undefined;
    const launched = await launchOnFreePort(dir, (port) => writeConfig({ dir, port, tls: tlsFiles, auth }));
    const watchdog = startWatchdog(launched.child.pid, dir);
    const host = `127.0.0.1:${launched.port}`;
    const url = `${useTls ? 'https' : 'http'}://${host}`;
    const probe = await labRequest(`${url}/v2/`, { ca: certs?.caPem, timeoutMs: 10_000 }).catch((error: unknown) => error);
    if (!(probe instanceof Object && 'status' in probe && (probe.status === 200 || probe.status === 401))) {
      await stopChild(launched.child, 5_000);
      watchdog.kill('SIGKILL');
      throw new Error(`registry at ${url} did not answer /v2/ as a registry:\n${launched.logs()}`, { cause: probe });
    }
    let certsDir: string | undefined;
    if (certs) {
      certsDir = join(dir, 'certs.d');
      mkdirSync(join(certsDir, host), { recursive: true });
      copyFileSync(certs.caFile, join(certsDir, host, 'ca.crt'));
    }
    const [first] = Object.entries(users);
    const server = tokenServer;
    return {
      variant, host, url, tls: useTls, users, pid: launched.child.pid ?? 0,
      ...(certs ? { certsDir, caFile: certs.caFile, caPem: certs.caPem } : {}),
      ...(variant === 'basic' || variant === 'token') && first ? { credentials: { username: first[0], password: first[1] } } : {},
      ...(server ? { tokenServer: server } : {}),
      logs: launched.logs,
      stop: async () => {
        await stopChild(launched.child, 5_000);
        watchdog.kill('SIGKILL');
        await server?.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await tokenServer?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
