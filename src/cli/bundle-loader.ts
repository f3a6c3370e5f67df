// Loads the bundled CLI (dist/cli/main.cjs) through vm.Script with a V8 code cache, so that a command does
// not parse a megabyte of JavaScript on every start: Node 20 has no compile cache for modules of its own.
// The cache is the build's (top level only) or, once a command ran, the user's for that command word.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** What the bundle exports to its loader. */
export interface BundledCli {
  main(argv: string[]): Promise<number>;
}

/** The function wrapper around the bundle's text; the build's cache is made over exactly this string.
 *  `__tsmobyImport` stands in for import(), which code compiled from a cache cannot use on Node 20. */
export function wrapBundleSource(source: string): string {
  return `(function (exports, require, module, __filename, __dirname, __tsmobyImport) {${source}\n})`;
}

/** The word a cache is kept for: the first argument that looks like a command, else `other`. */
export function cacheWord(argv: readonly string[]): string {
  const word = argv.find((a) => !a.startsWith('-') && !a.includes('/'));
  return word !== undefined && /^[a-z][a-z-]{0,31}$/.test(word) ? word : 'other';
}

/** Where the user's caches live: $XDG_CACHE_HOME/tsmoby/code-cache or ~/.cache/tsmoby/code-cache. */
export function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'tsmoby', 'code-cache') : undefined;
}

/** A cache is code: it is used only when the reader's uid (or root, for the build's) owns it and nobody
 *  else may write it. Missing or refused is undefined, never an error. */
export function readTrustedFile(path: string, owners: readonly number[]): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (!st.isFile() || !owners.includes(st.uid) || (st.mode & 0o022) !== 0) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface LoadOptions {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
}

/** Compiles the bundle (with the best cache at hand), runs its main, and leaves a cache for next time. */
export async function runBundledCli(bundlePath: string, options: LoadOptions): Promise<number> {
  const env = options.env ?? process.env;
  const uid = options.uid ?? process.geteuid?.() ?? 0;
  const st = statSync(bundlePath);
  const enabled = env.TSMOBY_CODE_CACHE !== '0';
  const dir = enabled ? userCacheDir(env) : undefined;
  // V8 checks a cache against the source's length only: the key holds the bundle's size and mtime as well.
  const userFile = dir && join(dir, `${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}`, `${cacheWord(options.argv)}.bin`);
  const userCache = userFile ? readTrustedFile(userFile, [uid]) : undefined;
  const cachedData = userCache ?? (enabled ? readTrustedFile(`${bundlePath}.cache`, [uid, 0]) : undefined);
  // esbuild writes the bundle as ASCII (charset: 'ascii'), so latin1 decodes it exactly and 5x faster.
  const script = new vm.Script(wrapBundleSource(readFileSync(bundlePath, 'latin1')), {
    filename: bundlePath,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as BundledCli };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  // The one ES module the bundle imports: the ink progress view (ink has top-level await), beside it.
  const importBeside = (specifier: string): Promise<unknown> => import(pathToFileURL(join(dirname(bundlePath), specifier)).href);
  wrapper(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath), importBeside);
  const code = await module.exports.main(options.argv);
  if (userFile && (userCache === undefined || script.cachedDataRejected === true)) saveCache(userFile, script);
  return code;
}

/** Caches of other bundles kept besides the current one: a user may run a few checkouts or Node versions
 *  in turn, and evicting each other's caches on every switch would make every run write one. */
const KEPT_OTHER_KEYS = 3;

/** The caches of other bundles (older builds, other Node versions) beyond the newest few go. */
function pruneKeys(top: string, current: string): void {
  const others = readdirSync(top).map((name) => join(top, name)).filter((path) => path !== current)
    .map((path) => ({ path, mtime: statSync(path).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { path } of others.slice(KEPT_OTHER_KEYS)) rmSync(path, { recursive: true, force: true });
}

/** After the command: the functions it compiled go into the cache too. Best effort, atomic. */
function saveCache(file: string, script: vm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const keyDir = dirname(file);
    const top = dirname(keyDir);
    mkdirSync(top, { recursive: true, mode: 0o700 });
    try {
      mkdirSync(keyDir, { mode: 0o700 });
      pruneKeys(top, keyDir);
    } catch {
      // The key directory was there already.
    }
    // Opened before the cache is serialised: a directory it cannot write costs no serialisation.
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, script.createCachedData());
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch {
    // No cache is only slower.
    rmSync(temp, { force: true });
  }
}
