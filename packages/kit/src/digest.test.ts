import { describe, expect, it } from 'vitest';
import { canonicalJson, digest } from './digest.ts';

describe('canonicalJson', () => {
  it('matches JSON.stringify with sorted keys at every level', () => {
    const value = {
      b: [1, { z: null, a: 'x' }, undefined],
      a: { d: true, c: 2.5 },
      skip: undefined,
      when: new Date(0),
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":2.5,"d":true},"b":[1,{"a":"x","z":null},null],"when":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('gives equal digests for equal values in any key order, different for different values', () => {
    expect(digest({ x: 1, y: [2, 3] })).toBe(digest({ y: [2, 3], x: 1 }));
    expect(digest({ x: 1 })).not.toBe(digest({ x: 2 }));
    expect(digest({ x: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
