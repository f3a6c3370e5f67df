// The classic builder without a daemon: the target and the stages it needs are walked step by step; metadata steps
// only change the config, RUN runs a container whose changes become a layer, COPY/ADD write a layer from the
// context or another stage. Each step's result is cached under a key chained from its parent's key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidArgumentError, NotImplementedError } from '../errors/index.js';
import type { BaseImage, BuildBackend, CacheEntry, LayerHandle } from './build-backend.js';
import { findStage, resolveGlobalScope, unusedBuildArgs, type GlobalScope } from './build-args.js';
import type { BuildEvent, BuildResult } from './build-events.js';
import { StepFailedError } from './build-events.js';
import { computeCacheKey } from './cache-key.js';
import { walkContext } from './context-files.js';
import { missingDirs, planCopyStep } from './copy-step.js';
import type { ContextEntry } from './copy-plan.js';
import type { Dockerfile, Instruction, Stage } from './dockerfile/ast.js';
import { parseDockerfile } from './dockerfile/parser.js';
import { DockerIgnore, readDockerignore } from './dockerignore.js';
import type { ImageConfig } from './image-config.js';
import type { ResolvedStep } from './resolved-step.js';
import { StageEvaluator } from './stage-evaluator.js';
import { stagesToBuild } from './stage-selection.js';

export interface BuildOptions {
  contextDir: string;
  /** The Dockerfile's text. */
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  /** 'default', 'none' or 'host'. */
  network: string;
  onEvent: (event: BuildEvent) => void;
  signal?: AbortSignal;
}

/** A stage while it is built, and once it is done (COPY --from and later FROMs use it). */
interface StageState extends BaseImage {
  key: string;
  created: string;
}

const SCRATCH: BaseImage = { id: '', config: {}, history: [], layers: [], architecture: 'amd64', os: 'linux' };

export class Builder {
  private readonly df: Dockerfile;
  private readonly scope: GlobalScope;
  private readonly done = new Map<number, StageState>();
  private readonly images = new Map<string, Promise<BaseImage>>();
  private entries?: Promise<ContextEntry[]>;
  private step = 0;
  private current = 0;
  private total = 0;

  constructor(private readonly backend: BuildBackend, private readonly o: BuildOptions) {
    this.df = parseDockerfile(o.dockerfile);
    this.scope = resolveGlobalScope(this.df, { buildArgs: o.buildArgs, platformArgs: platformArgs() });
  }

  async build(): Promise<BuildResult> {
    const last = this.o.target === undefined ? this.df.stages.length - 1 : findStage(this.df, this.o.target);
    if (last === undefined) throw new InvalidArgumentError(`target stage "${this.o.target}" could not be found`);
    const stages = stagesToBuild(this.df, this.scope, last).map((i) => this.df.stages[i]!);
    this.total = stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
    for (const w of this.df.warnings) this.o.onEvent({ type: 'warning', text: w });
    const unused = unusedBuildArgs(this.df, this.o.buildArgs);
    if (unused.length > 0) this.o.onEvent({ type: 'warning', text: `one or more build-args [${unused.join(' ')}] were not consumed` });
    let state: StageState | undefined;
    for (const stage of stages) state = await this.buildStage(stage);
    const final = state!;
    const config: ImageConfig = { ...final.config };
    if (Object.keys(this.o.labels).length > 0) config.Labels = { ...config.Labels, ...this.o.labels };
    const imageId = await this.backend.commit({
      config, history: final.history, layers: final.layers, architecture: final.architecture, os: final.os,
      created: final.created, names: this.o.tags, ...(final.author !== undefined ? { author: final.author } : {}),
    });
    return { imageId, names: this.o.tags };
  }

  private async buildStage(stage: Stage): Promise<StageState> {
    this.current = stage.index;
    this.announce(stage.from.original);
    const from = this.scope.froms[stage.index]!;
    const base = from.baseStage !== undefined ? this.done.get(from.baseStage)! : await this.image(from.image);
    const state: StageState = {
      ...base, config: base.config, history: [...base.history], layers: [...base.layers],
      key: 'key' in base ? (base as StageState).key : computeCacheKey({ parent: '', instruction: `FROM ${base.id || 'scratch'}` }),
      created: 'created' in base ? (base as StageState).created : new Date().toISOString(),
    };
    const ev = new StageEvaluator({
      baseConfig: base.config, metaArgs: this.scope.metaArgs, buildArgs: this.o.buildArgs, escape: this.df.directives.escape,
    });
    for (const trigger of ev.triggers) {
      this.o.onEvent({ type: 'trigger', text: trigger.original });
      await this.execute(state, ev, trigger);
    }
    for (const ins of stage.instructions) {
      this.announce(ins.original);
      await this.execute(state, ev, ins);
    }
    state.config = ev.config;
    if (ev.author !== undefined) state.author = ev.author;
    this.done.set(stage.index, state);
    return state;
  }

  private announce(text: string): void {
    this.o.onEvent({ type: 'step', index: ++this.step, total: this.total, text });
  }

  private image(ref: string): Promise<BaseImage> {
    if (ref.toLowerCase() === 'scratch') return Promise.resolve(SCRATCH);
    let p = this.images.get(ref);
    if (!p) this.images.set(ref, (p = this.backend.baseImage(ref, { pull: this.o.pull, ...(this.o.signal ? { signal: this.o.signal } : {}) })));
    return p;
  }

  private async execute(state: StageState, ev: StageEvaluator, ins: Instruction): Promise<void> {
    const step = ev.step(ins);
    const { key, run } = await this.prepare(state, step);
    let entry = this.o.noCache ? undefined : await this.backend.cacheGet(key);
    if (entry) this.o.onEvent({ type: 'cached', id: key });
    else {
      entry = await run();
      await this.backend.cachePut(key, entry);
      this.o.onEvent({ type: 'done', id: key });
    }
    state.key = key;
    state.created = entry.created;
    state.config = step.config;
    state.history.push({ created: entry.created, created_by: step.createdBy, ...(entry.layer ? {} : { empty_layer: true }) });
    if (entry.layer) state.layers.push(entry.layer);
  }

  /** The step's cache key, and how to produce its result when the cache has none. */
  private async prepare(state: StageState, step: ResolvedStep): Promise<{ key: string; run: () => Promise<CacheEntry> }> {
    const parent = state.key;
    const now = () => new Date().toISOString();
    if (step.kind === 'metadata' && step.createDirectory !== undefined) {
      // WORKDIR makes its directory (root-owned, 0755) when the rootfs lacks it, as Docker's builder does.
      const dirs = await missingDirs(this.backend, state.layers, [], [step.createDirectory], new Set());
      if (dirs.length > 0) {
        const key = computeCacheKey({ parent, instruction: step.createdBy, extra: { mkdir: step.createDirectory } });
        const request = { contextDir: this.o.contextDir, dirs, items: [], uid: 0, gid: 0 };
        return { key, run: async () => ({ created: now(), layer: await this.backend.copy(state.layers, request) }) };
      }
    }
    if (step.kind === 'metadata') {
      return { key: computeCacheKey({ parent, instruction: step.createdBy }), run: async () => ({ created: now() }) };
    }
    if (step.kind === 'run') {
      if (step.mounts.length > 0) throw new NotImplementedError('RUN --mount is not supported yet');
      const network = step.network ?? this.o.network;
      const key = computeCacheKey({ parent, instruction: step.createdBy, buildArgs: step.buildArgs, extra: { network } });
      return { key, run: () => this.runStep(state.layers, step, network) };
    }
    const fromLayers = step.from === undefined ? undefined : await this.fromLayers(step.from);
    const planned = await planCopyStep(this.backend, state.layers, step, {
      contextDir: this.o.contextDir, entries: () => this.contextEntries(), ...(fromLayers ? { fromLayers } : {}),
    });
    const key = computeCacheKey({ parent, instruction: step.createdBy, contentHash: planned.contentHash });
    return { key, run: async () => ({ created: now(), layer: await this.backend.copy(state.layers, planned.request) }) };
  }

  private async runStep(layers: LayerHandle[], step: Extract<ResolvedStep, { kind: 'run' }>, network: string): Promise<CacheEntry> {
    const sink = new Writable({ write: (chunk: Buffer, _e, cb) => { this.o.onEvent({ type: 'output', text: chunk.toString() }); cb(); } });
    const result = await this.backend.run({
      layers, argv: step.argv, env: step.env, user: step.user, workingDir: step.workingDir, network, stdout: sink, stderr: sink,
      ...(this.o.signal ? { signal: this.o.signal } : {}),
    });
    if (result.exitCode !== 0) throw new StepFailedError(step.instruction.original, result.exitCode);
    return { created: new Date().toISOString(), ...(result.layer ? { layer: result.layer } : {}) };
  }

  private async fromLayers(from: string): Promise<readonly LayerHandle[]> {
    const index = findStage(this.df, from, this.current);
    if (index !== undefined) {
      const stage = this.done.get(index);
      if (!stage) throw new InvalidArgumentError(`COPY --from=${from}: stage ${from} is not built before this step`);
      return stage.layers;
    }
    return (await this.image(from)).layers;
  }

  private contextEntries(): Promise<ContextEntry[]> {
    this.entries ??= (async () => {
      const text = await readFile(join(this.o.contextDir, '.dockerignore'), 'utf8').catch(() => '');
      return walkContext(this.o.contextDir, new DockerIgnore(readDockerignore(text)));
    })();
    return this.entries;
  }
}

function platformArgs(): Record<string, string> {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'arm64' ? 'arm64' : process.arch;
  const platform = `linux/${arch}`;
  return {
    TARGETPLATFORM: platform, TARGETOS: 'linux', TARGETARCH: arch, TARGETVARIANT: '',
    BUILDPLATFORM: platform, BUILDOS: 'linux', BUILDARCH: arch, BUILDVARIANT: '',
  };
}
