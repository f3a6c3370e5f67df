// Test child: takes a lock (or creates a layer) in its own process, says so on stdout, then waits to be killed
// or for stdin to close. argv: hold <locksDir> <name> | layer <layersDir> <locksDir> <chainId>
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Locks } from '../../../src/state/lock.js';
import { LayerStore } from '../../../src/storage/layer-store.js';
import { LocalFsSys } from '../storage/local-sys.js';

function stdinClosed(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on('end', resolve).on('close', resolve).resume();
  });
}

async function main(): Promise<void> {
  const [cmd, a, b, c] = process.argv.slice(2);
  if (cmd === 'hold') {
    await new Locks(a!).withLock(b!, async () => {
      process.stdout.write('locked\n');
      await stdinClosed();
    });
    return;
  }
  if (cmd === 'layer') {
    const locks = new Locks(b!);
    const store = new LayerStore({ layersDir: a!, locks, sys: new LocalFsSys(), namespace: async () => undefined });
    await store.create(c!, undefined, async (diff) => {
      await mkdir(diff);
      await writeFile(join(diff, 'half'), 'partial');
      process.stdout.write('extracting\n');
      await stdinClosed();
      throw new Error('extraction interrupted');
    });
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
