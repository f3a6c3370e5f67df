import { describe, expect, it } from 'vitest';
import { ProgressEncoder } from '../../../../src/api/codec/progress-json.js';
import type { ProgressEvent } from '../../../../src/engine/engine.js';

const L1 = `sha256:${'a'.repeat(64)}`;
const L2 = `sha256:${'b'.repeat(64)}`;

describe('pull progress as Docker JSON messages', () => {
  it('says what `docker pull` shows, ending with Digest and Status', () => {
    const enc = new ProgressEncoder('pull', 'alpine:latest');
    const events: ProgressEvent[] = [
      { type: 'resolving', ref: 'docker.io/library/alpine:latest' },
      { type: 'layer', digest: L1, status: 'exists' },
      { type: 'layer', digest: L2, status: 'waiting' },
      { type: 'layer', digest: L2, status: 'downloading', current: 10, total: 20 },
      { type: 'layer', digest: L2, status: 'verifying' },
      { type: 'layer', digest: L2, status: 'extracting', current: 20, total: 20 },
      { type: 'layer', digest: L2, status: 'done' },
      { type: 'done', digest: 'sha256:feed' },
    ];
    expect(events.flatMap((e) => enc.encode(e))).toEqual([
      { status: 'Pulling from library/alpine', id: 'latest' },
      { status: 'Already exists', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Waiting', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Downloading', progressDetail: { current: 10, total: 20 }, id: 'bbbbbbbbbbbb' },
      { status: 'Verifying Checksum', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Download complete', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Extracting', progressDetail: { current: 20, total: 20 }, id: 'bbbbbbbbbbbb' },
      { status: 'Pull complete', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Digest: sha256:feed' },
      { status: 'Status: Downloaded newer image for alpine:latest' },
    ]);
  });

  it('says "up to date" when every layer was already there', () => {
    const enc = new ProgressEncoder('pull', 'alpine:latest');
    const out = [enc.encode({ type: 'layer', digest: L1, status: 'exists' }), enc.encode({ type: 'done' })].flat();
    expect(out.at(-1)).toEqual({ status: 'Status: Image is up to date for alpine:latest' });
  });
});

describe('push progress', () => {
  it('names the repository, prepares and pushes layers, and ends with the digest line and aux', () => {
    const enc = new ProgressEncoder('push', 'localhost:5000/app:1.0');
    const out = [
      { type: 'resolving', ref: 'localhost:5000/app:1.0' },
      { type: 'layer', digest: L1, status: 'uploading', current: 5, total: 9 },
      { type: 'layer', digest: L1, status: 'pushed' },
      { type: 'layer', digest: L2, status: 'exists' },
      { type: 'done', digest: 'sha256:beef', size: 528 },
    ].flatMap((e) => enc.encode(e as ProgressEvent));
    expect(out).toEqual([
      { status: 'The push refers to repository [localhost:5000/app]' },
      { status: 'Preparing', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Pushing', progressDetail: { current: 5, total: 9 }, id: 'aaaaaaaaaaaa' },
      { status: 'Pushed', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Layer already exists', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: '1.0: digest: sha256:beef size: 528' },
      { progressDetail: {}, aux: { Tag: '1.0', Digest: 'sha256:beef', Size: 528 } },
    ]);
  });
});
