import { describe, expect, it } from 'vitest';
import { parseDockerfile, parseInstruction } from '../../../../src/build/dockerfile/parser.js';
import type { CopyInstruction, Instruction, RunInstruction } from '../../../../src/build/dockerfile/ast.js';

const only = (text: string): Instruction[] => parseDockerfile(text).stages.flatMap((s) => s.instructions);

describe('parseDockerfile: a multi-stage Go build', () => {
  const df = parseDockerfile([
    '# syntax=docker/dockerfile:1',
    'ARG GO_VERSION=1.22',
    'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS Build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    go mod download',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
    '',
    'from gcr.io/distroless/static',
    'copy --from=build /out/app /app',
    'ENTRYPOINT ["/app"]',
  ].join('\n'));

  it('reads directives, meta args and both stages with their names lower-cased', () => {
    expect(df.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '\\' });
    expect(df.metaArgs[0]!.args).toEqual([{ name: 'GO_VERSION', defaultValue: '1.22' }]);
    expect(df.stages.map((s) => s.name)).toEqual(['build', undefined]);
    expect(df.stages[0]!.from).toMatchObject({ image: 'golang:${GO_VERSION}-alpine', platform: '$BUILDPLATFORM', line: 3 });
  });

  it('keeps line numbers and the joined original text, flags parsed', () => {
    const run = df.stages[0]!.instructions[2] as RunInstruction;
    expect(run).toMatchObject({ line: 6, endLine: 7, mounts: ['type=cache,target=/go/pkg/mod'] });
    expect(run.original).toBe('RUN --mount=type=cache,target=/go/pkg/mod     go mod download');
    expect(run.command).toEqual({ form: 'shell', text: 'go mod download' });
    const copy = df.stages[1]!.instructions[0] as CopyInstruction;
    expect(copy).toMatchObject({ keyword: 'COPY', from: 'build', sources: ['/out/app'], dest: '/app', line: 12 });
    expect(df.stages[1]!.instructions[1]).toMatchObject({ keyword: 'ENTRYPOINT', command: { form: 'exec', args: ['/app'] } });
  });
});

describe('continuations and comments', () => {
  it('drops comment lines and empty lines inside a continued instruction, with a warning for the empty one', () => {
    const df = parseDockerfile('FROM alpine\nRUN apk add \\\n  # the compiler\n  gcc \\\n\n  make\n# done\n');
    const run = df.stages[0]!.instructions[0] as RunInstruction;
    expect(run.command).toEqual({ form: 'shell', text: 'apk add   gcc   make' });
    expect(run).toMatchObject({ line: 2, endLine: 6 });
    expect(df.warnings).toEqual(['Dockerfile line 5: empty continuation line']);
  });

  it('a # in the middle of a line is not a comment, leading whitespace before one is', () => {
    const ins = only('FROM alpine\n   # indented comment\nRUN echo hi # to the shell\n');
    expect(ins).toHaveLength(1);
    expect((ins[0] as RunInstruction).command).toEqual({ form: 'shell', text: 'echo hi # to the shell' });
  });

  it('backtick escape on a Windows-style file leaves backslashes alone', () => {
    const df = parseDockerfile([
      '# escape=`', '', 'FROM mcr.microsoft.com/windows/servercore', 'COPY testfile.txt c:\\',
      'RUN dir c:\\ `', '    && echo done', 'WORKDIR c:\\app',
    ].join('\r\n'));
    expect(df.directives.escape).toBe('`');
    const ins = df.stages[0]!.instructions;
    expect(ins[0]).toMatchObject({ sources: ['testfile.txt'], dest: 'c:\\' });
    expect((ins[1] as RunInstruction).command).toEqual({ form: 'shell', text: 'dir c:\\     && echo done' });
    expect(ins[2]).toMatchObject({ path: 'c:\\app' });
  });

  it('without the directive, a trailing backslash continues the line (the reference\'s pitfall)', () => {
    const ins = only('FROM w\nCOPY testfile.txt c:\\\nRUN dir c:\\\n');
    expect(ins).toHaveLength(1);
    expect(ins[0]).toMatchObject({ original: 'COPY testfile.txt c:RUN dir c:', sources: ['testfile.txt', 'c:RUN', 'dir'], dest: 'c:' });
  });
});

describe('parser directives', () => {
  it('are case-insensitive and only read at the very top', () => {
    expect(parseDockerfile('# ESCAPE = `\n#Syntax=x\nFROM a').directives).toEqual({ escape: '`', syntax: 'x' });
    expect(parseDockerfile('FROM a\n# escape=`\n').directives.escape).toBe('\\');
    expect(parseDockerfile('# a comment\n# escape=`\nFROM a').directives.escape).toBe('\\');
    expect(parseDockerfile('\n# escape=`\nFROM a').directives.escape).toBe('\\');
    expect(parseDockerfile('# unknown=x\n# escape=`\nFROM a').directives.escape).toBe('\\');
  });

  it('check= is recorded and ignored; a repeated directive or a bad escape is refused', () => {
    expect(parseDockerfile('# check=skip=all\nFROM a').directives.check).toBe('skip=all');
    expect(() => parseDockerfile('# escape=\\\n# escape=`\nFROM a')).toThrow(/only one escape/);
    expect(() => parseDockerfile('# escape=x\nFROM a')).toThrow(/invalid escape token/);
  });
});

describe('exec and shell forms', () => {
  it('JSON arrays of strings are exec form; anything else falls back to shell form', () => {
    const ins = only([
      'FROM a', 'CMD ["nginx", "-g", "daemon off;"]', "CMD ['single', 'quotes']", 'CMD [1, 2]',
      'RUN [ "echo", "x" ]', 'ENTRYPOINT exec top -b',
    ].join('\n'));
    expect(ins.map((i) => 'command' in i ? i.command : null)).toEqual([
      { form: 'exec', args: ['nginx', '-g', 'daemon off;'] },
      { form: 'shell', text: "['single', 'quotes']" },
      { form: 'shell', text: '[1, 2]' },
      { form: 'exec', args: ['echo', 'x'] },
      { form: 'shell', text: 'exec top -b' },
    ]);
  });

  it('SHELL must be JSON', () => {
    expect(only('FROM a\nSHELL ["powershell", "-command"]')[0]).toMatchObject({ args: ['powershell', '-command'] });
    expect(() => only('FROM a\nSHELL /bin/bash -c')).toThrow(/line 2: SHELL requires the arguments to be in JSON form/);
  });
});

describe('instructions', () => {
  it('keywords are case-insensitive; unknown ones and flags are refused with the line', () => {
    expect(only('from a\nrun true\nCoPy a b')[1]).toMatchObject({ keyword: 'COPY' });
    expect(() => only('FROM a\nFETCH x')).toThrow(/line 2: unknown instruction: FETCH/);
    expect(() => only('FROM a\nCOPY --bogus=1 a b')).toThrow(/line 2: unknown flag: --bogus/);
  });

  it('COPY/ADD flags', () => {
    const [copy, add] = only('FROM a\nCOPY --chown=app:app --chmod=0644 --link ["a b", "/dst/"]\nADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tgz /y') as CopyInstruction[];
    expect(copy).toMatchObject({ chown: 'app:app', chmod: '0644', link: true, sources: ['a b'], dest: '/dst/' });
    expect(add).toMatchObject({ keyword: 'ADD', checksum: 'sha256:abc', keepGitDir: true, link: false });
    expect(() => only('FROM a\nCOPY onlyone')).toThrow(/COPY requires at least two arguments/);
    expect(() => only('FROM a\nCOPY --link=maybe a b')).toThrow(/expecting boolean/);
  });

  it('ENV and LABEL in both syntaxes, values kept raw', () => {
    const [env1, env2, label] = only('FROM a\nENV PATH=/x:$PATH NAME="John Doe" x=a\\ b\nENV LEGACY some value\nLABEL "com.example"="v 1" other=2');
    expect(env1).toMatchObject({ pairs: [{ key: 'PATH', value: '/x:$PATH' }, { key: 'NAME', value: '"John Doe"' }, { key: 'x', value: 'a\\ b' }] });
    expect(env2).toMatchObject({ pairs: [{ key: 'LEGACY', value: 'some value' }] });
    expect(label).toMatchObject({ pairs: [{ key: '"com.example"', value: '"v 1"' }, { key: 'other', value: '2' }] });
    expect(() => only('FROM a\nENV A=1 B')).toThrow(/can't find = in "B"/);
    expect(() => only('FROM a\nENV ONLYKEY')).toThrow(/ENV must have two arguments/);
  });

  it('HEALTHCHECK options, NONE and CMD forms', () => {
    const [hc, none] = only('FROM a\nHEALTHCHECK --interval=5m --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE');
    expect(hc).toMatchObject({
      command: { form: 'shell', text: 'curl -f http://localhost/ || exit 1' },
      options: { interval: 300e9, timeout: 3e9, retries: 3, startPeriod: 0 },
    });
    expect(none).toMatchObject({ command: null });
    expect(() => only('FROM a\nHEALTHCHECK --interval=10us CMD x')).toThrow(/less than 1ms/);
    expect(() => only('FROM a\nHEALTHCHECK RUN x')).toThrow(/Unknown type "RUN"/);
  });

  it('ONBUILD parses its trigger and refuses nesting', () => {
    const [ob] = only('FROM a\nONBUILD copy . /app/src');
    expect(ob).toMatchObject({ keyword: 'ONBUILD', expression: 'copy . /app/src', trigger: { keyword: 'COPY', dest: '/app/src' } });
    expect(() => only('FROM a\nONBUILD ONBUILD RUN x')).toThrow(/ONBUILD isn't allowed as an ONBUILD trigger/);
    expect(() => only('FROM a\nONBUILD FROM b')).toThrow(/FROM isn't allowed/);
    expect(parseInstruction('RUN make')).toMatchObject({ keyword: 'RUN', command: { form: 'shell', text: 'make' } });
  });

  it('stage rules: instructions before FROM, duplicate and bad names', () => {
    expect(() => parseDockerfile('RUN x\nFROM a')).toThrow(/line 1: no build stage/);
    expect(() => parseDockerfile('# only comments\n')).toThrow(/no FROM/);
    expect(() => parseDockerfile('FROM a AS x\nFROM b AS X')).toThrow(/duplicate name x/);
    expect(() => parseDockerfile('FROM a AS 1x')).toThrow(/invalid name for build stage/);
    expect(() => parseDockerfile('FROM a AS')).toThrow(/one or three arguments/);
  });
});

describe('heredocs', () => {
  it('RUN with a heredoc script, and several heredocs feeding commands', () => {
    const ins = only([
      'FROM a', 'RUN <<EOF', 'apk add curl', 'echo done', 'EOF',
      'RUN <<FILE1 cat > /f1 && <<-"FILE2" cat > /f2', 'one $X', 'FILE1', '\t\ttwo $X', '\tFILE2', 'USER nobody',
    ].join('\n')) as RunInstruction[];
    expect(ins[0]).toMatchObject({ line: 2, endLine: 5, command: { form: 'shell', text: '<<EOF' } });
    expect(ins[0]!.heredocs).toEqual([{ name: 'EOF', content: 'apk add curl\necho done\n', expand: true, chomp: false }]);
    expect(ins[1]!.heredocs).toEqual([
      { name: 'FILE1', content: 'one $X\n', expand: true, chomp: false },
      { name: 'FILE2', content: 'two $X\n', expand: false, chomp: true },
    ]);
    expect(ins[2]).toMatchObject({ keyword: 'USER', line: 11 });
  });

  it('COPY from a heredoc names the heredoc as the source', () => {
    const [copy] = only('FROM a\nCOPY <<EOF /etc/motd\nhello\nEOF') as CopyInstruction[];
    expect(copy).toMatchObject({ sources: ['EOF'], dest: '/etc/motd', heredocs: [{ name: 'EOF', content: 'hello\n' }] });
  });

  it('an unterminated heredoc names the line', () => {
    expect(() => only('FROM a\nRUN <<EOF\necho')).toThrow(/line 2: unterminated heredoc <<EOF/);
  });

  it('<< inside other instructions or here-strings is not a heredoc', () => {
    expect(only('FROM a\nRUN cat <<< "x"\nLABEL a=<<EOF')).toHaveLength(2);
  });
});
