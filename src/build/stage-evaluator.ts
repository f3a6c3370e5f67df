// Walks one stage's instructions in order and turns each into a ResolvedStep, carrying the stage's state:
// the evolving image config, ARGs in scope (ENV wins over ARG), and whether CMD was set in this stage.
import { posix } from 'node:path';
import { InvalidArgumentError } from '../errors/index.js';
import type {
  CommandForm, CopyInstruction, EscapeChar, HealthcheckInstruction, Instruction, RunInstruction,
} from './dockerfile/ast.js';
import { expandWord, expandWords } from './dockerfile/expand.js';
import { parseInstruction } from './dockerfile/parser.js';
import { PREDEFINED_ARGS } from './build-args.js';
import { parseChmod, parseChown } from './copy-flags.js';
import { parseExposedPort } from './exposed-port.js';
import { cloneConfig, DEFAULT_PATH, DEFAULT_SHELL, getEnv, setEnv, type ImageConfig } from './image-config.js';
import type { CopyStep, MetadataStep, ResolvedStep, RunStep } from './resolved-step.js';

export interface StageEvaluatorOptions {
  baseConfig: ImageConfig;
  /** From resolveGlobalScope: an `ARG NAME` inside the stage picks up a meta ARG's value. */
  metaArgs?: ReadonlyMap<string, string | undefined>;
  buildArgs?: Readonly<Record<string, string>>;
  escape?: EscapeChar;
}

export class StageEvaluator {
  private cfg: ImageConfig;
  private readonly args = new Map<string, string | undefined>();
  private cmdSet = false;
  private readonly escape: EscapeChar;
  /** The base image's ONBUILD triggers, to run right after FROM; the new image does not inherit them. */
  readonly triggers: Instruction[];
  author?: string;

  constructor(private readonly opts: StageEvaluatorOptions) {
    this.escape = opts.escape ?? '\\';
    this.cfg = cloneConfig(opts.baseConfig);
    this.triggers = (this.cfg.OnBuild ?? []).map((text) => parseInstruction(text));
    this.cfg.OnBuild = null;
    if (getEnv(this.cfg.Env, 'PATH') === undefined) this.cfg.Env = setEnv(this.cfg.Env ?? [], 'PATH', DEFAULT_PATH);
  }

  get config(): ImageConfig {
    return cloneConfig(this.cfg);
  }

  /** Variables for expansion: ENV first, then ARGs in scope. */
  lookup = (name: string): string | undefined => getEnv(this.cfg.Env, name) ?? this.args.get(name);

  private expand(word: string): string {
    return expandWord(word, this.lookup, { escape: this.escape });
  }

  step(ins: Instruction): ResolvedStep {
    try {
      if (ins.keyword === 'RUN') return this.run(ins);
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') return this.copy(ins);
      return this.metadata(ins);
    } catch (err) {
      if (err instanceof InvalidArgumentError && !err.message.startsWith('Dockerfile line')) {
        throw new InvalidArgumentError(`Dockerfile line ${ins.line}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  private shell(): string[] {
    return this.cfg.Shell ?? [...DEFAULT_SHELL];
  }

  private argv(command: CommandForm): string[] {
    return command.form === 'exec' ? command.args : [...this.shell(), command.text];
  }

  /** Declared ARGs with a value that no ENV of the same name hides, sorted by name. */
  private argsInScope(): Array<[string, string]> {
    return [...this.args].filter((e): e is [string, string] => e[1] !== undefined && getEnv(this.cfg.Env, e[0]) === undefined)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  private run(ins: RunInstruction): RunStep {
    const buildArgs = this.argsInScope();
    let argv = this.argv(ins.command);
    let script: string | undefined;
    const only = ins.heredocs.length === 1 && ins.command.form === 'shell' && /^<<-?["']?\w+["']?$/.test(ins.command.text.trim());
    if (only) {
      const body = ins.heredocs[0]!.content;
      if (body.startsWith('#!')) script = body;
      argv = [...this.shell(), body];
    } else if (ins.heredocs.length > 0 && ins.command.form === 'shell') {
      const bodies = ins.heredocs.map((h) => `${h.content}${h.name}\n`).join('');
      argv = [...this.shell(), `${ins.command.text}\n${bodies}`];
    }
    const proxies = PREDEFINED_ARGS.filter((k) => !this.args.has(k) && this.opts.buildArgs?.[k] !== undefined)
      .map((k): [string, string] => [k, this.opts.buildArgs![k]!]);
    const env = [...(this.cfg.Env ?? []), ...[...buildArgs, ...proxies].map(([k, v]) => `${k}=${v}`)];
    const prefix = buildArgs.length > 0 ? [`|${buildArgs.length}`, ...buildArgs.map(([k, v]) => `${k}=${v}`)] : [];
    const step: RunStep = {
      kind: 'run', instruction: ins, argv, env, buildArgs, createdBy: [...prefix, ...argv].join(' '),
      config: this.config, user: this.cfg.User ?? '', workingDir: this.cfg.WorkingDir || '/', mounts: ins.mounts,
    };
    if (ins.network !== undefined) step.network = this.expand(ins.network);
    if (script !== undefined) step.script = script;
    return step;
  }

  private copy(ins: CopyInstruction): CopyStep {
    if (ins.keyword === 'COPY' && ins.sources.some((s) => /^https?:\/\//.test(s))) {
      throw new InvalidArgumentError('source can\'t be a URL for COPY');
    }
    const inlineNames = new Set(ins.heredocs.map((h) => h.name));
    const sources = ins.sources.map((s) => (inlineNames.has(s) ? s : this.expand(s)));
    const inline = ins.heredocs.map((h) => (h.expand ? { ...h, content: this.expand(h.content) } : h));
    let dest = this.expand(ins.dest);
    if (dest === '') throw new InvalidArgumentError(`${ins.keyword} destination can not be empty`);
    if (!dest.startsWith('/')) {
      const joined = posix.join(this.cfg.WorkingDir || '/', dest);
      dest = dest.endsWith('/') || dest === '.' ? `${joined.replace(/\/$/, '')}/` : joined;
    }
    const step: CopyStep = {
      kind: 'copy', keyword: ins.keyword, instruction: ins, sources, inline, dest, link: ins.link,
      exclude: ins.exclude.map((e) => this.expand(e)), keepGitDir: ins.keepGitDir, config: this.config,
      createdBy: `${this.shell().join(' ')} #(nop) ${ins.keyword} ${sources.join(' ')} in ${dest}`,
    };
    if (ins.from !== undefined) step.from = this.expand(ins.from);
    if (ins.chown !== undefined) step.chown = parseChown(this.expand(ins.chown));
    if (ins.chmod !== undefined) step.chmod = parseChmod(this.expand(ins.chmod));
    if (ins.checksum !== undefined) step.checksum = this.expand(ins.checksum);
    return step;
  }

  private metadata(ins: Instruction): MetadataStep {
    const text = this.applyMetadata(ins);
    const step: MetadataStep = {
      kind: 'metadata', instruction: ins, config: this.config,
      createdBy: `${this.shell().join(' ')} #(nop)  ${text}`,
    };
    if (ins.keyword === 'WORKDIR') step.createDirectory = this.cfg.WorkingDir!;
    return step;
  }

  /** Applies a config-only instruction; returns its resolved text for `created_by`. */
  private applyMetadata(ins: Instruction): string {
    const c = this.cfg;
    switch (ins.keyword) {
      case 'ENV': {
        const pairs = ins.pairs.map((p) => [this.expand(p.key), this.expand(p.value)] as const);
        for (const [k, v] of pairs) c.Env = setEnv(c.Env ?? [], k, v);
        return `ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`;
      }
      case 'LABEL': {
        const pairs = ins.pairs.map((p) => [this.expand(p.key), this.expand(p.value)] as const);
        c.Labels = { ...c.Labels, ...Object.fromEntries(pairs) };
        return `LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`;
      }
      case 'ARG':
        for (const a of ins.args) this.declareArg(a.name, a.defaultValue);
        return ins.original;
      case 'EXPOSE': {
        const ports = ins.ports.flatMap((p) => expandWords(p, this.lookup, { escape: this.escape })).flatMap(parseExposedPort);
        c.ExposedPorts = { ...c.ExposedPorts };
        for (const p of ports) c.ExposedPorts[p] = {};
        return `EXPOSE ${ports.join(' ')}`;
      }
      case 'USER':
        c.User = this.expand(ins.user);
        return `USER ${c.User}`;
      case 'WORKDIR': {
        const dir = this.expand(ins.path);
        c.WorkingDir = posix.resolve(c.WorkingDir || '/', dir);
        return `WORKDIR ${c.WorkingDir}`;
      }
      case 'VOLUME': {
        const paths = ins.paths.map((p) => this.expand(p));
        c.Volumes = { ...c.Volumes };
        for (const p of paths) c.Volumes[p] = {};
        return `VOLUME [${paths.join(' ')}]`;
      }
      case 'STOPSIGNAL':
        c.StopSignal = this.expand(ins.signal);
        if (!/^(\d+|(SIG)?[A-Z][A-Z0-9]*([+-]\d+)?)$/.test(c.StopSignal)) {
          throw new InvalidArgumentError(`invalid signal: ${c.StopSignal}`);
        }
        return `STOPSIGNAL ${c.StopSignal}`;
      case 'CMD':
        c.Cmd = this.argv(ins.command);
        this.cmdSet = true;
        return `CMD ${JSON.stringify(c.Cmd)}`;
      case 'ENTRYPOINT':
        c.Entrypoint = this.argv(ins.command);
        // An ENTRYPOINT resets a CMD inherited from the base image, not one set earlier in this stage.
        if (!this.cmdSet) c.Cmd = null;
        return `ENTRYPOINT ${JSON.stringify(c.Entrypoint)}`;
      case 'SHELL':
        c.Shell = ins.args;
        return `SHELL ${JSON.stringify(ins.args)}`;
      case 'HEALTHCHECK':
        c.Healthcheck = healthConfig(ins);
        return `HEALTHCHECK ${JSON.stringify(c.Healthcheck.Test)}`;
      case 'ONBUILD':
        c.OnBuild = [...(c.OnBuild ?? []), ins.expression];
        return `ONBUILD ${ins.expression}`;
      case 'MAINTAINER':
        this.author = ins.name;
        return `MAINTAINER ${ins.name}`;
      default:
        throw new InvalidArgumentError(`${ins.keyword} cannot be used inside a stage`);
    }
  }

  private declareArg(name: string, defaultValue: string | undefined): void {
    const given = this.opts.buildArgs?.[name];
    if (given !== undefined) this.args.set(name, given);
    else if (defaultValue !== undefined) this.args.set(name, this.expand(defaultValue));
    else this.args.set(name, this.opts.metaArgs?.get(name));
  }
}

function healthConfig(ins: HealthcheckInstruction): NonNullable<ImageConfig['Healthcheck']> {
  if (ins.command === null) return { Test: ['NONE'] };
  const Test = ins.command.form === 'exec' ? ['CMD', ...ins.command.args] : ['CMD-SHELL', ins.command.text];
  const o = ins.options;
  return {
    Test,
    ...(o.interval ? { Interval: o.interval } : {}), ...(o.timeout ? { Timeout: o.timeout } : {}),
    ...(o.startPeriod ? { StartPeriod: o.startPeriod } : {}),
    ...(o.startInterval ? { StartInterval: o.startInterval } : {}), ...(o.retries ? { Retries: o.retries } : {}),
  };
}
