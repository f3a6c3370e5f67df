// Engine events (Docker's /events records): every operation that changes state records one in the event
// log; `events` replays the past from --since and follows live ones, filtered as Docker filters them.
import { parseFilters } from '../filters/item-filters.js';
import { matchLabel } from '../filters/item-filters.js';
import type { EngineEvent, EventsOptions } from '../engine.js';
import { EventLog } from '../../state/event-log.js';

const EVENT_FILTERS = ['container', 'image', 'volume', 'network', 'type', 'event', 'label'];

export class EngineEvents {
  private readonly log: EventLog<EngineEvent>;

  constructor(path: string) {
    this.log = new EventLog<EngineEvent>(path);
  }

  /** Records an event; a failure to record never fails the operation that caused it. */
  async emit(type: EngineEvent['Type'], action: string, id: string, attributes: Record<string, string> = {}): Promise<void> {
    const now = Date.now();
    const event: EngineEvent = {
      Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local',
      time: Math.floor(now / 1000), timeNano: now * 1_000_000,
    };
    await this.log.append(event).catch(() => undefined);
  }

  /** The exit code of the newest `die` of a container in the journal (read to the end, not followed). */
  async lastExitCode(id: string): Promise<number | undefined> {
    let code: number | undefined;
    for await (const e of this.log.read()) {
      if (e.Type === 'container' && e.Action === 'die' && e.Actor.ID === id) {
        const n = Number(e.Actor.Attributes.exitCode);
        if (Number.isInteger(n)) code = n;
      }
    }
    return code;
  }

  async *stream(options: EventsOptions = {}): AsyncIterable<EngineEvent> {
    const filters = parseFilters(options.filters ?? [], EVENT_FILTERS);
    const since = options.since?.getTime() ?? Date.now();
    const until = options.until?.getTime();
    const ac = new AbortController();
    const stop = () => ac.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    if (until !== undefined) timer = setTimeout(stop, Math.max(0, until - Date.now()));
    try {
      for await (const e of this.log.read({ follow: until === undefined || until > Date.now(), signal: ac.signal })) {
        const t = e.timeNano / 1_000_000;
        if (t < since) continue;
        if (until !== undefined && t > until) break;
        if (matches(e, filters)) yield e;
      }
    } finally {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    }
  }
}

function matches(e: EngineEvent, filters: Map<string, string[]>): boolean {
  for (const [key, values] of filters) {
    const attrs = e.Actor.Attributes;
    const ok = values.some((v) => {
      switch (key) {
        case 'type': return e.Type === v;
        case 'event': return e.Action === v || e.Action.startsWith(`${v}:`);
        case 'label': return matchLabel(attrs, v);
        case 'container': case 'image': case 'volume': case 'network':
          return e.Type === key && (e.Actor.ID === v || e.Actor.ID.startsWith(v) || attrs.name === v || attrs.image === v);
        default: return true;
      }
    });
    if (key === 'label' ? !values.every((v) => matchLabel(e.Actor.Attributes, v)) : !ok) return false;
  }
  return true;
}
