import { describe, expect, it } from 'vitest';
import { parseDsl } from './dsl.ts';

describe('parseDsl', () => {
  it('accepts a search body of known keys', () => {
    const body = {
      query: { term: { 'service.name': 'a' } },
      aggs: { s: { terms: { field: 'x' } } },
      size: 3,
    };
    expect(parseDsl(JSON.stringify(body))).toEqual(body);
  });

  it('refuses unknown top-level keys, and scripts or index references at any depth, naming them', () => {
    expect(() => parseDsl('{"profile": true}')).toThrow(/profile is not accepted/);
    expect(() => parseDsl('{"aggs": {"a": {"sum": {"script": "1"}}}}')).toThrow(/script is not accepted/);
    expect(() => parseDsl('{"query": {"bool": {"filter": [{"terms": {"u": {"index": "s"}}}]}}}')).toThrow(
      /index is not accepted/,
    );
    expect(() => parseDsl('"match_all"')).toThrow(/JSON object/);
    expect(() => parseDsl('{')).toThrow(/not valid JSON/);
  });
});
