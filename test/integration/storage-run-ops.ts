// Executes FsOps with real syscalls (through small tools where Node has none), as the namespace child will:
// for integration tests that run as root, or inside a user namespace.
import { execFileSync } from 'node:child_process';
import { chmod, lchown } from 'node:fs/promises';
import type { FsOp } from '../../src/sys/sys.js';

export async function runOps(ops: FsOp[]): Promise<void> {
  for (const op of ops) {
    if (op.op === 'lchown') await lchown(op.path, op.uid, op.gid);
    else if (op.op === 'chmod') await chmod(op.path, op.mode);
    else if (op.op === 'mknod') {
      const type = (op.mode & 0o170000) === 0o010000 ? ['p'] : ['c', String(op.major), String(op.minor)];
      execFileSync('mknod', ['-m', (op.mode & 0o7777).toString(8), op.path, ...type]);
    } else if (op.op === 'lsetxattr') {
      const py = 'import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode(), follow_symlinks=False)';
      execFileSync('python3', ['-c', py, op.path, op.name, op.value]);
    } else if (op.op === 'mount') execFileSync('mount', ['-t', op.fstype, op.source, op.target, '-o', op.data ?? '']);
    else if (op.op === 'umount') execFileSync('umount', [op.target]);
    else throw new Error(`unexpected op ${op.op}`);
  }
}
