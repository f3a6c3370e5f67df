// What a build reports while it runs, and how it fails; the CLI prints the events in Podman's plain format,
// the API encodes them as Docker's JSON message stream.
import { TsmobyError } from '../errors/index.js';

export type BuildEvent =
  /** A Dockerfile step begins (`index` counts from 1 over every stage built). */
  | { type: 'step'; index: number; total: number; text: string }
  /** An ONBUILD trigger of the base image runs. */
  | { type: 'trigger'; text: string }
  /** The step's result came from the cache. */
  | { type: 'cached'; id: string }
  /** The step ran; `id` names its result (the cache key, shortened by the printer). */
  | { type: 'done'; id: string }
  /** Output of a RUN command, as it comes. */
  | { type: 'output'; text: string }
  | { type: 'warning'; text: string };

export interface BuildResult {
  /** Image id, hex. */
  imageId: string;
  names: string[];
}

/** A RUN step exited non-zero; the build fails with that status. */
export class StepFailedError extends TsmobyError {
  constructor(readonly step: string, readonly exitCode: number) {
    super('internal', `building at STEP "${step}": while running runtime: exit status ${exitCode}`);
  }
}
