import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/build/dockerfile/parser.js';
import { resolveGlobalScope, unusedBuildArgs, findStage } from '../../../src/build/build-args.js';
import { StageEvaluator } from '../../../src/build/stage-evaluator.js';
import type { ImageConfig } from '../../../src/build/image-config.js';
import type { CopyStep, ResolvedStep, RunStep } from '../../../src/build/resolved-step.js';

function evaluate(text: string, opts: { buildArgs?: Record<string, string>; base?: ImageConfig; stage?: number } = {}) {
  const df = parseDockerfile(text);
  const buildArgs = opts.buildArgs ?? {};
  const scope = resolveGlobalScope(df, { buildArgs, platformArgs: { BUILDPLATFORM: 'linux/amd64', TARGETARCH: 'arm64' } });
  const stage = df.stages[opts.stage ?? df.stages.length - 1]!;
  const ev = new StageEvaluator({ baseConfig: opts.base ?? { Env: ['PATH=/usr/bin:/bin'] }, metaArgs: scope.metaArgs, buildArgs, escape: df.directives.escape });
  const steps: ResolvedStep[] = stage.instructions.map((i) => ev.step(i));
  return { df, scope, ev, steps };
}

describe('ARG scoping', () => {
  const text = [
    'ARG VERSION=1.0', 'ARG REG=docker.io', 'FROM --platform=$BUILDPLATFORM $REG/app:${VERSION} AS base',
    'RUN echo $VERSION', 'ARG VERSION', 'RUN echo $VERSION',
  ].join('\n');

  it('meta args expand FROM; --build-arg overrides their defaults', () => {
    expect(evaluate(text).scope.froms[0]).toEqual({ stageIndex: 0, stageName: 'base', image: 'docker.io/app:1.0', platform: 'linux/amd64' });
    expect(evaluate(text, { buildArgs: { VERSION: '2.0' } }).scope.froms[0]!.image).toBe('docker.io/app:2.0');
  });

  it('a meta arg is not visible in the stage until re-declared, then RUN sees it', () => {
    const [run1, , run2] = evaluate(text).steps as RunStep[];
    expect(run1!.env).not.toContain('VERSION=1.0');
    expect(run1!.createdBy).toBe('/bin/sh -c echo $VERSION');
    expect(run2!.env).toContain('VERSION=1.0');
    expect(run2!.buildArgs).toEqual([['VERSION', '1.0']]);
    expect(run2!.createdBy).toBe('|1 VERSION=1.0 /bin/sh -c echo $VERSION');
  });

  it('ENV wins over ARG for expansion and for the RUN environment', () => {
    const { steps } = evaluate('FROM a\nARG CONT_IMG_VER\nENV CONT_IMG_VER=v1.0.0\nENV OUT=$CONT_IMG_VER\nRUN echo', { buildArgs: { CONT_IMG_VER: 'v2.0.1' } });
    const run = steps[3] as RunStep;
    expect(run.env).toEqual(['PATH=/usr/bin:/bin', 'CONT_IMG_VER=v1.0.0', 'OUT=v1.0.0']);
    expect(run.buildArgs).toEqual([]);
  });

  it('ARG defaults may use earlier values; ${VAR:-x} in ENV picks up build args', () => {
    const { steps } = evaluate('FROM a\nARG A=x\nARG B=${A}y\nENV C=${B:-none} D=${MISSING:-none}', { buildArgs: { A: 'q' } });
    expect(steps[2]!.config.Env).toEqual(['PATH=/usr/bin:/bin', 'C=qy', 'D=none']);
  });

  it('proxy args reach RUN without being declared, but stay out of history', () => {
    const run = evaluate('FROM a\nRUN wget x', { buildArgs: { HTTP_PROXY: 'http://p:3128' } }).steps[0] as RunStep;
    expect(run.env).toContain('HTTP_PROXY=http://p:3128');
    expect(run.createdBy).toBe('/bin/sh -c wget x');
  });

  it('unused build args are listed; stages are found by name or index', () => {
    const { df } = evaluate(text);
    expect(unusedBuildArgs(df, { VERSION: '1', NOPE: 'x', HTTP_PROXY: 'y' })).toEqual(['NOPE']);
    expect(findStage(df, 'BASE')).toBe(0);
    expect(findStage(df, 'alpine')).toBeUndefined();
  });
});

describe('image config evolution', () => {
  const text = [
    'FROM node:20', 'ENV abc=hello', 'ENV abc=bye def=$abc', 'ENV ghi=$abc', 'WORKDIR /app', 'WORKDIR src',
    'USER ${abc}:staff', 'LABEL version="1.0" description="a \\"quoted\\" app"', 'EXPOSE 80/tcp 53/udp 8000-8001',
    'VOLUME ["/data", "$abc"]', 'STOPSIGNAL SIGQUIT', 'CMD ["node", "server.js"]', 'ENTRYPOINT ["tini", "--"]',
    'HEALTHCHECK --interval=30s CMD curl -f http://localhost/', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    'RUN echo hi', 'ONBUILD COPY . /app/src', 'MAINTAINER someone',
  ].join('\n');

  it('follows the reference: ENV in one line sees the old value; later ones see the new', () => {
    const { ev, steps } = evaluate(text);
    const c = ev.config;
    expect(c.Env).toEqual(['PATH=/usr/bin:/bin', 'abc=bye', 'def=hello', 'ghi=bye']);
    expect(c.WorkingDir).toBe('/app/src');
    expect(c.User).toBe('bye:staff');
    expect(c.Labels).toEqual({ version: '1.0', description: 'a "quoted" app' });
    expect(Object.keys(c.ExposedPorts!)).toEqual(['80/tcp', '53/udp', '8000/tcp', '8001/tcp']);
    expect(Object.keys(c.Volumes!)).toEqual(['/data', 'bye']);
    expect(c.StopSignal).toBe('SIGQUIT');
    expect(c.Cmd).toEqual(['node', 'server.js']);
    expect(c.Entrypoint).toEqual(['tini', '--']);
    expect(c.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'curl -f http://localhost/'], Interval: 30e9 });
    expect((steps[14] as RunStep).argv).toEqual(['/bin/bash', '-o', 'pipefail', '-c', 'echo hi']);
    expect((steps[14] as RunStep)).toMatchObject({ user: 'bye:staff', workingDir: '/app/src' });
    expect(c.OnBuild).toEqual(['COPY . /app/src']);
    expect(ev.author).toBe('someone');
    expect(steps[3]).toMatchObject({ kind: 'metadata', createDirectory: '/app', createdBy: '/bin/sh -c #(nop)  WORKDIR /app' });
  });

  it('ENTRYPOINT resets an inherited CMD, not one set in the same stage', () => {
    expect(evaluate('FROM a\nENTRYPOINT ["x"]', { base: { Cmd: ['sh'] } }).ev.config.Cmd).toBeNull();
    expect(evaluate('FROM a\nCMD ["y"]\nENTRYPOINT x', { base: { Cmd: ['sh'] } }).ev.config).toMatchObject({ Cmd: ['y'], Entrypoint: ['/bin/sh', '-c', 'x'] });
  });

  it('scratch gets a default PATH; base ONBUILD triggers run in the child and are not inherited', () => {
    const { ev } = evaluate('FROM scratch\nENV A=1', { base: { OnBuild: ['RUN make', 'copy . /src'] } });
    expect(ev.config.Env![0]).toMatch(/^PATH=\/usr\/local\/sbin:/);
    expect(ev.triggers.map((t) => t.keyword)).toEqual(['RUN', 'COPY']);
    expect(ev.config.OnBuild).toBeNull();
  });

  it('errors name the line', () => {
    expect(() => evaluate('FROM a\nEXPOSE 80/foo')).toThrow(/line 2: invalid containerPort: 80\/foo/);
    expect(() => evaluate('FROM a\nCOPY --chmod=u+x a b')).toThrow(/line 2: invalid --chmod/);
    expect(() => evaluate('FROM a\nCOPY http://x/y /z')).toThrow(/URL for COPY/);
  });
});

describe('COPY and RUN resolution', () => {
  it('expands sources, destination against WORKDIR, --chown and --from', () => {
    const { steps } = evaluate('FROM a AS b\nARG U=1000\nWORKDIR /srv\nENV D=conf\nCOPY --from=b --chown=$U:$U --chmod=755 $D/*.yml ./$D/\nADD x.tar .\nCOPY a b');
    expect(steps[3]).toMatchObject({ sources: ['conf/*.yml'], dest: '/srv/conf/', from: 'b', chown: { user: '1000', group: '1000' }, chmod: 0o755 });
    expect((steps[4] as CopyStep).dest).toBe('/srv/');
    expect((steps[5] as CopyStep).dest).toBe('/srv/b');
  });

  it('heredocs: a lone script goes to the shell, a shebang script is flagged, others become shell heredocs', () => {
    const { steps } = evaluate([
      'FROM a', 'RUN <<EOF', 'set -e', 'echo hi', 'EOF', 'RUN <<EOF', '#!/usr/bin/env python3', 'print(1)', 'EOF',
      'RUN cat <<EOT > /x', 'body', 'EOT', 'ENV N=world', 'COPY <<EOF /hello', 'hello $N', 'EOF',
    ].join('\n'));
    expect((steps[0] as RunStep).argv).toEqual(['/bin/sh', '-c', 'set -e\necho hi\n']);
    expect((steps[1] as RunStep).script).toBe('#!/usr/bin/env python3\nprint(1)\n');
    expect((steps[2] as RunStep).argv).toEqual(['/bin/sh', '-c', 'cat <<EOT > /x\nbody\nEOT\n']);
    expect((steps[4] as CopyStep).inline).toEqual([{ name: 'EOF', content: 'hello world\n', expand: true, chomp: false }]);
  });
});
