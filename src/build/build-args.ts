// ARG scoping before the first stage: meta args (ARG before FROM) with --build-arg overrides, platform args,
// and the expansion of each FROM line (image and --platform) against that global scope only.
import { InvalidArgumentError } from '../errors/index.js';
import type { Dockerfile } from './dockerfile/ast.js';
import { expandWord } from './dockerfile/expand.js';

/** Proxy args usable with --build-arg without an ARG line; kept out of history and the cache key. */
export const PREDEFINED_ARGS: readonly string[] = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
];

export interface BuildArgInput {
  /** --build-arg NAME=VALUE. */
  buildArgs: Readonly<Record<string, string>>;
  /** TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT, BUILDPLATFORM, BUILDOS, ... (global scope). */
  platformArgs?: Readonly<Record<string, string>>;
}

export interface ResolvedFrom {
  stageIndex: number;
  stageName?: string;
  /** The expanded image reference, or the name of an earlier stage. */
  image: string;
  /** Index of the earlier stage this one builds on, when `image` names one. */
  baseStage?: number;
  platform?: string;
}

export interface GlobalScope {
  /** Meta ARGs as declared, with their values (undefined when declared without a value). */
  metaArgs: Map<string, string | undefined>;
  froms: ResolvedFrom[];
}

export function resolveGlobalScope(dockerfile: Dockerfile, input: BuildArgInput): GlobalScope {
  const metaArgs = new Map<string, string | undefined>();
  const platform = input.platformArgs ?? {};
  const lookup = (name: string) => metaArgs.get(name) ?? platform[name];
  for (const arg of dockerfile.metaArgs.flatMap((a) => a.args)) {
    const given = input.buildArgs[arg.name];
    const escape = dockerfile.directives.escape;
    metaArgs.set(arg.name, given ?? (arg.defaultValue === undefined ? undefined : expandWord(arg.defaultValue, lookup, { escape })));
  }
  const froms = dockerfile.stages.map((stage): ResolvedFrom => {
    const escape = dockerfile.directives.escape;
    const image = expandWord(stage.from.image, lookup, { escape });
    if (image === '') {
      throw new InvalidArgumentError(`Dockerfile line ${stage.from.line}: base name (${stage.from.image}) should not be blank`);
    }
    const out: ResolvedFrom = { stageIndex: stage.index, image };
    if (stage.name !== undefined) out.stageName = stage.name;
    const base = dockerfile.stages.findIndex((s) => s.index < stage.index && s.name === image.toLowerCase());
    if (base >= 0) out.baseStage = base;
    if (stage.from.platform !== undefined) out.platform = expandWord(stage.from.platform, lookup, { escape });
    return out;
  });
  return { metaArgs, froms };
}

/** Finds a stage by name or index (for --target and COPY --from); undefined when it is an image name. */
export function findStage(dockerfile: Dockerfile, ref: string, before = Infinity): number | undefined {
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    if (i >= Math.min(before, dockerfile.stages.length)) {
      throw new InvalidArgumentError(`invalid stage index ${ref}: only earlier stages can be referenced`);
    }
    return i;
  }
  const i = dockerfile.stages.findIndex((s) => s.name === ref.toLowerCase());
  return i >= 0 && i < before ? i : undefined;
}

/** Build args given but declared nowhere (Docker warns: "One or more build-args [...] were not consumed"). */
export function unusedBuildArgs(dockerfile: Dockerfile, buildArgs: Readonly<Record<string, string>>): string[] {
  const declared = new Set<string>(PREDEFINED_ARGS);
  for (const a of dockerfile.metaArgs.flatMap((m) => m.args)) declared.add(a.name);
  for (const stage of dockerfile.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ARG') for (const a of ins.args) declared.add(a.name);
    }
  }
  return Object.keys(buildArgs).filter((k) => !declared.has(k)).sort();
}
