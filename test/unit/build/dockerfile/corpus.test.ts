// Real-world style Dockerfiles, end to end through the parser and the stage evaluator.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../../src/build/dockerfile/parser.js';
import { resolveGlobalScope } from '../../../../src/build/build-args.js';
import { StageEvaluator } from '../../../../src/build/stage-evaluator.js';
import type { RunStep } from '../../../../src/build/resolved-step.js';

const NODE = `# syntax=docker/dockerfile:1.7
ARG NODE_VERSION=20

FROM node:\${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \\
    # keep the cache out of the layer
    && npm cache clean --force

FROM node:\${NODE_VERSION}-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=2s CMD ["wget", "-qO-", "http://localhost:3000/health"]
CMD ["node", "server.js"]
`;

const PYTHON = `FROM python:3.12-slim
ARG PIP_INDEX_URL
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \\
      build-essential \\
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /srv/app
WORKDIR /srv/app
ENTRYPOINT ["gunicorn"]
CMD ["-b", "0.0.0.0:8000", "app:wsgi"]
`;

const ONBUILD_BASE = `FROM python:3
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
ONBUILD COPY requirements.txt /usr/src/app/
ONBUILD RUN pip install --no-cache-dir -r requirements.txt
ONBUILD COPY . /usr/src/app
`;

describe('corpus', () => {
  it('Node multi-stage: step count, FROM expansion, final config', () => {
    const df = parseDockerfile(NODE);
    const total = df.metaArgs.length + df.stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
    expect(total).toBe(14);
    const scope = resolveGlobalScope(df, { buildArgs: {} });
    expect(scope.froms.map((f) => f.image)).toEqual(['node:20-alpine', 'node:20-alpine']);
    const ev = new StageEvaluator({ baseConfig: { Env: ['PATH=/bin'], Cmd: ['node'] }, metaArgs: scope.metaArgs });
    const steps = df.stages[1]!.instructions.map((i) => ev.step(i));
    expect(steps.map((s) => s.kind)).toEqual(['metadata', 'metadata', 'copy', 'copy', 'metadata', 'metadata', 'metadata', 'metadata']);
    expect(ev.config).toMatchObject({
      Env: ['PATH=/bin', 'NODE_ENV=production'], WorkingDir: '/app', User: 'node', Cmd: ['node', 'server.js'],
      ExposedPorts: { '3000/tcp': {} }, Healthcheck: { Test: ['CMD', 'wget', '-qO-', 'http://localhost:3000/health'], Interval: 10e9, Timeout: 2e9 },
    });
    const depsRun = df.stages[0]!.instructions[2]!;
    expect(depsRun.original).toBe('RUN npm ci --omit=dev     && npm cache clean --force');
  });

  it('Python: continuations inside ENV and RUN; an ARG without value stays out of the RUN env', () => {
    const df = parseDockerfile(PYTHON);
    const ev = new StageEvaluator({ baseConfig: { Env: ['PATH=/usr/local/bin:/usr/bin'] } });
    const steps = df.stages[0]!.instructions.map((i) => ev.step(i));
    const run = steps[2] as RunStep;
    expect(run.argv.at(-1)).toBe('apt-get update && apt-get install -y --no-install-recommends       build-essential  && rm -rf /var/lib/apt/lists/*');
    expect(run.env).toEqual(['PATH=/usr/local/bin:/usr/bin', 'PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1']);
    expect(ev.config).toMatchObject({ Entrypoint: ['gunicorn'], Cmd: ['-b', '0.0.0.0:8000', 'app:wsgi'], WorkingDir: '/srv/app' });
    const withArg = new StageEvaluator({ baseConfig: {}, buildArgs: { PIP_INDEX_URL: 'http://mirror/simple' } });
    const argSteps = df.stages[0]!.instructions.map((i) => withArg.step(i));
    expect((argSteps[2] as RunStep).createdBy).toMatch(/^\|1 PIP_INDEX_URL=http:\/\/mirror\/simple \/bin\/sh -c apt-get/);
  });

  it('ONBUILD: the base records triggers, a child built FROM it runs them first', () => {
    const base = parseDockerfile(ONBUILD_BASE);
    const ev = new StageEvaluator({ baseConfig: {} });
    for (const i of base.stages[0]!.instructions) ev.step(i);
    expect(ev.config.OnBuild).toEqual(['COPY requirements.txt /usr/src/app/', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY . /usr/src/app']);
    const child = new StageEvaluator({ baseConfig: ev.config });
    const triggered = child.triggers.map((t) => child.step(t));
    expect(triggered.map((s) => s.kind)).toEqual(['copy', 'run', 'copy']);
    expect(triggered[0]).toMatchObject({ sources: ['requirements.txt'], dest: '/usr/src/app/' });
    expect(child.config.OnBuild).toBeNull();
  });
});
