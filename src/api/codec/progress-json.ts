// Pull and push progress as the Docker API streams it: one JSON object per line, in the wording the docker CLI
// renders as per-layer bars ("Pulling fs layer", "Downloading", "Pull complete", ..., "Digest:", "Status:").
import type { ProgressEvent } from '../../engine/engine.js';
import { repositoryAndTag } from './docker-names.js';

export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { message: string; code?: number };
}

/** Docker's short layer id: the first 12 hex digits of the digest. */
export function shortLayerId(digest: string): string {
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

export function errorMessage(message: string): JsonMessage {
  return { errorDetail: { message }, error: message };
}

const PULL_STATUS: Record<string, string> = {
  waiting: 'Waiting', downloading: 'Downloading', verifying: 'Verifying Checksum',
  extracting: 'Extracting', done: 'Pull complete', exists: 'Already exists',
};
const PUSH_STATUS: Record<string, string> = {
  waiting: 'Waiting', uploading: 'Pushing', pushed: 'Pushed', exists: 'Layer already exists', done: 'Pushed',
};

/**
 * Stateful: it remembers which layers it has announced and whether any layer was fetched (not merely found), to choose between
 * "Downloaded newer image" and "Image is up to date". `requested` is the name as the client asked for it.
 */
export class ProgressEncoder {
  private readonly announced = new Set<string>();
  private downloaded = false;
  private started = false;

  constructor(private readonly mode: 'pull' | 'push', private readonly requested: string) {}

  encode(event: ProgressEvent): JsonMessage[] {
    switch (event.type) {
      case 'resolving': return this.start(event.ref);
      case 'layer': return this.layer(event.digest, event.status, event.current, event.total);
      case 'config': return [];
      case 'message': return [{ status: event.text }];
      case 'done': return this.done(event.digest, event.size);
    }
  }

  private start(ref: string): JsonMessage[] {
    if (this.started) return [];
    this.started = true;
    if (this.mode === 'push') return [{ status: `The push refers to repository [${ref.replace(/[:@][^/]*$/, '')}]` }];
    const { repository, tag } = repositoryAndTag(ref);
    return [{ status: `Pulling from ${repository}`, id: tag }];
  }

  private layer(digest: string, status: string, current?: number, total?: number): JsonMessage[] {
    const id = shortLayerId(digest);
    const out: JsonMessage[] = [];
    if (!this.announced.has(id)) {
      this.announced.add(id);
      if (status !== 'exists') out.push({ status: this.mode === 'pull' ? 'Pulling fs layer' : 'Preparing', progressDetail: {}, id });
    }
    if (status !== 'exists' && status !== 'waiting') this.downloaded = true;
    const text = (this.mode === 'pull' ? PULL_STATUS : PUSH_STATUS)[status];
    if (text === undefined) return out;
    const detail = current !== undefined ? { current, ...(total !== undefined ? { total } : {}) } : {};
    out.push({ status: text, progressDetail: detail, id });
    if (status === 'verifying') out.push({ status: 'Download complete', progressDetail: {}, id });
    return out;
  }

  private done(digest: string | undefined, size: number | undefined): JsonMessage[] {
    if (this.mode === 'push') {
      const { tag } = repositoryAndTag(this.requested);
      if (digest === undefined) return [];
      return [
        { status: `${tag}: digest: ${digest} size: ${size ?? 0}` },
        { progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: size ?? 0 } },
      ];
    }
    const out: JsonMessage[] = [];
    if (digest !== undefined) out.push({ status: `Digest: ${digest}` });
    out.push({ status: this.downloaded ? `Status: Downloaded newer image for ${this.requested}` : `Status: Image is up to date for ${this.requested}` });
    return out;
  }
}
