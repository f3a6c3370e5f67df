// An in-memory Engine for front-door tests: images live in a map, "remote" images are scripted, events are
// replayed from a list and then pushed live with emit(). It records the calls the API made.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../src/errors/index.js';
import type {
  ArchiveTarget, DiskUsage, Engine, EngineEvent, EventsOptions, HistoryEntry, ImageEngine, ImageInspect,
  ImageBuildOptions, ImageBuildReport, ImageCommitOptions, ImageListOptions, ImageSummary, ProgressEvent, PullOptions, RemoveReport, SystemEngine, SystemInfo, SystemdUnitFile,
} from '../../src/engine/engine.js';

export interface FakeImage { id: string; names: string[]; layers: string[]; size: number; created: string; labels: Record<string, string>; repoDigests: string[] }
export interface FakeRemote { layers: Array<{ digest: string; size: number }>; digest: string; failAfterLayers?: string }

/** docker.io/library/alpine:latest from alpine, as the real engine normalizes. */
export function qualify(ref: string): string {
  const first = ref.split('/')[0]!;
  const hosted = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let name = hosted ? ref : ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  if (!name.includes('@') && name.lastIndexOf(':') <= name.lastIndexOf('/')) name += ':latest';
  return name;
}

const hex = (seed: string) => Buffer.from(seed.padEnd(32, '0').slice(0, 32)).toString('hex');

export class FakeImages implements ImageEngine {
  readonly store = new Map<string, FakeImage>();
  readonly remotes = new Map<string, FakeRemote>();
  readonly calls: Array<{ method: string; args: unknown[] }> = [];

  add(name: string, extra: Partial<FakeImage> = {}): FakeImage {
    const image: FakeImage = { id: hex(name), names: [qualify(name)], layers: [`sha256:${hex(`layer-${name}`)}`], size: 7_000_000, created: '2024-05-01T10:00:00Z', labels: {}, repoDigests: [], ...extra };
    this.store.set(image.id, image);
    return image;
  }

  find(name: string): FakeImage | undefined {
    const short = name.replace(/^sha256:/, '');
    return [...this.store.values()].find((i) => i.names.includes(qualify(name)) || (short.length >= 3 && i.id.startsWith(short)));
  }

  private get(name: string): FakeImage {
    const image = this.find(name);
    if (!image) throw new NotFoundError(`no such image: ${name}`);
    return image;
  }

  async *pull(ref: string, options?: PullOptions): AsyncIterable<ProgressEvent> {
    this.calls.push({ method: 'pull', args: [ref, options] });
    const name = qualify(ref);
    const remote = this.remotes.get(name);
    if (!remote) throw new NotFoundError(`pull access denied for ${ref}, repository does not exist or may require authorization`);
    yield { type: 'resolving', ref: name };
    const have = new Set([...this.store.values()].flatMap((i) => i.layers));
    for (const l of remote.layers) {
      if (have.has(l.digest)) { yield { type: 'layer', digest: l.digest, status: 'exists' }; continue; }
      yield { type: 'layer', digest: l.digest, status: 'waiting' };
      yield { type: 'layer', digest: l.digest, status: 'downloading', current: l.size, total: l.size };
      if (remote.failAfterLayers) throw new Error(remote.failAfterLayers);
      yield { type: 'layer', digest: l.digest, status: 'done' };
    }
    const image = this.find(name) ?? this.add(name.replace(/:[^:/]*$/, ''), { layers: remote.layers.map((l) => l.digest) });
    image.repoDigests = [`${name.replace(/:[^:/]*$/, '')}@${remote.digest}`];
    yield { type: 'done', imageId: image.id, ref: name, digest: remote.digest };
  }

  async list(options?: ImageListOptions): Promise<ImageSummary[]> {
    this.calls.push({ method: 'list', args: [options] });
    const refs = (options?.filters ?? []).filter((f) => f.startsWith('reference=')).map((f) => f.slice('reference='.length));
    return [...this.store.values()]
      .filter((i) => refs.length === 0 || i.names.some((n) => refs.some((r) => n === qualify(r) || n.startsWith(qualify(r).replace(/:latest$/, ':')))))
      .map((i) => ({ id: i.id, names: i.names, repoDigests: i.repoDigests, created: i.created, size: i.size, labels: i.labels, dangling: i.names.length === 0, containers: 0 }));
  }

  async inspect(name: string): Promise<ImageInspect> {
    const i = this.get(name);
    return {
      Id: `sha256:${i.id}`, RepoTags: i.names, RepoDigests: i.repoDigests, Parent: '', Comment: '', Created: i.created,
      Config: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/bin:/bin'] }, Architecture: 'amd64', Os: 'linux', Size: i.size, VirtualSize: i.size,
      Author: '', Labels: i.labels, RootFS: { Type: 'layers', Layers: i.layers }, History: [],
      GraphDriver: { Name: 'overlay', Data: {} }, Metadata: { LastTagTime: '' },
    };
  }

  async exists(name: string): Promise<boolean> { return this.find(name) !== undefined; }

  async tag(source: string, target: string): Promise<void> {
    this.calls.push({ method: 'tag', args: [source, target] });
    if (/[A-Z]/.test(target)) throw new InvalidArgumentError(`invalid reference format: repository name must be lowercase: "${target}"`);
    const image = this.get(source);
    for (const other of this.store.values()) other.names = other.names.filter((n) => n !== qualify(target));
    image.names.push(qualify(target));
  }

  async untag(name: string, targets: string[]): Promise<void> {
    const image = this.get(name);
    image.names = image.names.filter((n) => !targets.map(qualify).includes(n));
  }

  async remove(names: string[], options?: { force?: boolean }): Promise<RemoveReport> {
    this.calls.push({ method: 'remove', args: [names, options] });
    const report: RemoveReport = { untagged: [], deleted: [], errors: [] };
    for (const name of names) {
      const image = this.find(name);
      if (!image) { report.errors.push({ name, error: new NotFoundError(`no such image: ${name}`) }); continue; }
      if (image.labels['fake.in-use'] && !options?.force) { report.errors.push({ name, error: new ConflictError(`image ${name} is in use by a container`) }); continue; }
      const byName = image.names.includes(qualify(name));
      if (byName && image.names.length > 1 && !options?.force) { image.names = image.names.filter((n) => n !== qualify(name)); report.untagged.push(qualify(name)); continue; }
      report.untagged.push(...image.names);
      report.deleted.push(`sha256:${image.id}`);
      this.store.delete(image.id);
    }
    return report;
  }

  async *push(name: string, destination?: string, options?: PullOptions): AsyncIterable<ProgressEvent> {
    this.calls.push({ method: 'push', args: [name, destination, options] });
    const image = this.get(name);
    yield { type: 'resolving', ref: qualify(destination ?? name) };
    for (const layer of image.layers) {
      yield { type: 'layer', digest: layer, status: 'waiting' };
      yield { type: 'layer', digest: layer, status: 'uploading', current: 10, total: 10 };
      yield { type: 'layer', digest: layer, status: 'pushed' };
    }
    yield { type: 'done', ref: qualify(destination ?? name), digest: `sha256:${hex('manifest')}`, size: 528 };
  }

  async login(): Promise<void> {}
  async logout(): Promise<void> {}

  async save(names: string[], destination: ArchiveTarget<Writable>): Promise<void> {
    this.calls.push({ method: 'save', args: [names] });
    for (const n of names) this.get(n);
    if (!('stream' in destination)) throw new InvalidArgumentError('the fake engine saves to streams only');
    await new Promise<void>((resolve, reject) => destination.stream.write(`FAKE-TAR:${names.map(qualify).join(',')}\n`, (err) => (err ? reject(err) : resolve())));
  }

  async load(source: ArchiveTarget<Readable>): Promise<{ images: string[] }> {
    if (!('stream' in source)) throw new InvalidArgumentError('the fake engine loads from streams only');
    const chunks: Buffer[] = [];
    for await (const c of source.stream as AsyncIterable<Buffer>) chunks.push(c);
    const m = /^FAKE-TAR:(.*)\n$/.exec(Buffer.concat(chunks).toString());
    if (!m) throw new InvalidArgumentError('payload does not look like an image archive');
    const images = m[1]!.split(',');
    for (const n of images) if (!this.find(n)) this.add(n);
    return { images };
  }

  async history(name: string): Promise<HistoryEntry[]> {
    const i = this.get(name);
    return [{ id: `sha256:${i.id}`, created: i.created, createdBy: '/bin/sh -c #(nop) CMD ["/bin/sh"]', size: 0, comment: '', tags: i.names }];
  }

  async prune(options?: { all?: boolean; filters?: readonly string[] }): Promise<{ deleted: string[]; spaceReclaimed: number }> {
    this.calls.push({ method: 'prune', args: [options] });
    const gone = [...this.store.values()].filter((i) => options?.all || i.names.length === 0);
    for (const i of gone) this.store.delete(i.id);
    return { deleted: gone.map((i) => `sha256:${i.id}`), spaceReclaimed: gone.reduce((s, i) => s + i.size, 0) };
  }

  /** Reads the context, reports one step per line of a script ("FAIL" fails it), stores an image. */
  script: string[] = ['FROM alpine'];

  async build(options: ImageBuildOptions): Promise<ImageBuildReport> {
    let bytes = 0;
    if ('tar' in options.context) for await (const c of options.context.tar) bytes += (c as Buffer).length;
    this.calls.push({ method: 'build', args: [{ ...options, context: 'tar' in options.context ? { tarBytes: bytes } : options.context, onEvent: undefined }] });
    for (const [i, text] of this.script.entries()) {
      options.onEvent?.({ type: 'step', index: i + 1, total: this.script.length, text });
      if (text === 'FAIL') throw new InvalidArgumentError('building at STEP "FAIL": exit status 2');
      options.onEvent?.({ type: 'output', text: `out ${i + 1}\n` });
      options.onEvent?.({ type: 'done', id: `sha256:${hex(`step-${i}`)}` });
    }
    const image = this.add(options.tags?.[0] ?? 'built', { names: (options.tags ?? []).map(qualify) });
    return { imageId: image.id, names: options.tags ?? [] };
  }

  async commit(container: string, options?: ImageCommitOptions): Promise<{ imageId: string }> {
    this.calls.push({ method: 'commit', args: [container, options] });
    const image = this.add(options?.reference ?? `committed-${container}`, { names: options?.reference ? [qualify(options.reference)] : [] });
    return { imageId: image.id };
  }
}

export function fakeEvent(Action: string, id: string, at: Date, Attributes: Record<string, string> = {}, Type: EngineEvent['Type'] = 'container'): EngineEvent {
  return { Type, Action, Actor: { ID: id, Attributes }, scope: 'local', time: Math.floor(at.getTime() / 1000), timeNano: at.getTime() * 1_000_000 };
}

export class FakeSystem implements SystemEngine {
  readonly past: EngineEvent[] = [];
  readonly notified: string[] = [];
  readonly installed: SystemdUnitFile[] = [];
  readonly eventCalls: EventsOptions[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  info_: SystemInfo = {
    id: 'fake-store-id', hostname: 'fakehost', serverVersion: '0.1.0', containers: { total: 3, running: 1, paused: 0, stopped: 2 },
    images: 0, driver: 'overlay', operatingSystem: 'Debian GNU/Linux 12 (bookworm)', osType: 'linux', kernelVersion: '6.1.0',
    architecture: 'x86_64', ncpu: 2, memTotal: 4_000_000_000, rootless: true, cgroupVersion: '1', cgroupDriver: 'cgroupfs',
    storageRoot: '/home/u/.local/share/tsmoby', runRoot: '/run/user/1000/tsmoby', runtimeName: 'runc',
    searchRegistries: ['docker.io'], insecureRegistries: [],
  };

  constructor(private readonly images: FakeImages) {}

  /** Delivers a live event to every open events() stream. */
  emit(event: EngineEvent): void {
    this.past.push(event);
    for (const l of this.listeners) l(event);
  }

  get liveListeners(): number { return this.listeners.size; }

  async info(): Promise<SystemInfo> { return { ...this.info_, images: this.images.store.size }; }

  async *events(options: EventsOptions = {}): AsyncIterable<EngineEvent> {
    this.eventCalls.push(options);
    const wanted = (e: EngineEvent) => (options.filters ?? []).every((f) => {
      const [k, ...rest] = f.split('='); const v = rest.join('=');
      if (k === 'type') return e.Type === v;
      if (k === 'container') return e.Actor.ID === v || e.Actor.Attributes.name === v;
      if (k === 'label') return rest.length === 1 ? v in e.Actor.Attributes : e.Actor.Attributes[rest[0]!] === rest.slice(1).join('=');
      return true;
    });
    const inRange = (e: EngineEvent) => (!options.since || e.time * 1000 >= options.since.getTime()) && (!options.until || e.time * 1000 <= options.until.getTime());
    if (options.since) for (const e of this.past) if (inRange(e) && wanted(e)) yield e;
    if (options.until) return;
    const queue: EngineEvent[] = [];
    let wake: (() => void) | undefined;
    const listener = (e: EngineEvent) => { if (wanted(e)) { queue.push(e); wake?.(); } };
    const onAbort = () => wake?.();
    this.listeners.add(listener);
    options.signal?.addEventListener('abort', onAbort);
    try {
      while (!options.signal?.aborted) {
        if (queue.length > 0) { yield queue.shift()!; continue; }
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
      }
    } finally {
      this.listeners.delete(listener);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async df(): Promise<DiskUsage> {
    const images = await this.images.list();
    return { layersSize: images.reduce((s, i) => s + i.size, 0), images, containers: [], volumes: [] };
  }

  async prepareServiceSocket(path: string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    rmSync(path, { force: true });
  }

  async installSystemdUnits(units: SystemdUnitFile[]): Promise<string[]> {
    this.installed.push(...units);
    return units.map((u) => `/fake/systemd/user/${u.name}`);
  }

  async notify(state: string): Promise<void> { this.notified.push(state); }

  resets = 0;
  async reset(): Promise<void> { this.resets++; }
}

/** An area the API tests do not exercise yet: every call fails loudly instead of passing silently. */
function notFaked<T extends object>(area: string): T {
  return new Proxy({} as T, {
    get: (_t, key) => () => { throw new Error(`FakeEngine.${area}.${String(key)} is not faked`); },
  });
}

export class FakeEngine implements Engine {
  readonly images = new FakeImages();
  readonly containers = notFaked<Engine['containers']>('containers');
  readonly volumes = notFaked<Engine['volumes']>('volumes');
  readonly networks = notFaked<Engine['networks']>('networks');
  readonly system = new FakeSystem(this.images);
}
