// Keeps a long-running service at its live heap size. V8 lets old space fill with promoted garbage up to about
// 8 MiB past the live size before it collects (a step no flag lowers), which a service shows as RSS that
// swings and creeps; so, between requests, the service collects once old space has grown by `slackBytes`.
import { getHeapSpaceStatistics } from 'node:v8';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface HeapTrimOptions {
  /** Old-space growth since the last collection that triggers the next one. Default 1 MiB. */
  slackBytes?: number;
  /** Requests between two looks at the heap (a look allocates a little itself). Default 8. */
  checkEvery?: number;
}

export interface HeapFigures {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
}

/** V8's gc(), without --expose-gc on the command line: a context created while the flag is set gets it. */
function loadGc(): (() => void) | undefined {
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  setFlagsFromString('--expose-gc');
  try {
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}

export class HeapTrim {
  private readonly gc = loadGc();
  private readonly slack: number;
  private readonly checkEvery: number;
  private baseline = oldSpaceUsed();
  private sinceCheck = 0;
  private scheduled = false;

  constructor(options: HeapTrimOptions = {}) {
    this.slack = options.slackBytes ?? 1024 * 1024;
    this.checkEvery = options.checkEvery ?? 8;
  }

  /** After each request: with nothing else in flight, collects when old space has grown past the slack. */
  requestDone(inFlight: number): void {
    if (this.gc === undefined || ++this.sinceCheck < this.checkEvery || inFlight > 0 || this.scheduled) return;
    this.sinceCheck = 0;
    if (oldSpaceUsed() - this.baseline < this.slack) return;
    this.scheduled = true;
    // After the response has been flushed, not in its way.
    setImmediate(() => {
      this.scheduled = false;
      this.collect();
    });
  }

  /** A full collection now; the figures after it. */
  collect(): HeapFigures {
    this.gc?.();
    this.baseline = oldSpaceUsed();
    const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
    return { heapUsed, heapTotal, external, rss };
  }
}
