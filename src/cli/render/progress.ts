// Renders pull/push progress the way Podman does: on stderr, plain lines when stderr is not a terminal, live
// bars when it is (ink, loaded only then), nothing with -q; the image id goes to stdout at the end.
import { applyProgressEvent, initialProgress, type ProgressEvent } from './progress-state.js';

export type { LayerStatus, ProgressEvent } from './progress-state.js';

export interface ProgressIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface ProgressOptions {
  /** -q: print only the image id. */
  quiet?: boolean;
  /** Print the image id on stdout at the end (pull: yes, push: no). Default true. */
  printId?: boolean;
  /** Override the terminal check (tests, --progress plain). */
  tty?: boolean;
}

/** Consumes the events, renders them, and returns the image id from the `done` event. */
export async function renderProgress(
  events: AsyncIterable<ProgressEvent>,
  io: ProgressIo,
  options: ProgressOptions = {},
): Promise<string | undefined> {
  let imageId: string | undefined;
  if (options.quiet) {
    for await (const ev of events) if (ev.type === 'done') imageId = ev.imageId;
  } else if (options.tty ?? io.stderr.isTTY === true) {
    const { renderProgressTty } = await import('./progress-view.js');
    imageId = await renderProgressTty(events, io.stderr);
  } else {
    imageId = await renderPlainProgress(events, io.stderr);
  }
  if (imageId !== undefined && options.printId !== false) io.stdout.write(`${imageId}\n`);
  return imageId;
}

/** The non-terminal form: one line per step, a blob line when it is finished, as Podman prints them. */
export async function renderPlainProgress(
  events: AsyncIterable<ProgressEvent>,
  out: NodeJS.WritableStream,
): Promise<string | undefined> {
  let state = initialProgress();
  let printedLog = 0;
  const reported = new Set<string>();
  let imageId: string | undefined;
  for await (const ev of events) {
    state = applyProgressEvent(state, ev, 0);
    for (; printedLog < state.log.length; printedLog++) out.write(`${state.log[printedLog]}\n`);
    if (ev.type === 'layer' && (ev.status === 'done' || ev.status === 'exists' || ev.status === 'pushed') && !reported.has(ev.digest)) {
      reported.add(ev.digest);
      out.write(`Copying blob ${ev.digest}${ev.status === 'exists' ? ' skipped: already exists' : ' done'}\n`);
    }
    if (ev.type === 'config') out.write(`Copying config ${ev.digest} done\n`);
    if (ev.type === 'done') {
      out.write('Writing manifest to image destination\nStoring signatures\n');
      imageId = ev.imageId;
    }
  }
  return imageId;
}
