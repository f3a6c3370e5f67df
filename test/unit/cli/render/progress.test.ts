import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderProgress, type ProgressEvent } from '../../../../src/cli/render/progress.js';
import { applyProgressEvent, initialProgress, layerLine, progressLines } from '../../../../src/cli/render/progress-state.js';
import { renderProgressTty } from '../../../../src/cli/render/progress-view.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const pull: ProgressEvent[] = [
  { type: 'resolving', ref: 'docker.io/library/alpine:latest' },
  { type: 'layer', digest: A, status: 'waiting' },
  { type: 'layer', digest: B, status: 'exists' },
  { type: 'layer', digest: A, status: 'downloading', current: 100, total: 1000 },
  { type: 'layer', digest: A, status: 'downloading', current: 1000, total: 1000 },
  { type: 'layer', digest: A, status: 'extracting' },
  { type: 'layer', digest: A, status: 'done' },
  { type: 'config', digest: C },
  { type: 'done', imageId: 'c'.repeat(64) },
];

async function* stream(events: ProgressEvent[]): AsyncIterable<ProgressEvent> {
  for (const e of events) yield e;
}

class Capture extends Writable {
  text = '';
  columns = 100;
  isTTY?: boolean;
  override _write(chunk: Buffer, _enc: string, cb: () => void): void { this.text += chunk.toString(); cb(); }
}

describe('renderProgress (not a terminal)', () => {
  it('prints podman lines on stderr and the image id on stdout', async () => {
    const stdout = new Capture(); const stderr = new Capture();
    const id = await renderProgress(stream(pull), { stdout, stderr });
    expect(id).toBe('c'.repeat(64));
    expect(stderr.text).toBe([
      'Trying to pull docker.io/library/alpine:latest...',
      'Getting image source signatures',
      `Copying blob ${B} skipped: already exists`,
      `Copying blob ${A} done`,
      `Copying config ${C} done`,
      'Writing manifest to image destination',
      'Storing signatures',
      '',
    ].join('\n'));
    expect(stdout.text).toBe(`${'c'.repeat(64)}\n`);
  });

  it('-q prints nothing but the id', async () => {
    const stdout = new Capture(); const stderr = new Capture();
    await renderProgress(stream(pull), { stdout, stderr }, { quiet: true });
    expect(stderr.text).toBe('');
    expect(stdout.text).toBe(`${'c'.repeat(64)}\n`);
  });

  it('push prints no id and no pull line', async () => {
    const stdout = new Capture(); const stderr = new Capture();
    await renderProgress(stream(pull.slice(1)), { stdout, stderr }, { printId: false });
    expect(stdout.text).toBe('');
    expect(stderr.text.startsWith('Getting image source signatures\n')).toBe(true);
  });

  it('passes an engine error through after what was printed', async () => {
    async function* failing(): AsyncIterable<ProgressEvent> {
      yield pull[0]!;
      throw new Error('manifest unknown');
    }
    const stderr = new Capture();
    await expect(renderProgress(failing(), { stdout: new Capture(), stderr })).rejects.toThrow('manifest unknown');
    expect(stderr.text).toBe('Trying to pull docker.io/library/alpine:latest...\n');
  });
});

describe('progress lines for a terminal', () => {
  it('shows a bar with bytes and rate while downloading', () => {
    const line = layerLine({ digest: A, status: 'downloading', current: 1_200_000, total: 3_400_000, startedAt: 0 }, 2000, 100);
    expect(line).toMatch(/^Copying blob aaaaaaaaaaaa \[=+>-+\] 1\.2MB \/ 3\.4MB 600kB\/s$/);
    expect(layerLine({ digest: A, status: 'downloading', current: 500, startedAt: 0 }, 0)).toBe('Copying blob aaaaaaaaaaaa 500B');
  });

  it('folds events into lines in order', () => {
    let s = initialProgress();
    pull.forEach((e, i) => { s = applyProgressEvent(s, e, i * 1000); });
    expect(progressLines(s, 10_000)).toEqual([
      'Trying to pull docker.io/library/alpine:latest...',
      'Getting image source signatures',
      'Copying blob aaaaaaaaaaaa done',
      'Copying blob bbbbbbbbbbbb skipped: already exists',
      'Copying config cccccccccccc done',
      'Writing manifest to image destination',
      'Storing signatures',
    ]);
  });

  it('draws the final screen with ink on a terminal stream', async () => {
    const out = new Capture();
    out.isTTY = true;
    const id = await renderProgressTty(stream(pull), out as unknown as PassThrough, () => 0);
    expect(id).toBe('c'.repeat(64));
    const plain = out.text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toContain('Copying blob bbbbbbbbbbbb skipped: already exists');
    expect(plain).toContain('Copying blob aaaaaaaaaaaa done');
    expect(plain).toContain('Writing manifest to image destination');
  });
});
