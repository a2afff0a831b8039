import { describe, expect, it } from 'vitest';
import { buildRequest, type InputBinding, withinBase } from './request.ts';

const base = new URL('http://api.internal:8080/v1');
const bindings: InputBinding[] = [
  { field: 'id', in: 'path', name: 'id' },
  { field: 'q', in: 'query', name: 'q' },
  { field: 'trace', in: 'header', name: 'X-Trace' },
  { field: 'body', in: 'body', name: 'body' },
];

describe('buildRequest', () => {
  it('encodes each part where it goes', () => {
    const r = buildRequest(base, 'post', '/items/{id}', bindings, {
      id: 'a/../b',
      q: 'x&y=1',
      trace: 't',
      body: { n: 1 },
    });
    expect(r.url.href).toBe('http://api.internal:8080/v1/items/a%2F..%2Fb?q=x%26y%3D1');
    expect(r.headers).toEqual({ 'X-Trace': 't' });
    expect(r.body).toBe('{"n":1}');
  });

  it('refuses dot segments, empty path values and header line breaks', () => {
    expect(() => buildRequest(base, 'get', '/items/{id}', bindings, { id: '..' })).toThrow(/id/);
    expect(() => buildRequest(base, 'get', '/items/{id}', bindings, { id: '' })).toThrow(/empty/);
    expect(() => buildRequest(base, 'get', '/items/{id}', bindings, { id: 'a', trace: 'a\nb: c' })).toThrow(
      /line breaks/,
    );
  });
});

describe('withinBase', () => {
  it('is the origin and a whole-segment path prefix', () => {
    expect(withinBase(new URL('http://api.internal:8080/v1/x'), base)).toBe(true);
    expect(withinBase(new URL('http://api.internal:8080/v1'), base)).toBe(true);
    expect(withinBase(new URL('http://api.internal:8080/v10/x'), base)).toBe(false);
    expect(withinBase(new URL('http://api.internal:8081/v1/x'), base)).toBe(false);
    expect(withinBase(new URL('http://user@api.internal:8080/v1/x'), base)).toBe(false);
    expect(withinBase(new URL('https://api.internal:8080/v1/x'), base)).toBe(false);
  });
});
