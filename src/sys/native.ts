// The one loader of the native addon (native/build/Release/tsmoby_native.node) and its typed surface.
// Loaded lazily on first use so that commands needing no kernel work (--help, ps) run without it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../errors/index.js';
import type { FsOp } from './sys.js';

export interface NativeSpawnRequest {
  /** execve candidates tried in order (argv[0] resolved against PATH by the caller). */
  files: string[];
  argv: string[];
  /** "NAME=value" strings. */
  envp: string[];
  cwd?: string;
  /** Join this pid's user and mount namespaces and become uid/gid 0 there. */
  join?: number;
  setsid: boolean;
  /** Child fd i is a dup of this process's fds[i]; -1 leaves it closed. */
  fds: number[];
}

export interface NativeWaitStatus {
  exitCode: number | null;
  /** Signal number when the child was killed. */
  signal: number | null;
}

export interface NativeFsOpOutcome {
  /** 0 on success, else a negative errno as Node reports it. */
  errno: number;
  syscall: string;
}

export interface NativeAddon {
  geteuid(): number;
  /** A pipe, both ends close-on-exec: [readFd, writeFd]. */
  pipe(): [number, number];
  /** Returns the pid; throws a Node-style system error (code, errno, syscall, path) when exec fails. */
  spawn(request: NativeSpawnRequest): number;
  /** waitpid(pid) on a thread of its own; rejects with ECHILD for a pid that is not our child. */
  wait(pid: number): Promise<NativeWaitStatus>;
  /** One outcome per attempted op; rejects when joining the namespaces fails. */
  fsOps(ops: FsOp[], join: number | undefined, keepGoing: boolean): Promise<NativeFsOpOutcome[]>;
  /** socket(AF_UNIX, SOCK_SEQPACKET) + connect on a worker thread; resolves to the fd. */
  connectSeqpacket(path: string): Promise<number>;
  shutdownSocket(fd: number, how: 'read' | 'write' | 'both'): void;
  /** lgetxattr(2); null when the attribute is absent (or xattrs are unsupported there). */
  lgetxattr(path: string, name: string): Buffer | null;
}

const ADDON_FILE = 'tsmoby_native.node';
const PAUSE_FILE = 'tsmoby-pause';

/** Directories searched for the build output, in order. TSMOBY_NATIVE_DIR lets a package put it elsewhere. */
export function nativeSearchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [
    ...(env.TSMOBY_NATIVE_DIR ? [resolve(env.TSMOBY_NATIVE_DIR)] : []),
    // src/sys/native.ts and dist/cli/main.cjs both sit two levels below the package root.
    resolve(here, '../../native/build/Release'),
    resolve(here, '../native/build/Release'),
  ];
  return [...new Set(dirs)];
}

function findBuilt(file: string): string {
  const tried = nativeSearchDirs().map((dir) => join(dir, file));
  const found = tried.find((p) => existsSync(p));
  if (found === undefined) {
    throw new InternalError(
      `native ${file} not found (run \`npm run build:native\`); tried: ${tried.join(', ')}`,
    );
  }
  return found;
}

let addon: NativeAddon | undefined;

export function loadNative(): NativeAddon {
  if (addon === undefined) {
    const path = findBuilt(ADDON_FILE);
    try {
      addon = createRequire(import.meta.url)(path) as NativeAddon;
    } catch (err) {
      throw new InternalError(`cannot load native addon ${path}`, { cause: err });
    }
  }
  return addon;
}

/** The tsmoby-pause executable that holds the rootless namespaces. */
export function pauseExecutablePath(): string {
  return findBuilt(PAUSE_FILE);
}
