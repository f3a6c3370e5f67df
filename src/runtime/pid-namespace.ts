// The processes of a container found through /proc: every pid sharing the init process's pid namespace.
// For `top` where `runc ps` cannot read cgroups (rootless on cgroup v1). The owner of a user namespace may
// read the namespace links of processes in it, so this works for the rootless user's containers too.
import { readdir, readlink } from 'node:fs/promises';

async function pidNamespaceOf(pid: number, proc: string): Promise<string | undefined> {
  try {
    return await readlink(`${proc}/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** Host pids in the same pid namespace as `initPid`, ascending; empty when it is gone. */
export async function pidsInPidNamespace(initPid: number, proc = '/proc'): Promise<number[]> {
  const target = await pidNamespaceOf(initPid, proc);
  if (target === undefined) return [];
  const pids = (await readdir(proc)).filter((name) => /^\d+$/.test(name)).map(Number);
  const matches = await Promise.all(pids.map(async (pid) => ((await pidNamespaceOf(pid, proc)) === target ? pid : undefined)));
  return matches.filter((pid): pid is number => pid !== undefined).sort((a, b) => a - b);
}
