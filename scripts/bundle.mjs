// Bundles the CLI into one CommonJS file (dist/cli/main.cjs) that bin/tsmoby compiles through vm.Script with
// a V8 code cache (written here for the top level, per command by the loader), plus the ES module entries:
// the loader itself, the fs helper (its own process) and the ink progress view (ink has top-level await).
import { build } from 'esbuild';
import { rm, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
// ink pulls yoga's wasm and optional devtools; it loads from node_modules only when a TTY view is drawn.
const external = ['ink', 'react', 'react/jsx-runtime', 'react-devtools-core'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', charset: 'ascii', logLevel: 'warning', external };

/** The progress view stays a separate ES module, imported at run time next to the bundle. */
const progressViewOutside = {
  name: 'progress-view-outside',
  setup(b) {
    b.onResolve({ filter: /\/progress-view\.js$/ }, () => ({ path: './progress-view.js', external: true }));
  },
};

/** Built-ins that dependencies load at their top but rarely use cost a few ms of every start each:
 *  commander's child_process (executable subcommands only) and signal-exit's assert (a failed check only)
 *  are loaded on first use instead. */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(child_process|assert)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      const fromCommander = name === 'child_process' && /node_modules\/commander\//.test(args.importer);
      const fromSignalExit = name === 'assert' && /node_modules\/signal-exit\//.test(args.importer);
      return fromCommander || fromSignalExit ? { path: name, namespace: 'lazy-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: args.path === 'assert'
        ? "exports.equal = (a, b, message) => { if (a != b) require('node:assert').equal(a, b, message); };"
        : "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [progressViewOutside, lazyBuiltins],
  // The sources locate the addon, conmon and the fs helper from their own URL.
  define: { 'import.meta.url': '__tsmobyModuleUrl' },
  banner: { js: "var __tsmobyModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: {
    'cli/bundle-loader': 'src/cli/bundle-loader.ts',
    'cli/progress-view': 'src/cli/render/progress-view.tsx',
    'helpers/fs-helper': 'src/storage/fs-helper-main.ts',
  },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Code compiled from a V8 cache loses vm's dynamic-import hook (Node 20), so the bundle's one ES module
// import goes through the importer its loader hands in (see wrapBundleSource).
const main = `${dist}/cli/main.cjs`;
const text = await readFile(main, 'latin1');
const viewImport = 'import("./progress-view.js")';
if (text.split(viewImport).length !== 2) throw new Error(`bundle: expected one ${viewImport} in ${main}`);
const substituted = text.replace(viewImport, '__tsmobyImport("./progress-view.js")');
const leftover = /[^\w$.]import\(\s*["'`a-zA-Z]/.exec(substituted);
if (leftover) throw new Error(`bundle: a dynamic import() is left in ${main} (use a static import): ${substituted.slice(leftover.index, leftover.index + 60)}`);
await writeFile(main, substituted, 'latin1');

// The build's cache covers the top level; what a command compiles later is cached by the loader per user.
const { wrapBundleSource } = await import(new URL('../dist/cli/bundle-loader.js', import.meta.url).href);
const script = new vm.Script(wrapBundleSource(await readFile(main, 'latin1')), { filename: main });
await writeFile(`${main}.cache`, script.createCachedData(), { mode: 0o644 });
