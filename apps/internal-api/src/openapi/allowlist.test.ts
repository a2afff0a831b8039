import { describe, expect, it } from 'vitest';
import { applyAllowlist, matchesEntry, pathMatches } from './allowlist.ts';
import type { Operation } from './operations.ts';

const op = (
  method: Operation['method'],
  path: string,
  operationId?: string,
  tags: string[] = [],
): Operation => ({
  method,
  path,
  operationId,
  tags,
  raw: {},
});

describe('the allowlist', () => {
  it('names operations by operationId, tag, or method and path glob', () => {
    const get = op('get', '/orders/{id}', 'getOrder', ['orders']);
    expect(matchesEntry('getOrder', get)).toBe(true);
    expect(matchesEntry('getorder', get)).toBe(false);
    expect(matchesEntry('tag:orders', get)).toBe(true);
    expect(matchesEntry('GET /orders/*', get)).toBe(true);
    expect(matchesEntry('POST /orders/*', get)).toBe(false);
    expect(matchesEntry('* /orders/{id}', get)).toBe(true);
  });

  it('matches * as one segment and ** as any number', () => {
    expect(pathMatches('/a/*', '/a/b')).toBe(true);
    expect(pathMatches('/a/*', '/a/b/c')).toBe(false);
    expect(pathMatches('/a/**', '/a/b/c')).toBe(true);
    expect(pathMatches('/a/**', '/a')).toBe(true);
    expect(pathMatches('/**/c', '/a/b/c')).toBe(true);
  });

  it('allows nothing unless named, and reports entries that name nothing', () => {
    const ops = [op('get', '/a', 'getA'), op('delete', '/a', 'deleteA')];
    expect(applyAllowlist([], ops)).toEqual({ allowed: [], unmatched: [] });
    const { allowed, unmatched } = applyAllowlist(['getA', 'getTypo'], ops);
    expect(allowed.map((a) => a.operation.operationId)).toEqual(['getA']);
    expect(unmatched).toEqual(['getTypo']);
  });
});
