import { describe, expect, it } from 'vitest';
import { parseFiltersJson, queryBool, queryInt } from '../../../../src/api/codec/query.js';
import { parseDockerTime } from '../../../../src/api/codec/docker-time.js';
import { decodeRegistryAuth } from '../../../../src/api/codec/registry-auth.js';
import { familiarName, joinReference, repositoryAndTag } from '../../../../src/api/codec/docker-names.js';

describe('filters', () => {
  it('reads the docker CLI map form', () => {
    expect(parseFiltersJson('{"label":{"a=b":true,"c":true},"dangling":{"true":true}}')).toEqual(['label=a=b', 'label=c', 'dangling=true']);
  });

  it('reads docker-py list form as docker-compose sends it', () => {
    const raw = JSON.stringify({ label: ['com.docker.compose.project=p', 'com.docker.compose.oneoff=False'], status: ['created', 'exited'] });
    expect(parseFiltersJson(raw)).toEqual([
      'label=com.docker.compose.project=p', 'label=com.docker.compose.oneoff=False', 'status=created', 'status=exited',
    ]);
  });

  it('treats missing, empty and null filters as none, and answers garbage with a 400-kind error', () => {
    expect(parseFiltersJson(null)).toEqual([]);
    expect(parseFiltersJson('')).toEqual([]);
    expect(parseFiltersJson('null')).toEqual([]);
    expect(() => parseFiltersJson('{label')).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
    expect(() => parseFiltersJson('{"label":5}')).toThrow(/"label"/);
  });
});

describe('query values', () => {
  it('reads booleans as Docker does', () => {
    const q = new URLSearchParams('a=1&b=true&c=0&d=false&e=&f=True&g=no');
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'missing'].map((n) => queryBool(q, n))).toEqual([true, true, false, false, false, true, false, false]);
  });

  it('reads integers and refuses garbage', () => {
    const q = new URLSearchParams('t=10&n=-1&x=ten&e=');
    expect([queryInt(q, 't'), queryInt(q, 'n'), queryInt(q, 'e')]).toEqual([10, -1, undefined]);
    expect(() => queryInt(q, 'x')).toThrow('invalid value for x: "ten" is not an integer');
  });

  it('reads since/until as unix seconds (with a fraction) or RFC 3339', () => {
    expect(parseDockerTime('since', '1700000000.500000000')?.getTime()).toBe(1_700_000_000_500);
    expect(parseDockerTime('since', '2024-01-02T03:04:05Z')?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(parseDockerTime('since', null)).toBeUndefined();
    expect(() => parseDockerTime('until', 'yesterday')).toThrow('invalid value for until');
  });
});

describe('X-Registry-Auth', () => {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  it('decodes the URL-safe base64 JSON the docker CLI sends', () => {
    expect(decodeRegistryAuth(encode({ username: 'u', password: 'p?>', serveraddress: 'r.example:5000' }))).toEqual({ username: 'u', password: 'p?>', serveraddress: 'r.example:5000' });
  });
  it('means anonymous when empty or {}', () => {
    expect(decodeRegistryAuth(undefined)).toBeUndefined();
    expect(decodeRegistryAuth(encode({}))).toBeUndefined();
  });
});

describe('image names', () => {
  it('shows Docker Hub names in familiar form', () => {
    expect(familiarName('docker.io/library/alpine:latest')).toBe('alpine:latest');
    expect(familiarName('docker.io/bitnami/redis:7')).toBe('bitnami/redis:7');
    expect(familiarName('localhost:5000/app:1')).toBe('localhost:5000/app:1');
  });
  it('joins fromImage and tag, digests with @', () => {
    expect(joinReference('alpine', 'latest')).toBe('alpine:latest');
    expect(joinReference('alpine', 'sha256:abc')).toBe('alpine@sha256:abc');
    expect(repositoryAndTag('docker.io/library/alpine:3.19')).toEqual({ repository: 'library/alpine', tag: '3.19' });
    expect(repositoryAndTag('localhost:5000/team/app')).toEqual({ repository: 'team/app', tag: 'latest' });
  });
});
