import { describe, expect, it } from 'vitest';
import { contextRelative, detectArchiveKind, planCopy, type ContextEntry } from '../../../src/build/copy-plan.js';
import { parseChown } from '../../../src/build/copy-flags.js';

const f = (path: string, mode = 0o644): ContextEntry => ({ path, type: 'file', mode, size: 1 });
const d = (path: string): ContextEntry => ({ path, type: 'dir', mode: 0o755, size: 0 });
const entries: ContextEntry[] = [
  f('go.mod'), f('go.sum'), d('cmd'), d('cmd/app'), f('cmd/app/main.go'), f('hom.txt'), f('home.txt'), f('app.tar.gz'),
  { path: 'latest', type: 'symlink', mode: 0o777, size: 0, linkTarget: 'cmd/app/main.go' },
  { path: 'outside', type: 'symlink', mode: 0o777, size: 0, linkTarget: '../../etc/passwd' },
];
const plan = (sources: string[], dest: string, keyword: 'COPY' | 'ADD' = 'COPY') =>
  planCopy({ keyword, sources, dest, entries, archiveKind: (p) => (p.endsWith('.tar.gz') ? 'gzip' : undefined) });
const targets = (p: ReturnType<typeof plan>) => p.items.map((i) => `${i.source.path}->${i.target}`);

describe('planCopy', () => {
  it('a file to a file, a file into a directory', () => {
    expect(targets(plan(['go.mod'], '/src/go.mod'))).toEqual(['go.mod->/src/go.mod']);
    expect(targets(plan(['go.mod', 'go.sum'], '/src/'))).toEqual(['go.mod->/src/go.mod', 'go.sum->/src/go.sum']);
  });

  it('more than one source needs a destination ending in /', () => {
    expect(() => plan(['go.mod', 'go.sum'], '/src')).toThrow('When using COPY with more than one source file, the destination must be a directory and end with a /');
    expect(() => plan(['go.*'], '/src')).toThrow(/must be a directory/);
  });

  it('wildcards match per path component (the reference\'s hom* and hom?.txt)', () => {
    expect(targets(plan(['hom*'], '/mydir/'))).toEqual(['hom.txt->/mydir/hom.txt', 'home.txt->/mydir/home.txt']);
    expect(targets(plan(['hom?.txt'], '/mydir/'))).toEqual(['home.txt->/mydir/home.txt']);
    expect(targets(plan(['*/*/*.go'], '/x/'))).toEqual(['cmd/app/main.go->/x/main.go']);
    expect(() => plan(['*.rs'], '/x/')).toThrow(/no source files were specified/);
  });

  it('a directory copies its contents, not itself; . copies the whole context', () => {
    const p = plan(['cmd'], '/opt');
    expect(targets(p)).toEqual(['cmd/app->/opt/app', 'cmd/app/main.go->/opt/app/main.go']);
    expect(p.directories).toEqual(['/opt']);
    expect(plan(['.'], '/app/').items).toHaveLength(entries.length);
  });

  it('paths may not leave the context; missing files are not found', () => {
    expect(() => plan(['../secret'], '/x')).toThrow('forbidden path outside the build context: ../secret');
    expect(() => plan(['a/../../b'], '/x')).toThrow(/outside the build context/);
    expect(contextRelative('/go.mod')).toBe('go.mod');
    expect(contextRelative('./cmd/')).toBe('cmd');
    expect(() => plan(['nope.txt'], '/x')).toThrow(/file not found in build context or excluded by .dockerignore/);
  });

  it('a symlink source is followed inside the context and keeps its name; one pointing out is refused', () => {
    expect(targets(plan(['latest'], '/bin/'))).toEqual(['cmd/app/main.go->/bin/latest']);
    expect(() => plan(['outside'], '/x')).toThrow(/not in the build context/);
  });

  it('ADD extracts local archives into the destination directory; COPY does not', () => {
    expect(plan(['app.tar.gz'], '/opt/app', 'ADD').items[0]).toMatchObject({ target: '/opt/app', extract: 'gzip' });
    expect(plan(['app.tar.gz'], '/opt/app', 'COPY').items[0]).toMatchObject({ target: '/opt/app' });
    expect(plan(['app.tar.gz'], '/opt/app', 'COPY').items[0]!.extract).toBeUndefined();
  });

  it('ADD plans URL downloads; COPY refuses URLs; git sources are not implemented', () => {
    expect(plan(['https://example.com/pkg/tool-1.2.tgz'], '/opt/', 'ADD').downloads).toEqual([{ url: 'https://example.com/pkg/tool-1.2.tgz', target: '/opt/tool-1.2.tgz' }]);
    expect(() => plan(['https://example.com/x'], '/opt/')).toThrow(/URL for COPY/);
    expect(() => plan(['https://github.com/moby/moby.git'], '/src', 'ADD')).toThrow(/git repository is not supported/);
  });
});

describe('detectArchiveKind and parseChown', () => {
  it('sniffs compressed and plain tar by content', () => {
    const tar = new Uint8Array(512);
    tar.set(Buffer.from('ustar'), 257);
    expect(detectArchiveKind(tar)).toBe('tar');
    expect(detectArchiveKind(Uint8Array.from([0x1f, 0x8b, 8]))).toBe('gzip');
    expect(detectArchiveKind(Buffer.from('BZh91AY'))).toBe('bzip2');
    expect(detectArchiveKind(Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]))).toBe('xz');
    expect(detectArchiveKind(Buffer.from('plain text'))).toBeUndefined();
  });

  it('user[:group]', () => {
    expect(parseChown('55:mygroup')).toEqual({ user: '55', group: 'mygroup' });
    expect(parseChown('bin')).toEqual({ user: 'bin' });
    expect(() => parseChown('a:b:c')).toThrow(/invalid --chown/);
    expect(() => parseChown(':g')).toThrow(/invalid --chown/);
  });
});
