import { describe, expect, it } from 'vitest';
import { buildRouter } from '../../../src/api/routes/route-table.js';
import { Router, splitVersion } from '../../../src/api/router.js';

const noop = async () => {};

describe('router', () => {
  const router = new Router().add('GET', '/images/json', noop).add('GET', '/images/{name*}/json', noop).add('DELETE', '/images/{name*}', noop).add('GET', '/containers/{id}/json', noop);

  it('serves unversioned paths and every version from 1.24 up, newer ones as 1.44', () => {
    expect(router.resolve('GET', '/images/json')?.version).toBe('1.44');
    expect(router.resolve('GET', '/v1.24/images/json')?.version).toBe('1.24');
    expect(router.resolve('GET', '/v1.41/images/json')?.version).toBe('1.41');
    expect(router.resolve('GET', '/v1.50/images/json')?.version).toBe('1.44');
  });

  it('rejects versions below the minimum with Docker\'s words (a 400)', () => {
    expect(() => splitVersion('/v1.23/info')).toThrow(
      expect.objectContaining({ kind: 'invalid-argument', message: 'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version' }),
    );
  });

  it('routes image names with slashes, ports and digests', () => {
    expect(router.resolve('GET', '/v1.44/images/docker.io/library/alpine:latest/json')?.params).toEqual({ name: 'docker.io/library/alpine:latest' });
    expect(router.resolve('DELETE', '/images/localhost:5000/team/app@sha256:abc')?.params).toEqual({ name: 'localhost:5000/team/app@sha256:abc' });
    expect(router.resolve('GET', '/images/json')?.params).toEqual({});
    expect(router.resolve('GET', '/images/sha256%3Aabc/json')?.params).toEqual({ name: 'sha256:abc' });
  });

  it('keeps single-segment parameters to one segment and misses unknown routes', () => {
    expect(router.resolve('GET', '/containers/a/b/json')).toBeUndefined();
    expect(router.resolve('POST', '/images/json')).toBeUndefined();
    expect(router.resolve('GET', '/nothing')).toBeUndefined();
  });

  it('lists every endpoint the docker CLI and compose send, with the unserved ones marked', () => {
    const routes = buildRouter().list();
    expect(routes.length).toBeGreaterThanOrEqual(47);
    expect(routes.find((r) => r.path === '/images/create')?.implemented).toBe(true);
    expect(routes.find((r) => r.path === '/build')).toMatchObject({ implemented: true });
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
