// Dockerfile text -> typed AST: one instruction per logical line, keywords case-insensitive, flags checked
// per instruction, exec form when the arguments are a JSON array of strings and shell form otherwise.
import { InvalidArgumentError, NotImplementedError } from '../../errors/index.js';
import type {
  ArgInstruction, CommandForm, Dockerfile, EscapeChar, Flag, Heredoc, Instruction, Stage,
} from './ast.js';
import { parseDuration } from './duration.js';
import { lexDockerfile, type LogicalLine } from './lexer.js';
import { extractFlags, parseJsonArray, parseKeyValues, splitWords } from './words.js';

const ALLOWED_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

interface Raw {
  keyword: string;
  line: number;
  endLine: number;
  original: string;
  flags: Flag[];
  args: string;
  heredocs: Heredoc[];
  escape: EscapeChar;
}

const where = (raw: Pick<Raw, 'line'>) => `Dockerfile line ${raw.line}`;

function flagValue(raw: Raw, name: string): string | undefined {
  const flag = raw.flags.filter((f) => f.name === name).at(-1);
  if (flag === undefined) return undefined;
  if (flag.value === null) throw new InvalidArgumentError(`${where(raw)}: missing a value on flag: --${name}`);
  return flag.value;
}

function boolFlag(raw: Raw, name: string): boolean {
  const flag = raw.flags.filter((f) => f.name === name).at(-1);
  if (flag === undefined) return false;
  if (flag.value === null || flag.value === 'true') return true;
  if (flag.value === 'false') return false;
  throw new InvalidArgumentError(`${where(raw)}: expecting boolean value for flag --${name}, not: ${flag.value}`);
}

function commandForm(raw: Raw): CommandForm {
  const args = parseJsonArray(raw.args);
  if (args !== null) return { form: 'exec', args };
  return { form: 'shell', text: raw.args };
}

function requireArgs(raw: Raw): void {
  if (raw.args === '' && raw.heredocs.length === 0) {
    throw new InvalidArgumentError(`${where(raw)}: ${raw.keyword} requires at least one argument`);
  }
}

function parseFrom(raw: Raw): Instruction {
  const words = splitWords(raw.args, raw.escape);
  const ok = words.length === 1 || (words.length === 3 && words[1]!.toLowerCase() === 'as');
  if (!ok) throw new InvalidArgumentError(`${where(raw)}: FROM requires either one or three arguments`);
  const platform = flagValue(raw, 'platform');
  const base = { keyword: 'FROM' as const, image: words[0]!, ...common(raw) };
  return {
    ...base,
    ...(words.length === 3 ? { stageName: words[2]!.toLowerCase() } : {}),
    ...(platform !== undefined ? { platform } : {}),
  };
}

function parseCopy(raw: Raw, keyword: 'COPY' | 'ADD'): Instruction {
  const json = parseJsonArray(raw.args);
  const words = json ?? splitWords(raw.args, raw.escape);
  const heredocNames = new Set(raw.heredocs.map((h) => h.name));
  const sources = words.slice(0, -1).map((w) => {
    const m = /^<<-?["']?([^"']+)["']?$/.exec(w);
    return m && heredocNames.has(m[1]!) ? m[1]! : w;
  });
  if (words.length < 2) throw new InvalidArgumentError(`${where(raw)}: ${keyword} requires at least two arguments`);
  const opt = (name: string) => flagValue(raw, name);
  const from = opt('from');
  const chown = opt('chown');
  const chmod = opt('chmod');
  const checksum = opt('checksum');
  return {
    keyword, ...common(raw), sources, dest: words.at(-1)!, heredocs: raw.heredocs,
    ...(from !== undefined ? { from } : {}),
    ...(chown !== undefined ? { chown } : {}),
    ...(chmod !== undefined ? { chmod } : {}),
    ...(checksum !== undefined ? { checksum } : {}),
    link: boolFlag(raw, 'link'), keepGitDir: boolFlag(raw, 'keep-git-dir'), parents: boolFlag(raw, 'parents'),
    exclude: raw.flags.filter((f) => f.name === 'exclude').map((f) => f.value ?? ''),
  };
}

function parseArg(raw: Raw): ArgInstruction {
  const words = splitWords(raw.args, raw.escape);
  if (words.length === 0) throw new InvalidArgumentError(`${where(raw)}: ARG requires at least one argument`);
  const args = words.map((word) => {
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new InvalidArgumentError(`${where(raw)}: invalid ARG name "${name}"`);
    }
    return eq < 0 ? { name } : { name, defaultValue: word.slice(eq + 1) };
  });
  return { keyword: 'ARG', ...common(raw), args };
}

function parseHealthcheck(raw: Raw): Instruction {
  const [first = '', ...restWords] = splitWords(raw.args, raw.escape);
  const type = first.toUpperCase();
  const options = {
    interval: durationFlag(raw, 'interval'), timeout: durationFlag(raw, 'timeout'),
    startPeriod: durationFlag(raw, 'start-period'), startInterval: durationFlag(raw, 'start-interval'),
    retries: 0,
  };
  const retries = flagValue(raw, 'retries');
  if (retries !== undefined) {
    if (!/^\d+$/.test(retries) || Number(retries) < 1) {
      throw new InvalidArgumentError(`${where(raw)}: --retries must be at least 1`);
    }
    options.retries = Number(retries);
  }
  if (type === 'NONE') {
    if (restWords.length > 0 || raw.flags.length > 0) {
      throw new InvalidArgumentError(`${where(raw)}: HEALTHCHECK NONE takes no arguments`);
    }
    return { keyword: 'HEALTHCHECK', ...common(raw), command: null, options };
  }
  if (type !== 'CMD') {
    throw new InvalidArgumentError(`${where(raw)}: Unknown type "${first}" in HEALTHCHECK (try CMD)`);
  }
  const rest = raw.args.trimStart().slice(first.length).trim();
  if (rest === '') throw new InvalidArgumentError(`${where(raw)}: Missing command after HEALTHCHECK CMD`);
  return { keyword: 'HEALTHCHECK', ...common(raw), command: commandForm({ ...raw, args: rest }), options };
}

function durationFlag(raw: Raw, name: string): number {
  const value = flagValue(raw, name);
  if (value === undefined) return 0;
  const ns = parseDuration(value, `${where(raw)}: --${name}`);
  if (ns !== 0 && ns < 1_000_000) {
    throw new InvalidArgumentError(`${where(raw)}: --${name} cannot be less than 1ms`);
  }
  return ns;
}

const common = (raw: Raw) => ({ line: raw.line, endLine: raw.endLine, original: raw.original, flags: raw.flags });

function parseRaw(raw: Raw): Instruction {
  const allowed = ALLOWED_FLAGS[raw.keyword] ?? [];
  for (const flag of raw.flags) {
    if (!allowed.includes(flag.name)) throw new InvalidArgumentError(`${where(raw)}: unknown flag: --${flag.name}`);
  }
  if (raw.heredocs.length > 0 && !['RUN', 'COPY', 'ADD'].includes(raw.keyword)) {
    throw new NotImplementedError(`${where(raw)}: heredocs are only supported in RUN, COPY and ADD`);
  }
  switch (raw.keyword) {
    case 'FROM': return parseFrom(raw);
    case 'RUN': {
      requireArgs(raw);
      const network = flagValue(raw, 'network');
      const security = flagValue(raw, 'security');
      return {
        keyword: 'RUN', ...common(raw), command: commandForm(raw), heredocs: raw.heredocs,
        mounts: raw.flags.filter((f) => f.name === 'mount').map((f) => f.value ?? ''),
        ...(network !== undefined ? { network } : {}), ...(security !== undefined ? { security } : {}),
      };
    }
    case 'CMD': case 'ENTRYPOINT':
      return { keyword: raw.keyword, ...common(raw), command: commandForm(raw) };
    case 'SHELL': {
      const args = parseJsonArray(raw.args);
      if (args === null || args.length === 0) {
        throw new InvalidArgumentError(`${where(raw)}: SHELL requires the arguments to be in JSON form`);
      }
      return { keyword: 'SHELL', ...common(raw), args };
    }
    case 'COPY': case 'ADD': return parseCopy(raw, raw.keyword);
    case 'ENV': case 'LABEL':
      return { keyword: raw.keyword, ...common(raw), pairs: wrap(raw, () => parseKeyValues(raw.keyword, raw.args, raw.escape)) };
    case 'ARG': return parseArg(raw);
    case 'EXPOSE': requireArgs(raw); return { keyword: 'EXPOSE', ...common(raw), ports: splitWords(raw.args, raw.escape) };
    case 'USER': return { keyword: 'USER', ...common(raw), user: single(raw) };
    case 'WORKDIR': return { keyword: 'WORKDIR', ...common(raw), path: single(raw) };
    case 'STOPSIGNAL': return { keyword: 'STOPSIGNAL', ...common(raw), signal: single(raw) };
    case 'MAINTAINER': requireArgs(raw); return { keyword: 'MAINTAINER', ...common(raw), name: raw.args };
    case 'VOLUME': {
      requireArgs(raw);
      const paths = parseJsonArray(raw.args) ?? splitWords(raw.args, raw.escape);
      if (paths.some((p) => p.trim() === '')) throw new InvalidArgumentError(`${where(raw)}: VOLUME specified can not be an empty string`);
      return { keyword: 'VOLUME', ...common(raw), paths };
    }
    case 'HEALTHCHECK': return parseHealthcheck(raw);
    case 'ONBUILD': return parseOnbuild(raw);
    default:
      throw new InvalidArgumentError(`${where(raw)}: unknown instruction: ${raw.keyword}`);
  }
}

function single(raw: Raw): string {
  const words = splitWords(raw.args, raw.escape);
  if (words.length !== 1) throw new InvalidArgumentError(`${where(raw)}: ${raw.keyword} requires exactly one argument`);
  return words[0]!;
}

function wrap<T>(raw: Raw, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new InvalidArgumentError(`${where(raw)}: ${err.message}`, { cause: err });
    throw err;
  }
}

function parseOnbuild(raw: Raw): Instruction {
  const inner = toRaw({ line: raw.line, endLine: raw.endLine, text: raw.args, heredocs: raw.heredocs }, raw.escape);
  if (inner.keyword === '') throw new InvalidArgumentError(`${where(raw)}: ONBUILD requires at least one argument`);
  if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(inner.keyword)) {
    throw new InvalidArgumentError(`${where(raw)}: ${inner.keyword} isn't allowed as an ONBUILD trigger`);
  }
  return { keyword: 'ONBUILD', ...common(raw), expression: raw.args, trigger: parseRaw(inner) };
}

function toRaw(line: LogicalLine, escape: EscapeChar): Raw {
  const text = line.text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const keyword = (m?.[1] ?? '').toUpperCase();
  const { flags, rest } = extractFlags(m?.[2] ?? '');
  return { keyword, line: line.line, endLine: line.endLine, original: text, flags, args: rest, heredocs: line.heredocs, escape };
}

/** Parses one instruction line, e.g. an ONBUILD trigger stored in a base image's config. */
export function parseInstruction(text: string, escape: EscapeChar = '\\', line = 1): Instruction {
  return parseRaw(toRaw({ line, endLine: line, text, heredocs: [] }, escape));
}

export function parseDockerfile(source: string): Dockerfile {
  const { directives, lines, warnings } = lexDockerfile(source);
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const line of lines) {
    const instruction = parseRaw(toRaw(line, directives.escape));
    if (instruction.keyword === 'FROM') {
      const stage: Stage = { index: stages.length, from: instruction, instructions: [] };
      if (instruction.stageName !== undefined) stage.name = instruction.stageName;
      stages.push(stage);
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      metaArgs.push(instruction);
    } else {
      throw new InvalidArgumentError(`Dockerfile line ${line.line}: no build stage in current context (${instruction.keyword} before FROM)`);
    }
  }
  if (stages.length === 0) throw new InvalidArgumentError('the Dockerfile has no FROM instruction');
  checkStageNames(stages);
  return { directives, metaArgs, stages, warnings };
}

function checkStageNames(stages: Stage[]): void {
  const seen = new Set<string>();
  for (const stage of stages) {
    if (stage.name === undefined) continue;
    if (!/^[a-z][a-z0-9._-]*$/.test(stage.name)) {
      throw new InvalidArgumentError(`Dockerfile line ${stage.from.line}: invalid name for build stage: "${stage.name}", name can't start with a number or contain symbols`);
    }
    if (seen.has(stage.name)) {
      throw new InvalidArgumentError(`Dockerfile line ${stage.from.line}: duplicate name ${stage.name}`);
    }
    seen.add(stage.name);
  }
}
