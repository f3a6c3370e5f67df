// Turns a resolved COPY/ADD into a CopyRequest for the backend plus its content hash: sources planned against
// the context listing (or looked up in another stage's rootfs for --from), owners resolved, and the missing
// parent directories of every target listed so that the new layer creates them.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { NotImplementedError } from '../errors/index.js';
import type { BuildBackend, CopyRequest, LayerHandle } from './build-backend.js';
import { hashCopyItems, sniffArchive } from './context-files.js';
import { contextRelative, planCopy, type ArchiveKind, type ContextEntry } from './copy-plan.js';
import type { CopyStep } from './resolved-step.js';

export interface CopySource {
  contextDir: string;
  entries: () => Promise<ContextEntry[]>;
  /** COPY --from: the layers of that stage or image. */
  fromLayers?: readonly LayerHandle[];
}

export interface PlannedCopy {
  request: CopyRequest;
  contentHash: string;
}

async function owner(backend: BuildBackend, layers: readonly LayerHandle[], step: CopyStep): Promise<{ uid: number; gid: number }> {
  const c = step.chown;
  if (c === undefined) return { uid: 0, gid: 0 };
  if (/^\d+$/.test(c.user) && (c.group === undefined || /^\d+$/.test(c.group))) {
    return { uid: Number(c.user), gid: Number(c.group ?? c.user) };
  }
  return backend.resolveOwner(layers, c);
}

export async function planCopyStep(backend: BuildBackend, layers: readonly LayerHandle[], step: CopyStep, src: CopySource): Promise<PlannedCopy> {
  if (step.inline.length > 0) throw new NotImplementedError(`${step.keyword} with a heredoc source is not supported yet`);
  const ids = await owner(backend, layers, step);
  const chmod = step.chmod !== undefined ? { chmod: step.chmod } : {};
  const base = { uid: ids.uid, gid: ids.gid, ...chmod };
  let request: CopyRequest;
  let contentHash: string;
  if (src.fromLayers !== undefined) {
    const items = await fromItems(backend, src.fromLayers, step);
    request = { ...base, from: src.fromLayers, dirs: [], items };
    contentHash = `sha256:${createHash('sha256').update(JSON.stringify([src.fromLayers.at(-1)?.chainId ?? '', items, base])).digest('hex')}`;
  } else {
    const entries = await src.entries();
    const input = { keyword: step.keyword, sources: step.sources, dest: step.dest, entries };
    let plan = planCopy(input);
    if (step.keyword === 'ADD') {
      const kinds = new Map<string, ArchiveKind | undefined>();
      for (const i of plan.items) if (i.source.type === 'file') kinds.set(i.source.path, await sniffArchive(src.contextDir, i.source.path));
      plan = planCopy({ ...input, archiveKind: (p) => kinds.get(p) });
    }
    if (plan.downloads.length > 0) throw new NotImplementedError(`ADD from a URL is not supported yet: ${plan.downloads[0]!.url}`);
    const items = plan.items.map((i) => ({ source: i.source.path, target: i.target, ...(i.extract ? { extract: true } : {}) }));
    const made = new Set(plan.items.filter((i) => i.source.type === 'dir' && !i.extract).map((i) => i.target));
    const wanted = [...plan.directories, ...plan.items.filter((i) => i.extract).map((i) => i.target)];
    request = { ...base, contextDir: src.contextDir, dirs: await missingDirs(backend, layers, items.map((i) => i.target), wanted, made), items };
    contentHash = await hashCopyItems(src.contextDir, plan.items, base);
  }
  return { request, contentHash };
}

async function fromItems(backend: BuildBackend, layers: readonly LayerHandle[], step: CopyStep): Promise<CopyRequest['items']> {
  const destIsDir = step.dest.endsWith('/');
  const dest = step.dest.replace(/\/+$/, '') || '/';
  const out: CopyRequest['items'] = [];
  for (const source of step.sources) {
    const rel = contextRelative(source);
    const type = await backend.pathType(layers, `/${rel}`);
    if (type === undefined) throw new NotImplementedError(`COPY --from=${step.from}: ${source}: no such file or directory`);
    if (type === 'dir') out.push({ source: rel, target: dest, recursive: true });
    else out.push({ source: rel, target: destIsDir || step.sources.length > 1 ? posix.join(dest, posix.basename(rel)) : dest });
  }
  return out;
}

/** Ancestors of the targets (and `wanted` directories) that the rootfs lacks and the copy does not create. */
export async function missingDirs(
  backend: BuildBackend, layers: readonly LayerHandle[], targets: string[], wanted: string[], made: Set<string>,
): Promise<Array<{ path: string; mode: number }>> {
  const candidates = new Set<string>();
  for (const t of targets) for (let d = posix.dirname(t); d !== '/'; d = posix.dirname(d)) candidates.add(d);
  for (const w of wanted) for (let d = w; d !== '/'; d = posix.dirname(d)) candidates.add(d);
  const sorted = [...candidates].filter((d) => !made.has(d)).sort((a, b) => a.split('/').length - b.split('/').length);
  const missing: Array<{ path: string; mode: number }> = [];
  const absent = new Set<string>();
  for (const d of sorted) {
    if (absent.has(posix.dirname(d)) || (await backend.pathType(layers, d)) === undefined) {
      absent.add(d);
      missing.push({ path: d, mode: 0o755 });
    }
  }
  return missing;
}
