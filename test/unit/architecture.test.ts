// Enforces DESIGN §2: dependencies run one way, by rank; siblings at rank 3 never import each other;
// only src/sys/native.ts loads the .node file; cli/ reaches api/ only through api/index.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');
const RANK: Record<string, number> = {
  errors: 0, util: 0, sys: 1, config: 1, state: 2,
  image: 3, storage: 3, runtime: 3, network: 3, build: 3, engine: 4, api: 5, cli: 5,
};

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

const area = (file: string) => relative(SRC, file).split('/')[0]!;

describe('architecture', () => {
  const files = [...walk(SRC)];
  const edges = files.flatMap((file) =>
    importsOf(file)
      .filter((s) => s.startsWith('.'))
      .map((s) => ({ file, target: resolve(dirname(file), s) })),
  );

  it('every source file lives in a known area', () => {
    const unknown = files.map(area).filter((a) => !(a in RANK));
    expect(unknown).toEqual([]);
  });

  it('imports only go to strictly lower ranks (errors/ and util/ from anywhere)', () => {
    const bad = edges.filter(({ file, target }) => {
      const from = area(file);
      const to = relative(SRC, target).split('/')[0]!;
      if (to.startsWith('..')) return false;
      if (from === to || to === 'errors' || to === 'util') return false;
      if (from === 'cli' && to === 'api') return relative(SRC, target) !== 'api/index.js';
      if (from === 'cli' && to === 'engine') return false;
      if (from === 'api' && to === 'engine') return false;
      return !(RANK[to]! < RANK[from]!) || (RANK[from] === 3 && RANK[to] === 3);
    });
    expect(bad.map(({ file, target }) => `${relative(SRC, file)} -> ${relative(SRC, target)}`)).toEqual([]);
  });

  it('only src/sys/native.ts loads the native addon', () => {
    const loaders = files.filter((f) => /\.node['"]|native\/build|bindings\(/.test(readFileSync(f, 'utf8')));
    expect(loaders.map((f) => relative(SRC, f)).filter((f) => f !== 'sys/native.ts')).toEqual([]);
  });

  it('cli/ and api/ do no fs, process or addon work themselves', () => {
    const frontDoors = files.filter((f) => ['cli', 'api'].includes(area(f)));
    const offenders = frontDoors.filter((f) =>
      importsOf(f).some((s) => /^(node:)?(child_process|fs\/promises)$|^execa$|^proper-lockfile$/.test(s)) ||
      /process\.exit\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
