// Entry of the one fs helper (bundled as dist/helpers/fs-helper.js): the engine spawns it joined into the
// rootless namespace with one JSON request (container-fs-request.ts) as argv[2]; failures go to stderr as
// one JSON line ({kind, message}) so the engine can rethrow them with their kind.
import { TsmobyError } from '../errors/index.js';
import { readXattr } from '../sys/xattr.js';
import { serveRequest, type ContainerFsRequest } from './container-fs-request.js';

function isOpaque(dir: string, xattr: string): boolean {
  try {
    return readXattr(dir, xattr)?.toString() === 'y';
  } catch {
    // A filesystem without xattrs has no opaque directories.
    return false;
  }
}

async function main(): Promise<void> {
  try {
    const request = JSON.parse(process.argv[2] ?? '') as ContainerFsRequest;
    await serveRequest(request, { stdin: process.stdin, stdout: process.stdout }, isOpaque);
  } catch (err) {
    const e = err as Error & { code?: string };
    const kind = err instanceof TsmobyError ? err.kind : e.code === 'ENOENT' ? 'not-found' : 'internal';
    process.stderr.write(`${JSON.stringify({ kind, message: e.message })}\n`);
    process.exitCode = 1;
  }
}

await main();
