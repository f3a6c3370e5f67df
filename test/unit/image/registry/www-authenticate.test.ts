import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from '../../../../src/image/registry/www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it('reads a bearer challenge with quoted parameters', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:library/alpine:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:library/alpine:pull,push' } },
    ]);
  });

  it('reads several challenges, unquoted values, escapes and spacing', () => {
    expect(parseWwwAuthenticate('Basic realm="a \\"b\\"", charset=UTF-8, Bearer realm=https://t.example/x , error="insufficient_scope"')).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"', charset: 'UTF-8' } },
      { scheme: 'bearer', params: { realm: 'https://t.example/x', error: 'insufficient_scope' } },
    ]);
  });

  it('accepts header arrays, token68 and nothing', () => {
    expect(parseWwwAuthenticate(['Negotiate abc==', 'Basic realm="r"'])).toEqual([
      { scheme: 'negotiate', params: {} }, { scheme: 'basic', params: { realm: 'r' } },
    ]);
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});
