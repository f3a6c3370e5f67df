// The terminal form of pull/push progress: an ink view of progressLines(), redrawn as events arrive and
// once a second for the rates. Loaded lazily, only when stderr is a terminal.
import { Box, render, Text } from 'ink';
import { applyProgressEvent, initialProgress, progressLines, type ProgressEvent, type ProgressState } from './progress-state.js';

export interface ProgressViewProps {
  state: ProgressState;
  now: number;
  columns: number;
}

export function ProgressView({ state, now, columns }: ProgressViewProps) {
  return (
    <Box flexDirection="column">
      {progressLines(state, now, columns).map((line, i) => (
        <Text key={i} wrap="truncate-end">{line}</Text>
      ))}
    </Box>
  );
}

/** Draws the events on `stream` until they end; returns the image id of the `done` event. */
export async function renderProgressTty(
  events: AsyncIterable<ProgressEvent>,
  stream: NodeJS.WritableStream & { columns?: number },
  clock: () => number = Date.now,
): Promise<string | undefined> {
  let state = initialProgress();
  const columns = () => stream.columns ?? 80;
  const view = () => <ProgressView state={state} now={clock()} columns={columns()} />;
  const ink = render(view(), {
    stdout: stream as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  const timer = setInterval(() => ink.rerender(view()), 1000);
  try {
    for await (const ev of events) {
      state = applyProgressEvent(state, ev, clock());
      ink.rerender(view());
    }
  } finally {
    clearInterval(timer);
    ink.rerender(view());
    ink.unmount();
  }
  return state.imageId;
}
