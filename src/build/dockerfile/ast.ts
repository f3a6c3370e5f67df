// The typed syntax tree of a Dockerfile: what the parser produces and the evaluator consumes. Values are
// kept as written (unexpanded); variable expansion happens per stage in the evaluator.

export type EscapeChar = '\\' | '`';

export interface ParserDirectives {
  /** `# syntax=`: recorded, never acted on (there is no frontend image to run). */
  syntax?: string;
  escape: EscapeChar;
  /** `# check=`: recorded and ignored. */
  check?: string;
}

/** A RUN/CMD/ENTRYPOINT/HEALTHCHECK command: JSON (exec) form or shell form. */
export type CommandForm = { form: 'exec'; args: string[] } | { form: 'shell'; text: string };

export interface Heredoc {
  /** The word after `<<`, without quotes. */
  name: string;
  /** The body, each line ending with a newline; leading tabs removed for `<<-`. */
  content: string;
  /** False when the name was quoted (`<<"EOF"`): the body is taken literally. */
  expand: boolean;
  chomp: boolean;
}

export interface Flag {
  name: string;
  /** null for a bare boolean flag (`--link`). */
  value: string | null;
}

interface Base {
  /** 1-based line of the keyword. */
  line: number;
  endLine: number;
  /** The instruction as written, continuations joined, for `Step N/M :` and history. */
  original: string;
  flags: Flag[];
}

export interface FromInstruction extends Base { keyword: 'FROM'; image: string; stageName?: string; platform?: string }
export interface RunInstruction extends Base {
  keyword: 'RUN'; command: CommandForm; heredocs: Heredoc[];
  mounts: string[]; network?: string; security?: string;
}
export interface CmdInstruction extends Base { keyword: 'CMD'; command: CommandForm }
export interface EntrypointInstruction extends Base { keyword: 'ENTRYPOINT'; command: CommandForm }
export interface ShellInstruction extends Base { keyword: 'SHELL'; args: string[] }
export interface CopyInstruction extends Base {
  keyword: 'COPY' | 'ADD';
  /** Sources and destination as written (one word each), or heredoc names for `COPY <<EOF /dst`. */
  sources: string[];
  dest: string;
  heredocs: Heredoc[];
  from?: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  /** ADD --checksum=sha256:... */
  checksum?: string;
  keepGitDir: boolean;
  exclude: string[];
  parents: boolean;
}
export interface KeyValue { key: string; value: string }
export interface EnvInstruction extends Base { keyword: 'ENV'; pairs: KeyValue[] }
export interface LabelInstruction extends Base { keyword: 'LABEL'; pairs: KeyValue[] }
export interface ArgDeclaration { name: string; defaultValue?: string }
export interface ArgInstruction extends Base { keyword: 'ARG'; args: ArgDeclaration[] }
export interface ExposeInstruction extends Base { keyword: 'EXPOSE'; ports: string[] }
export interface UserInstruction extends Base { keyword: 'USER'; user: string }
export interface WorkdirInstruction extends Base { keyword: 'WORKDIR'; path: string }
export interface VolumeInstruction extends Base { keyword: 'VOLUME'; paths: string[] }
export interface StopSignalInstruction extends Base { keyword: 'STOPSIGNAL'; signal: string }
export interface MaintainerInstruction extends Base { keyword: 'MAINTAINER'; name: string }
export interface HealthcheckOptions {
  /** Nanoseconds, 0 when not given (the runtime's default applies). */
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}
export interface HealthcheckInstruction extends Base {
  keyword: 'HEALTHCHECK';
  /** null for `HEALTHCHECK NONE`. */
  command: CommandForm | null;
  options: HealthcheckOptions;
}
export interface OnbuildInstruction extends Base {
  keyword: 'ONBUILD';
  /** The trigger as stored in the image config (`RUN make`), and its parse. */
  expression: string;
  trigger: Instruction;
}

export type Instruction =
  | FromInstruction | RunInstruction | CmdInstruction | EntrypointInstruction | ShellInstruction
  | CopyInstruction | EnvInstruction | LabelInstruction | ArgInstruction | ExposeInstruction
  | UserInstruction | WorkdirInstruction | VolumeInstruction | StopSignalInstruction
  | MaintainerInstruction | HealthcheckInstruction | OnbuildInstruction;

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as Docker compares stage names case-insensitively. */
  name?: string;
  from: FromInstruction;
  instructions: Instruction[];
}

export interface Dockerfile {
  directives: ParserDirectives;
  /** ARG instructions before the first FROM: usable in FROM lines only. */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  /** Non-fatal remarks (empty continuation lines, JSON-looking shell forms), with line numbers. */
  warnings: string[];
}
