// The one spawn path of the fs helper (dist/helpers/fs-helper.js): a request (storage/container-fs-request.ts)
// runs in a `node` child joined to the rootless namespace, where subordinate-owned files are readable and
// mounts are visible; as root without joining. Its JSON error line becomes a TsmobyError of the same kind.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InternalError, TsmobyError } from '../errors/index.js';
import type { ErrorKind } from '../errors/error-kind.js';
import type { ContainerFsRequest } from '../storage/container-fs-request.js';
import type { Sys } from '../sys/sys.js';

/** Runs one request; `stdout` is the answer, `done` settles when the helper exited and rejects with its error. */
export type FsHelperRunner = (
  request: ContainerFsRequest,
  stdin?: Readable | AsyncIterable<Uint8Array>,
) => Promise<{ stdout: Readable; done: Promise<void> }>;

/** dist/cli/main.cjs sits one level below dist/, as dist/helpers/fs-helper.js does;
 *  from the sources (src/engine) the bundle is two levels up. */
function helperPath(): string {
  const tried = ['../helpers/fs-helper.js', '../../dist/helpers/fs-helper.js'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = tried.find((p) => existsSync(p));
  if (!found) throw new InternalError(`fs helper not found (run \`npm run build:js\`); tried: ${tried.join(', ')}`);
  return found;
}

function helperError(stderr: string, exitCode: number): Error {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line) as { kind: ErrorKind; message: string };
    return new TsmobyError(parsed.kind, parsed.message);
  } catch {
    return new InternalError(`fs helper exited with ${exitCode}: ${stderr.trim()}`);
  }
}

export function fsHelperRunner(sys: Sys, namespace: () => Promise<number | undefined>): FsHelperRunner {
  let path: string | undefined;
  return async (request: ContainerFsRequest, stdin?: Readable | AsyncIterable<Uint8Array>) => {
    const join = await namespace();
    const child = await sys.spawn({
      argv: [process.execPath, (path ??= helperPath()), JSON.stringify(request)],
      ...(join !== undefined ? { join } : {}),
      stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const stdout = child.pipes[1] as Readable;
    const errChunks: Buffer[] = [];
    const stderr = child.pipes[2] as Readable;
    stderr.on('data', (c: Buffer) => errChunks.push(c));
    const stderrClosed = new Promise<void>((resolve) => stderr.on('close', () => resolve()));
    const feeding = stdin
      ? pipeline(stdin instanceof Readable ? stdin : Readable.from(stdin), child.pipes[0] as Writable).catch(() => undefined)
      : Promise.resolve();
    const done = (async () => {
      const status = await child.wait();
      await Promise.all([stderrClosed, feeding]);
      if (status.exitCode !== 0) throw helperError(Buffer.concat(errChunks).toString('utf8'), status.exitCode);
    })();
    return { stdout, done };
  };
}
