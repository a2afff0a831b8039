import { describe, expect, it } from 'vitest';
import { ALNUM, classOf, DIGIT, nextIndex, RunCache, runEnd, runStart, TOKEN, UPPER } from './chars.ts';

describe('character classes', () => {
  it('classifies ASCII and leaves everything else classless', () => {
    expect(classOf('7'.charCodeAt(0)) & DIGIT).toBe(DIGIT);
    expect(classOf('Q'.charCodeAt(0)) & UPPER).toBe(UPPER);
    expect(classOf('_'.charCodeAt(0)) & TOKEN).not.toBe(0);
    expect(classOf('é'.charCodeAt(0))).toBe(0);
    expect(classOf(Number.NaN)).toBe(0);
  });

  it('measures runs both ways, within a limit', () => {
    expect(runEnd('abc12-x', 0, ALNUM)).toBe(5);
    expect(runEnd('abc12-x', 0, ALNUM, 3)).toBe(3);
    expect(runStart('x-abc12', 7, ALNUM)).toBe(2);
  });
});

describe('RunCache', () => {
  it('answers a start inside a measured run without measuring again, and joins a start just before it', () => {
    const text = `-${'a'.repeat(100)}-`;
    const cache = new RunCache();
    cache.reset(text);
    expect(cache.end(1, ALNUM)).toBe(101);
    expect(cache.end(50, ALNUM)).toBe(101);
    expect(cache.end(101, ALNUM)).toBe(101);
    cache.reset(text);
    expect(cache.end(40, ALNUM)).toBe(101);
    expect(cache.end(30, ALNUM)).toBe(101);
  });
});

describe('nextIndex', () => {
  it('finds the next needle like indexOf, dense or sparse', () => {
    const text = 'a==b=c---=';
    for (let from = 0; from <= text.length; from++)
      expect(nextIndex(text, '=', from)).toBe(text.indexOf('=', from));
    expect(nextIndex('x://y://', '://', 2)).toBe(5);
  });
});
