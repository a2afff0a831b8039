import { describe, expect, it } from 'vitest';
import { accessOf, holdsText } from './build.ts';
import type { Operation } from './operations.ts';

const op = (method: Operation['method'], raw: Record<string, unknown> = {}): Operation => ({
  method,
  path: '/x',
  tags: [],
  raw,
});

describe('accessOf', () => {
  it('reads GET and HEAD, writes everything else, and destroys with DELETE or when marked', () => {
    expect(accessOf(op('get'), undefined)).toBe('read');
    expect(accessOf(op('head'), undefined)).toBe('read');
    expect(accessOf(op('post'), undefined)).toBe('write');
    expect(accessOf(op('put'), undefined)).toBe('write');
    expect(accessOf(op('patch'), undefined)).toBe('write');
    expect(accessOf(op('options'), undefined)).toBe('write');
    expect(accessOf(op('delete'), undefined)).toBe('destructive');
    expect(accessOf(op('post'), { version: '1.0.0', destructive: true })).toBe('destructive');
    expect(accessOf(op('post', { 'x-gatehouse-destructive': true }), undefined)).toBe('destructive');
    // A marking never turns a read into a write: GET stays read.
    expect(accessOf(op('get', { 'x-gatehouse-destructive': true }), undefined)).toBe('read');
  });
});

describe('holdsText', () => {
  it('finds where third-party text can appear in a pruned schema', () => {
    expect(holdsText({ type: 'string' })).toBe(true);
    expect(holdsText({})).toBe(true);
    expect(holdsText({ type: ['integer', 'null'] })).toBe(false);
    expect(
      holdsText({ type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } }),
    ).toBe(false);
    expect(holdsText({ type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'string' } } })).toBe(
      true,
    );
  });
});
