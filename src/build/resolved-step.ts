// What one Dockerfile step means once variables are expanded: a config change, a command to run, or files
// to copy. The builder executes these; nothing here touches a container.
import type { Heredoc, Instruction } from './dockerfile/ast.js';
import type { ChownSpec } from './copy-flags.js';
import type { ImageConfig } from './image-config.js';

interface StepBase {
  instruction: Instruction;
  /** History `created_by`, in the classic builder's format. */
  createdBy: string;
  /** The image config after this step. */
  config: ImageConfig;
}

export interface MetadataStep extends StepBase {
  kind: 'metadata';
  /** WORKDIR: the directory to create when it does not exist yet. */
  createDirectory?: string;
}

export interface RunStep extends StepBase {
  kind: 'run';
  argv: string[];
  /** The command's environment: config Env, then ARG values in scope that no ENV overrides. */
  env: string[];
  /** Declared ARGs in scope (sorted); they go into `created_by` and the cache key. */
  buildArgs: Array<[string, string]>;
  user: string;
  workingDir: string;
  mounts: string[];
  network?: string;
  /** `RUN <<EOF` whose body starts with `#!`: to be written to a file and executed, not fed to the shell. */
  script?: string;
}

export interface CopyStep extends StepBase {
  kind: 'copy';
  keyword: 'COPY' | 'ADD';
  /** Expanded source words, as written relative to the context (or the --from stage/image). */
  sources: string[];
  /** Heredoc sources by name, content expanded unless the name was quoted. */
  inline: Heredoc[];
  /** Absolute destination; a trailing slash kept (it means "a directory"). */
  dest: string;
  from?: string;
  chown?: ChownSpec;
  chmod?: number;
  link: boolean;
  checksum?: string;
  exclude: string[];
  keepGitDir: boolean;
}

export type ResolvedStep = MetadataStep | RunStep | CopyStep;
