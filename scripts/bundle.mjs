// Bundles each entry with code splitting so that a command's modules load only when that command runs.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    'helpers/fs-helper': 'src/storage/fs-helper-main.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // ink pulls yoga's wasm and optional devtools; it loads from node_modules only when a TTY view is drawn.
  external: ['ink', 'react', 'react/jsx-runtime', 'react-devtools-core'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
