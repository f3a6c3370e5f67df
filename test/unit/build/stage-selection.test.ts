// --target builds only what the target needs: FROM <stage> and COPY --from=<stage> edges, transitively.
import { describe, expect, it } from 'vitest';
import { resolveGlobalScope } from '../../../src/build/build-args.js';
import { parseDockerfile } from '../../../src/build/dockerfile/parser.js';
import { stagesToBuild } from '../../../src/build/stage-selection.js';

function select(lines: string[], target: number, buildArgs: Record<string, string> = {}): number[] {
  const df = parseDockerfile(lines.join('\n'));
  return stagesToBuild(df, resolveGlobalScope(df, { buildArgs }), target);
}

describe('stagesToBuild', () => {
  const text = [
    'FROM alpine AS tools', 'RUN echo tools',
    'FROM alpine AS unrelated', 'RUN echo unrelated',
    'FROM tools AS compile', 'RUN echo compile',
    'FROM busybox AS assets', 'RUN echo assets',
    'FROM alpine AS final', 'COPY --from=compile /out /out', 'COPY --from=3 /a /a',
  ];

  it('skips a stage the target does not depend on', () => {
    expect(select(text, 4)).toEqual([0, 2, 3, 4]);
  });

  it('follows FROM <stage> transitively and stops at the target', () => {
    expect(select(text, 2)).toEqual([0, 2]);
    expect(select(text, 1)).toEqual([1]);
    expect(select(text, 0)).toEqual([0]);
  });

  it('treats a COPY --from that names an image, not a stage, as no edge', () => {
    expect(select(['FROM alpine AS a', 'FROM alpine AS b', 'COPY --from=busybox:latest /bin/sh /sh'], 1)).toEqual([1]);
  });

  it('resolves FROM through meta args and matches --from stage names case-insensitively', () => {
    expect(select(['ARG BASE=one', 'FROM alpine AS one', 'FROM alpine AS two', 'FROM ${BASE}'], 2)).toEqual([0, 2]);
    expect(select(['FROM alpine AS builder', 'FROM alpine AS other', 'FROM alpine', 'COPY --from=Builder /x /x'], 2)).toEqual([0, 2]);
  });

  it('keeps every earlier stage when --from is a variable only the stage can resolve', () => {
    const lines = ['FROM alpine AS builder', 'FROM alpine AS other', 'FROM alpine', 'ARG SRC=builder', 'COPY --from=${SRC} /x /x'];
    expect(select(lines, 2)).toEqual([0, 1, 2]);
  });

  it('is the whole chain for a Dockerfile whose stages all depend on each other', () => {
    expect(select(['FROM alpine AS a', 'FROM a AS b', 'FROM b'], 2)).toEqual([0, 1, 2]);
  });
});
