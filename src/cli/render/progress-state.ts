// The pull/push progress screen as data: events fold into a state, and the state turns into the lines a
// terminal shows (a bar per layer with bytes and rate). Pure, so the ink view only draws these lines.
import type { LayerStatus, ProgressEvent } from '../../engine/engine.js';
import { humanSize } from './human-units.js';

export type { LayerStatus, ProgressEvent };

export interface LayerProgress {
  digest: string;
  status: LayerStatus;
  current: number;
  total?: number;
  /** When bytes started to flow (ms), for the rate. */
  startedAt?: number;
}

export interface ProgressState {
  log: string[];
  layers: LayerProgress[];
  config?: string;
  done: boolean;
  imageId?: string;
}

export const initialProgress = (): ProgressState => ({ log: [], layers: [], done: false });

const SIGNATURES = 'Getting image source signatures';

/** Folds one event into the state (returns a new state; the old one is left as it was). */
export function applyProgressEvent(state: ProgressState, ev: ProgressEvent, now: number): ProgressState {
  const withSignatures = (log: string[]) => (log.includes(SIGNATURES) ? log : [...log, SIGNATURES]);
  switch (ev.type) {
    case 'resolving': return { ...state, log: [...state.log, `Trying to pull ${ev.ref}...`] };
    case 'message': return { ...state, log: [...state.log, ev.text] };
    case 'config': return { ...state, log: withSignatures(state.log), config: ev.digest };
    case 'done': return { ...state, done: true, imageId: ev.imageId };
    case 'layer': {
      const old = state.layers.find((l) => l.digest === ev.digest);
      const startedAt = old?.startedAt ?? (ev.status === 'downloading' || ev.status === 'uploading' ? now : undefined);
      const next: LayerProgress = {
        digest: ev.digest,
        status: ev.status,
        current: ev.current ?? old?.current ?? 0,
        total: ev.total ?? old?.total,
        startedAt,
      };
      const layers = old ? state.layers.map((l) => (l === old ? next : l)) : [...state.layers, next];
      return { ...state, log: withSignatures(state.log), layers };
    }
  }
}

export const shortDigest = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

function bar(current: number, total: number, width: number): string {
  const filled = Math.min(width, Math.floor((current / total) * width));
  if (filled >= width) return `[${'='.repeat(width)}]`;
  return `[${'='.repeat(filled)}>${'-'.repeat(width - filled - 1)}]`;
}

/** One layer's line: "Copying blob 4abcf2066143 [=====>----] 1.2MB / 3.4MB 600kB/s". */
export function layerLine(layer: LayerProgress, now: number, columns = 80): string {
  const head = `Copying blob ${shortDigest(layer.digest)}`;
  switch (layer.status) {
    case 'done': case 'pushed': return `${head} done`;
    case 'exists': return `${head} skipped: already exists`;
    case 'waiting': return `${head} waiting`;
    case 'verifying': case 'extracting': return `${head} ${layer.status}`;
    case 'downloading': case 'uploading': {
      const seconds = layer.startedAt === undefined ? 0 : (now - layer.startedAt) / 1000;
      const rate = seconds > 0 ? ` ${humanSize(layer.current / seconds)}/s` : '';
      if (!layer.total) return `${head} ${humanSize(layer.current)}${rate}`;
      const bytes = ` ${humanSize(layer.current)} / ${humanSize(layer.total)}${rate}`;
      const width = Math.max(10, Math.min(40, columns - head.length - bytes.length - 3));
      return `${head} ${bar(layer.current, layer.total, width)}${bytes}`;
    }
  }
}

/** Every line the terminal shows for this state, top to bottom. */
export function progressLines(state: ProgressState, now: number, columns = 80): string[] {
  const lines = [...state.log, ...state.layers.map((l) => layerLine(l, now, columns))];
  if (state.config) lines.push(`Copying config ${shortDigest(state.config)} done`);
  if (state.done) lines.push('Writing manifest to image destination', 'Storing signatures');
  return lines;
}
