// The layer helper: a tiny program spawned inside the rootless user namespace (where files owned by
// subordinate ids are readable) that writes a layer tar to stdout: `diff UPPER` for a container's changes,
// `copy JSON` for paths copied out of extracted layers. Opaque directories are read from overlay's xattr.
import { once } from 'node:events';
import { createDiffTar } from './diff.js';
import { createCopyTar, type CopyTarSpec } from './copy-tar.js';
import { MergedTree } from './merged-tree.js';
import { readXattr } from '../sys/xattr.js';

function isOpaque(path: string): boolean {
  for (const name of ['user.overlay.opaque', 'trusted.overlay.opaque']) {
    try {
      if (readXattr(path, name)?.toString() === 'y') return true;
    } catch {
      // A filesystem without xattrs has no opaque directories.
    }
  }
  return false;
}

async function main(argv: string[]): Promise<void> {
  const [mode, arg] = argv;
  let tar: AsyncIterable<Uint8Array>;
  if (mode === 'diff' && arg) {
    tar = createDiffTar(arg, { isOpaque: async (p) => isOpaque(p) });
  } else if (mode === 'copy' && arg) {
    const request = JSON.parse(arg) as { layers: string[]; spec: CopyTarSpec };
    tar = createCopyTar(new MergedTree(request.layers, isOpaque), request.spec);
  } else {
    throw new Error('usage: layer-helper diff UPPER_DIR | copy JSON');
  }
  for await (const chunk of tar) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`layer helper: ${err.message}\n`);
  process.exitCode = 1;
});
