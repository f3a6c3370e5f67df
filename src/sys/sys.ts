// The kernel boundary as the rest of tsmoby sees it (youki's Syscall trait): every namespace, mount,
// ownership and spawn operation goes through one Sys, so that policy above it is unit-tested with FakeSys.
import type { Readable, Writable } from 'node:stream';

/** How a child's file descriptor i is set up; index = fd number in the child. */
export type StdioSpec =
  | 'ignore'
  | 'inherit'
  /** fd 0: the parent writes; fd >= 1: the parent reads. */
  | 'pipe'
  /** A pipe whose direction is explicit, for fds >= 3 (conmon's sync and start pipes). */
  | { pipe: 'parent-reads' | 'parent-writes' }
  /** An fd already open in this process, passed as is. */
  | { fd: number };

export interface SpawnOptions {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Join the user and mount namespaces of this pid (the pause process) and become root there. */
  join?: number;
  stdio?: StdioSpec[];
  /** Start a new session (setsid) so the child outlives this process's terminal and process group. */
  detached?: boolean;
}

export interface ExitStatus {
  /** The exit code, or 128 + signal number when killed by a signal (as shells report it). */
  exitCode: number;
  signal: string | null;
}

export interface SpawnedProcess {
  pid: number;
  /** Parent ends of the 'pipe' entries, indexed by child fd. */
  pipes: Array<Readable | Writable | undefined>;
  wait(): Promise<ExitStatus>;
}

export interface RunResult extends ExitStatus {
  stdout: string;
  stderr: string;
}

/** Filesystem operations that must run inside the user namespace (rootless) so that ids map. */
export type FsOp =
  | { op: 'mount'; source: string; target: string; fstype: string; flags?: MountFlag[]; data?: string }
  | { op: 'umount'; target: string; detach?: boolean }
  | { op: 'lchown'; path: string; uid: number; gid: number }
  | { op: 'chmod'; path: string; mode: number }
  | { op: 'mknod'; path: string; mode: number; major: number; minor: number }
  | { op: 'mkdir'; path: string; mode: number }
  | { op: 'lsetxattr'; path: string; name: string; value: string }
  /** Succeeds when the extended attribute exists (ENODATA when not): overlay's opaque marker. */
  | { op: 'lgetxattr'; path: string; name: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'removeAll'; path: string }
  /** unshare(CLONE_NEWNET), then bind-mount the new namespace onto `path` (an existing empty file) to keep it. */
  | { op: 'netns'; path: string };

export type MountFlag = 'rdonly' | 'nosuid' | 'nodev' | 'noexec' | 'bind' | 'rec' | 'private' | 'rprivate' | 'remount';

export type FsOpResult = { ok: true } | { ok: false; code: string; errno: number; syscall: string; path?: string };

export interface Sys {
  /** Rootless: the pid of the pause process holding the user+mount namespace (created when missing).
   *  Root: undefined, everything runs in the host namespaces. */
  ensureNamespace(): Promise<number | undefined>;
  spawn(opts: SpawnOptions): Promise<SpawnedProcess>;
  /** spawn with stdout/stderr collected, then wait. */
  run(opts: Omit<SpawnOptions, 'stdio'> & { input?: string | Uint8Array }): Promise<RunResult>;
  /** Runs the ops in order in one child that joined `join` (or in-process as root); one result per op.
   *  Stops at the first failure unless `keepGoing`; ops not attempted are not reported. */
  fsOps(ops: FsOp[], opts?: { join?: number; keepGoing?: boolean }): Promise<FsOpResult[]>;
  /** A connected, blocking, close-on-exec SOCK_SEQPACKET unix socket (conmon's attach socket), as a raw fd
   *  for fs.read/fs.write (each read returns one message); the caller closes it. */
  connectSeqpacket(path: string): Promise<number>;
  /** shutdown(2) on a socket fd; 'write' half-closes, 'both' also wakes a read blocked in another thread. */
  shutdownSocket(fd: number, how: 'read' | 'write' | 'both'): void;
  /** A pipe, both ends close-on-exec in this process (a child gets an end only through `stdio: { fd }`):
   *  [readFd, writeFd]; the caller closes both. The exit pipe of network helpers, whose write end conmon holds. */
  pipe(): [number, number];
}
