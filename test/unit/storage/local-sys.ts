// A Sys for storage tests: runs the file-system FsOps in this process (tests run as the file owner, so no
// namespace is needed) and records every call; mount, mknod and xattr ops are only recorded.
import { chmod, lchown, mkdir, rename, rm } from 'node:fs/promises';
import type { FsOp, FsOpResult, Sys } from '../../../src/sys/sys.js';

export class LocalFsSys implements Sys {
  readonly calls: Array<{ ops: FsOp[]; join: number | undefined }> = [];

  async ensureNamespace(): Promise<number | undefined> {
    return undefined;
  }
  spawn(): never {
    throw new Error('spawn is not used by storage tests');
  }
  run(): never {
    throw new Error('run is not used by storage tests');
  }
  connectSeqpacket(): never {
    throw new Error('connectSeqpacket is not used by storage tests');
  }
  pipe(): never {
    throw new Error('pipe is not used by storage tests');
  }
  shutdownSocket(): never {
    throw new Error('shutdownSocket is not used by storage tests');
  }

  async fsOps(ops: FsOp[], opts: { join?: number; keepGoing?: boolean } = {}): Promise<FsOpResult[]> {
    this.calls.push({ ops, join: opts.join });
    const results: FsOpResult[] = [];
    for (const op of ops) {
      try {
        await runOne(op);
        results.push({ ok: true });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        results.push({ ok: false, code: e.code ?? 'EIO', errno: e.errno ?? -5, syscall: e.syscall ?? op.op, path: e.path });
        if (!opts.keepGoing) break;
      }
    }
    return results;
  }
}

async function runOne(op: FsOp): Promise<void> {
  switch (op.op) {
    case 'lchown':
      return lchown(op.path, op.uid, op.gid);
    case 'chmod':
      return chmod(op.path, op.mode);
    case 'mkdir':
      return void (await mkdir(op.path, { mode: op.mode }));
    case 'rename':
      return rename(op.from, op.to);
    case 'removeAll':
      return rm(op.path, { recursive: true, force: true });
    default:
      return;
  }
}
