// Bundles a TypeScript test child into one CommonJS file with esbuild, so that tests can run it as a real,
// separate node process (and kill it).
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function bundleChild(entry: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'tsmoby-child-')), 'child.cjs');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  return out;
}
