// `diff` / GET /containers/{id}/changes: the upper dir against the image's layers, read by the
// fs helper where every id maps (no mount needed: upper and lower dirs are plain directories).
import { opaqueXattrName } from '../../storage/whiteout.js';
import type { FsChange } from '../../storage/upper-changes.js';
import type { ContainerChange } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';

export async function containerChanges(deps: ContainerDeps, name: string): Promise<ContainerChange[]> {
  const record = await deps.store.resolve(name);
  const { stdout, done } = await deps.containerFs({
    op: 'changes',
    upper: deps.store.paths(record.config.id).upper,
    lowersTopFirst: [...record.layers].reverse().map((c) => deps.layerDiffPath(c)),
    opaqueXattr: opaqueXattrName(deps.rootless),
  });
  const chunks: Buffer[] = [];
  for await (const c of stdout) chunks.push(c as Buffer);
  await done;
  const changes = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FsChange[];
  return changes.map((c) => ({ Path: c.path, Kind: c.kind }));
}
