// cp and the archive API: the container side runs in the fs helper against the merged rootfs;
// a stopped container's rootfs is mounted for the copy (under its lock, so start waits) and unmounted after.
// The host side runs here, as the user, with the same storage functions rooted at `/`.
import { resolve as resolvePath } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { InvalidArgumentError } from '../../errors/index.js';
import { putArchive, resolveSource, sourceTar } from '../../storage/container-fs-request.js';
import { pathShape } from '../../storage/scope-path.js';
import type { PathStat } from '../../storage/path-stat.js';
import type { ContainerArchivePutOptions, ContainerCopyOptions, ContainerPathStat, CopyLocation } from '../engine.js';
import type { ContainerDeps } from './container-deps.js';
import { observe } from './container-query.js';
import { mountRootfs, unmountRootfs } from './rootfs.js';

/** Runs fn with the container's rootfs mounted at its merged dir; fn's promise spans the whole copy. */
export async function withRootfs<T>(deps: ContainerDeps, name: string, fn: (merged: string) => Promise<T>): Promise<T> {
  const record = await deps.store.resolve(name);
  const paths = deps.store.paths(record.config.id);
  if (observe(deps, record).state.status === 'running') return fn(paths.merged);
  return deps.store.withLock(record.config.id, async () => {
    const current = (await deps.store.read(record.config.id)) ?? record;
    if (observe(deps, current).state.status === 'running' || current.state.mounted) return fn(paths.merged);
    await mountRootfs(deps, current.layers, paths);
    try {
      return await fn(paths.merged);
    } finally {
      await unmountRootfs(deps, paths).catch(() => undefined);
    }
  });
}

export function publicStat(stat: PathStat): ContainerPathStat {
  return { name: stat.name, size: stat.size, mode: stat.mode, mtime: stat.mtime, linkTarget: stat.linkTarget };
}

/** Splits the helper's answer: one JSON line, then the rest of the stream. */
function headerLine(stdout: Readable): Promise<{ header: string; rest: Readable }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onEnd = () => resolve({ header: buffered.toString('utf8'), rest: Readable.from([]) });
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const nl = buffered.indexOf(10);
      if (nl < 0) return;
      stdout.off('data', onData).off('end', onEnd).pause();
      const rest = new PassThrough();
      rest.write(buffered.subarray(nl + 1));
      stdout.pipe(rest);
      resolve({ header: buffered.subarray(0, nl).toString('utf8'), rest });
    };
    stdout.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

export async function statPath(deps: ContainerDeps, name: string, path: string): Promise<PathStat> {
  return withRootfs(deps, name, async (root) => {
    const { stdout, done } = await deps.containerFs({ op: 'stat', root, path });
    const text = (await Promise.all([collect(stdout), done]))[0];
    return JSON.parse(text) as PathStat;
  });
}

/** The stat arrives first; the stream carries the tar and ends (or fails) when the helper does. */
export function archiveGet(deps: ContainerDeps, name: string, path: string): Promise<{ stat: PathStat; stream: Readable }> {
  return new Promise((resolveOuter, rejectOuter) => {
    withRootfs(deps, name, async (root) => {
      const { stdout, done } = await deps.containerFs({ op: 'get', root, path });
      const failed = done.then(() => undefined, (err: Error) => err);
      const { header, rest } = await headerLine(stdout);
      if (header === '') throw (await failed) ?? new InvalidArgumentError(`could not read ${path}`);
      const stream = new PassThrough();
      rest.pipe(stream, { end: false });
      rest.on('end', () => void failed.then((err) => (err ? stream.destroy(err) : stream.end())));
      resolveOuter({ stat: JSON.parse(header) as PathStat, stream });
      await new Promise<void>((r) => stream.on('close', () => r()).on('end', () => r()));
    }).catch(rejectOuter);
  });
}

export async function archivePut(
  deps: ContainerDeps, name: string, path: string, tar: Readable | AsyncIterable<Uint8Array>,
  options: ContainerArchivePutOptions & { source?: { name: string; isDir: boolean; contentsOnly: boolean } } = {},
): Promise<void> {
  await withRootfs(deps, name, async (root) => {
    const { stdout, done } = await deps.containerFs({
      op: 'put', root, path,
      owner: options.copyUIDGID ? 'keep' : { uid: 0, gid: 0 },
      ...(options.source ? { source: options.source } : {}),
      ...(options.noOverwriteDirNonDir ? { noOverwriteDirNonDir: true } : {}),
    }, tar);
    stdout.resume();
    await done;
  });
}

export async function copy(deps: ContainerDeps, from: CopyLocation, to: CopyLocation, options: ContainerCopyOptions = {}): Promise<void> {
  if ('container' in from && 'container' in to) throw new InvalidArgumentError('copying between containers is not supported');
  if (!('container' in from) && !('container' in to)) throw new InvalidArgumentError('one of source or destination must be a container path ("CONTAINER:PATH")');
  if ('container' in from) {
    const { stat, stream } = await archiveGet(deps, from.container, from.path);
    if ('stream' in to) {
      if (!options.stdout) throw new InvalidArgumentError('no output stream for "-"');
      return pipeTo(stream, options.stdout);
    }
    const source = { name: stat.name, isDir: stat.isDir, contentsOnly: pathShape(from.path).contentsOnly };
    // Out of a container the user owns the copy (Docker); root may keep the ids with -a.
    const owner = options.archive && process.getuid?.() === 0 ? 'keep' : 'none';
    if (!('host' in to)) throw new InvalidArgumentError('copying between containers is not supported');
    return putArchive('/', hostPath(to.host), stream, { source, owner });
  }
  if (!('container' in to)) throw new InvalidArgumentError('one of source or destination must be a container path');
  if ('stream' in from) {
    if (!options.stdin) throw new InvalidArgumentError('no input stream for "-"');
    return archivePut(deps, to.container, to.path, options.stdin, { copyUIDGID: options.archive === true });
  }
  const src = await resolveSource('/', hostPath(from.host));
  const source = { name: src.stat.name, isDir: src.stat.isDir, contentsOnly: src.contentsOnly };
  return archivePut(deps, to.container, to.path, sourceTar(src.abs, src.stat), { copyUIDGID: options.archive === true, source });
}

/** A relative host path is the user's, from the current directory; the typed trailing `/` or `/.` is kept. */
function hostPath(path: string): string {
  const abs = resolvePath(path);
  if (path.endsWith('/.')) return `${abs}/.`;
  return path.endsWith('/') && abs !== '/' ? `${abs}/` : abs;
}

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function pipeTo(stream: Readable, out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('end', () => resolve());
    stream.pipe(out, { end: false });
  });
}
