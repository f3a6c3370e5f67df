import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../../../src/errors/tsmoby-error.js';
import { applyFilters, matchLabel, parseFilters, parseTimeFilter, type FilterAccessors } from '../../../../src/engine/filters/item-filters.js';
import { matchReference } from '../../../../src/engine/filters/reference-filter.js';

interface Img { id: string; names: string[]; labels?: Record<string, string>; created: number }
const imgs: Img[] = [
  { id: '19301e94173f0289', names: ['localhost/mybusy:latest', 'docker.io/library/alpine:3.19'], labels: { tier: 'front', app: 'x' }, created: 3 },
  { id: '9a853c043bee3f78', names: ['localhost/bb:latest'], labels: { tier: 'back' }, created: 2 },
  { id: '0123456789abcdef', names: [], created: 1 },
];
const acc: FilterAccessors<Img> = {
  id: (i) => i.id,
  names: (i) => i.names,
  references: (i) => i.names,
  labels: (i) => i.labels,
  created: (i) => i.created,
  dangling: (i) => i.names.length === 0,
  resolveCreated: (ref) => {
    const found = imgs.find((i) => i.id.startsWith(ref) || i.names.some((n) => n.startsWith(ref)));
    if (!found) throw new NotFoundError(`no such image: ${ref}`);
    return found.created;
  },
};
const KEYS = ['label', 'dangling', 'reference', 'before', 'since', 'id'];
const ids = (filters: string[]) => applyFilters(imgs, parseFilters(filters, KEYS), acc).map((i) => i.id.slice(0, 4));

describe('parseFilters', () => {
  it('collects repeated keys and keeps label! apart', () => {
    const f = parseFilters(['label=a', 'label=b=c', 'label!=d', 'dangling=true'], KEYS);
    expect([...f]).toEqual([['label', ['a', 'b=c']], ['label!', ['d']], ['dangling', ['true']]]);
  });

  it('rejects unknown keys and values without =', () => {
    expect(() => parseFilters(['foo=bar'], KEYS)).toThrow(new InvalidArgumentError('invalid filter "foo"'));
    expect(() => parseFilters(['label'], KEYS)).toThrow(InvalidArgumentError);
  });
});

describe('applyFilters', () => {
  it('label: present, key=value, and negated; values AND together', () => {
    expect(ids(['label=tier'])).toEqual(['1930', '9a85']);
    expect(ids(['label=tier=back'])).toEqual(['9a85']);
    expect(ids(['label!=tier=back'])).toEqual(['1930', '0123']);
    expect(ids(['label=tier', 'label=app'])).toEqual(['1930']);
  });

  it('dangling, id prefix, before and since', () => {
    expect(ids(['dangling=true'])).toEqual(['0123']);
    expect(ids(['dangling=false'])).toEqual(['1930', '9a85']);
    expect(ids(['id=9a8', 'id=012'])).toEqual(['9a85', '0123']);
    expect(ids(['before=localhost/bb'])).toEqual(['0123']);
    expect(ids(['since=0123'])).toEqual(['1930', '9a85']);
    expect(() => ids(['dangling=maybe'])).toThrow(InvalidArgumentError);
    expect(() => ids(['since=nope'])).toThrow(NotFoundError);
  });

  it('different keys AND together', () => {
    expect(ids(['label=tier', 'reference=localhost/*'])).toEqual(['1930', '9a85']);
    expect(ids(['label=tier=front', 'reference=bb'])).toEqual([]);
  });

  it('a key the command has no accessor for is an invalid filter', () => {
    expect(() => applyFilters(imgs, parseFilters(['status=running'], ['status']), acc)).toThrow('invalid filter "status"');
  });

  it('name regex and status for containers', () => {
    const ctrs = [{ n: ['web-1'], s: 'running' }, { n: ['db'], s: 'exited' }];
    const a: FilterAccessors<(typeof ctrs)[number]> = { names: (c) => c.n, status: (c) => c.s };
    const f = (v: string[]) => applyFilters(ctrs, parseFilters(v, ['name', 'status']), a).map((c) => c.n[0]);
    expect(f(['name=^web'])).toEqual(['web-1']);
    expect(f(['status=stopped'])).toEqual(['db']);
    expect(() => f(['status=sleeping'])).toThrow(InvalidArgumentError);
    expect(() => f(['name=('])).toThrow(InvalidArgumentError);
  });
});

describe('matchLabel', () => {
  it('needs the key, and the value when given', () => {
    expect(matchLabel({ a: '' }, 'a')).toBe(true);
    expect(matchLabel({ a: '' }, 'a=')).toBe(true);
    expect(matchLabel({ a: 'x=y' }, 'a=x=y')).toBe(true);
    expect(matchLabel(undefined, 'a')).toBe(false);
  });
});

describe('matchReference (as podman images --filter reference= answered for the same names)', () => {
  const names = ['localhost/mybusy:latest', 'docker.io/library/alpine:3.19'];
  it.each([
    ['mybus*', true], ['library/alpine', true], ['alpine:3.19', true], ['alpine:latest', false], ['busy', false],
    ['localhost/*', true], ['*/mybusy', true], ['docker.io/alpine', false], ['*alpine*', true],
    ['docker.io/library/*:3.19', true], ['docker.io/library/*:latest', false], ['alpine', true],
  ])('%s -> %s', (pattern, expected) => {
    expect(matchReference(names, pattern)).toBe(expected);
  });

  it('matches digests when the name carries one', () => {
    expect(matchReference(['docker.io/library/alpine@sha256:abcd'], 'alpine@sha256:abcd')).toBe(true);
  });
});

describe('until', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('takes durations, unix seconds and dates', () => {
    expect(parseTimeFilter('until', '24h', now)).toBe(now - 86_400_000);
    expect(parseTimeFilter('until', '1h30m', now)).toBe(now - 5_400_000);
    expect(parseTimeFilter('until', '1700000000', now)).toBe(1_700_000_000_000);
    expect(parseTimeFilter('until', '2024-05-01T00:00:00Z', now)).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(() => parseTimeFilter('until', 'yesterday', now)).toThrow('invalid filter "until=yesterday": not a time or duration');
  });

  it('keeps items created before that time', () => {
    const items = [{ c: now - 2 * 3_600_000 }, { c: now - 60_000 }];
    const kept = applyFilters(items, parseFilters(['until=1h'], ['until']), { created: (i) => i.c, now });
    expect(kept).toEqual([items[0]]);
  });
});
