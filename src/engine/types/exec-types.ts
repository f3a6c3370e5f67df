// Exec sessions, attach controls and `top` as the engine offers them. Exec is split the way the Docker API
// splits it (create -> start -> inspect), so the CLI's one-shot `exec` and the API's three routes share it.
import type { AttachStreams } from './container-types.js';

export interface TerminalSize {
  height: number;
  width: number;
}

/** The client's terminal: its size now and a way to hear about changes (SIGWINCH on the CLI). */
export interface TerminalSizeSource {
  current(): TerminalSize | undefined;
  /** Returns the unsubscribe function. */
  onChange(listener: (size: TerminalSize) => void): () => void;
}

/** Signals the client received, to be forwarded to the container (`--sig-proxy`). */
export interface SignalSource {
  /** Returns the unsubscribe function; `signal` is a name such as SIGINT. */
  onSignal(listener: (signal: string) => void): () => void;
}

/** What an attached client adds to its streams: its terminal's size and the signals it proxies. */
export interface AttachControls {
  terminalSize?: TerminalSizeSource;
  signals?: SignalSource;
  /** Ends the attachment without touching the container (detach keys, a closed API connection). */
  signal?: AbortSignal;
}

export interface ContainerAttachReport {
  /** The client detached; the container keeps running. */
  detached: boolean;
  /** The container's exit code when it exited while attached. */
  exitCode?: number;
}

export interface ExecCreateOptions {
  /** The command and its arguments; run without a shell. */
  command: string[];
  /** KEY=VALUE over the container's environment (later wins). */
  env?: string[];
  /** -u as given (name, uid, uid:gid); absent = the container's user. */
  user?: string;
  /** Absent = the container's working directory. */
  workingDir?: string;
  tty?: boolean;
  /** Give the process a stdin fed by the attached client (`-i`, AttachStdin). */
  stdin?: boolean;
  /** All capabilities, as `--privileged` gives them. */
  privileged?: boolean;
  detachKeys?: string;
}

export interface ExecCreateReport {
  id: string;
}

export interface ExecStartOptions {
  /** Absent = detached: start the process and return at once (`exec -d`, `Detach: true`). */
  attach?: AttachStreams & AttachControls;
  /** Initial pty size (the API's ConsoleSize); the attached client's terminalSize wins. */
  terminalSize?: TerminalSize;
}

export interface ExecStartReport {
  id: string;
  pid: number;
  /** The process's exit code (128 + signal when killed); absent when detached. */
  exitCode?: number;
}

/** `GET /exec/{id}/json`, the fields tsmoby knows. */
export interface ExecInspect {
  ID: string;
  ContainerID: string;
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  OpenStdin: boolean;
  OpenStdout: boolean;
  OpenStderr: boolean;
  CanRemove: boolean;
  DetachKeys: string;
  ProcessConfig: { entrypoint: string; arguments: string[]; privileged: boolean; tty: boolean; user: string };
}

/** One-shot exec: create + start. */
export type ContainerExecOptions = ExecCreateOptions & ExecStartOptions;

/** `top`: ps-style titles and one row of cells per process, as `GET /containers/{id}/top` answers. */
export interface ContainerTopReport {
  Titles: string[];
  Processes: string[][];
}
