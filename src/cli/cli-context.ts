// What every command gets: its output streams, the global options, and the engine, created on first use
// so that commands that never need it (help, version, completion) never load it.
import type { Readable, Writable } from 'node:stream';
import type { Engine, EngineOptions } from '../engine/engine.js';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
}

export type GlobalOptions = EngineOptions;

export interface CliContext {
  io: CliIo;
  globals(): GlobalOptions;
  engine(): Promise<Engine>;
  /** A command that finishes with a status other than 0 without failing (e.g. `run` returning the container's). */
  setExitCode(code: number): void;
  out(text: string): void;
  err(text: string): void;
}
