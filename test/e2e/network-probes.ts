// What the network tests look at from the host: an HTTP body (bounded, retried while a server starts), and
// the network helpers (slirp4netns, tsmoby-portfwd) still serving a container's namespace.
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';

function once(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 5 s`)));
    req.on('error', reject);
  });
}

/** The body at `url`; retried (at most 50 times) while the server in the container is not yet listening. */
export async function httpGet(url: string): Promise<string> {
  let last: unknown;
  for (let i = 0; i < 50; i++) {
    try {
      return await once(url);
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last;
}

/** Pids of slirp4netns / tsmoby-portfwd processes whose command line names /proc/<pid>/ns/net. */
export function helperPids(containerPid: number): number[] {
  const needle = `/proc/${containerPid}/ns/net`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const argv = cmdline.split('\0');
    if (/(slirp4netns|tsmoby-portfwd)$/.test(argv[0] ?? '') && argv.includes(needle)) found.push(Number(entry));
  }
  return found;
}

/** Pids of slirp4netns processes serving a shared network namespace (a path ending in /netns/shared) under `runroot`. */
export function uplinkPids(runroot: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[] = [];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (/slirp4netns$/.test(argv[0] ?? '') && argv.some((a) => a.startsWith(runroot) && a.endsWith('/netns/shared'))) found.push(Number(entry));
  }
  return found;
}

/** Where a Tsmoby keeps its runtime state: --runroot as root, $XDG_RUNTIME_DIR/tsmoby rootless. */
export function runrootOf(t: { globals: string[]; user?: { runtimeDir: string } }): string {
  const i = t.globals.indexOf('--runroot');
  return i >= 0 ? t.globals[i + 1]! : `${t.user!.runtimeDir}/tsmoby`;
}
