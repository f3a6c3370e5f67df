import { describe, expect, it } from 'vitest';
import {
  familiarString, formatReference, isShortName, manifestReference, normalizeReference, parseReference,
} from '../../../src/image/reference.js';
import { InvalidArgumentError } from '../../../src/errors/index.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('normalizeReference', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.19', 'docker.io/library/alpine:3.19'],
    ['user/app', 'docker.io/user/app:latest'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest'],
    ['index.docker.io/library/alpine', 'docker.io/library/alpine:latest'],
    ['quay.io/ns/app:v1', 'quay.io/ns/app:v1'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/ns/app:tag', 'localhost:5000/ns/app:tag'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app:latest'],
    [`alpine@${D}`, `docker.io/library/alpine@${D}`],
    [`alpine:3@${D}`, `docker.io/library/alpine:3@${D}`],
    ['host:5000/a/b/c', 'host:5000/a/b/c:latest'],
    ['a__b/c-d.e', 'docker.io/a__b/c-d.e:latest'],
  ])('%s -> %s', (input, expected) => {
    expect(formatReference(normalizeReference(input))).toBe(expected);
  });

  it('splits domain, path, tag and digest', () => {
    expect(normalizeReference(`reg.example:443/team/app:1.0@${D}`)).toEqual({
      domain: 'reg.example:443', path: 'team/app', tag: '1.0', digest: D,
    });
  });
});

describe('parseReference refuses bad input', () => {
  it.each([
    ['', 'empty reference'],
    ['Alpine', 'repository name must be lowercase'],
    ['docker.io/Library/alpine', 'repository name must be lowercase'],
    ['alpine:', 'invalid tag'],
    ['alpine:-x', 'invalid tag'],
    [`alpine:${'x'.repeat(129)}`, 'invalid tag'],
    ['alpine@sha256:abc', 'invalid digest'],
    [`alpine@sha256:${'A'.repeat(64)}`, 'invalid digest'],
    ['-alpine', ''],
    ['alpine//x', ''],
    ['alpine_', ''],
    [':tag', 'missing repository name'],
    ['host:port/app', 'invalid registry "host:port"'],
    ['bad_host.com:5000/app', 'invalid registry'],
    [`${'a'.repeat(256)}`, 'must not be more than 255'],
  ])('%j', (input, why) => {
    let caught: unknown;
    try {
      parseReference(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as Error).message).toContain(`invalid reference format: "${input}"`);
    expect((caught as Error).message).toContain(why);
  });
});

describe('short names and display', () => {
  it('knows a short name has no registry domain', () => {
    expect(isShortName('alpine')).toBe(true);
    expect(isShortName('user/app:1')).toBe(true);
    expect(isShortName('localhost/app')).toBe(false);
    expect(isShortName('quay.io/app')).toBe(false);
    expect(isShortName('host:5000/app')).toBe(false);
    expect(parseReference('user/app')).toEqual({ domain: undefined, path: 'user/app', tag: undefined, digest: undefined });
  });

  it('shows Docker Hub references in their familiar form', () => {
    expect(familiarString(normalizeReference('alpine'))).toBe('alpine:latest');
    expect(familiarString(normalizeReference('user/app:2'))).toBe('user/app:2');
    expect(familiarString(normalizeReference('docker.io/library/a/b'))).toBe('library/a/b:latest');
    expect(familiarString(normalizeReference('quay.io/x/y'))).toBe('quay.io/x/y:latest');
  });

  it('asks the registry for the digest when there is one', () => {
    expect(manifestReference(normalizeReference(`alpine:3@${D}`))).toBe(D);
    expect(manifestReference(normalizeReference('alpine:3'))).toBe('3');
  });
});
