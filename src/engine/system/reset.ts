// `system reset`: everything the store holds goes, removed through the namespace (rootless files belong to
// subordinate ids the user cannot delete directly), then the pause process holding the namespace ends.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorePaths } from '../../config/paths.js';
import type { Sys } from '../../sys/sys.js';
import { InternalError } from '../../errors/tsmoby-error.js';

/** The shared network namespace of user networks: its uplink ends, its pinned file is unmounted. */
async function releaseSharedNetns(paths: StorePaths, sys: Sys, pausePid: number | undefined): Promise<void> {
  const dir = join(paths.runroot, 'netns');
  const uplink = await readFile(join(dir, 'uplink.json'), 'utf8').then((t) => JSON.parse(t) as { pid?: number }, () => ({} as { pid?: number }));
  if (typeof uplink.pid === 'number') {
    try { process.kill(uplink.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const pinned = await readFile(join(dir, 'shared.owner')).then(() => true, () => false);
  if (pinned) await sys.fsOps([{ op: 'umount', target: join(dir, 'shared'), detach: true }], { join: pausePid, keepGoing: true });
}

export async function resetStore(paths: StorePaths, sys: Sys): Promise<void> {
  const targets: string[] = [];
  for (const dir of [paths.root, paths.runroot]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    // The pause pid file goes last: it is how we find the process to end.
    targets.push(...names.filter((n) => !(dir === paths.runroot && n === 'pause.pid')).map((n) => join(dir, n)));
  }
  const hasPause = targets.length > 0 || (await readFile(join(paths.runroot, 'pause.pid')).then(() => true, () => false));
  // ensureNamespace checks the recorded pid's start time, so a reused pid is never killed.
  const pausePid = paths.rootless && hasPause ? await sys.ensureNamespace() : undefined;
  await releaseSharedNetns(paths, sys, pausePid);
  if (targets.length > 0) {
    const results = await sys.fsOps(targets.map((path) => ({ op: 'removeAll' as const, path })), { join: pausePid, keepGoing: true });
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) throw new InternalError(`cannot remove ${failed.path ?? ''}: ${failed.code}`);
  }
  if (pausePid !== undefined) {
    try { process.kill(pausePid, 'SIGKILL'); } catch { /* already gone */ }
  }
  await rm(join(paths.runroot, 'pause.pid'), { force: true });
}
