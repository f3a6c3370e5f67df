// Streams of JSON messages (pull, push, load, events): one object per line, flushed as it comes. The status line
// is held back until the first message, so an error before any output still gets its proper status code;
// after that an error can only travel in-band, as Docker's `{"error": ..., "errorDetail": ...}` message.
import type { ServerResponse } from 'node:http';
import { errorMessageOf } from '../http-status.js';
import { errorMessage } from './progress-json.js';

export interface JsonLinesOptions {
  /** Send the headers at once (events: the client waits for them before it prints anything). */
  eager?: boolean;
}

export async function streamJsonLines(res: ServerResponse, messages: AsyncIterable<object>, options: JsonLinesOptions = {}): Promise<void> {
  const start = () => {
    if (res.headersSent) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
  };
  if (options.eager) start();
  try {
    for await (const message of messages) {
      if (res.destroyed) break;
      start();
      res.write(`${JSON.stringify(message)}\n`);
    }
  } catch (err) {
    if (!res.headersSent) throw err;
    if (!res.destroyed) res.write(`${JSON.stringify(errorMessage(errorMessageOf(err)))}\n`);
  }
  start();
  res.end();
}

/** Maps each item of a source to zero or more messages (e.g. ProgressEvent -> Docker progress lines). */
export async function* mapMessages<T>(source: AsyncIterable<T>, encode: (item: T) => object[]): AsyncIterable<object> {
  for await (const item of source) yield* encode(item);
}
