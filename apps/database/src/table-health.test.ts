import { describe, expect, it } from 'vitest';
import { estimateBloat } from './table-health.ts';

describe('estimateBloat', () => {
  it('compares the pages live rows need with the pages used', () => {
    // 10 000 rows of 100 bytes (+28 overhead) need ceil(1 280 000 / 8168) = 157 pages.
    expect(estimateBloat({ reltuples: 10_000, relpages: 157, row_width: 100 })).toBe(0);
    expect(estimateBloat({ reltuples: 10_000, relpages: 314, row_width: 100 })).toBe(0.5);
  });

  it('gives no estimate without statistics or pages', () => {
    expect(estimateBloat({ reltuples: 10, relpages: 0, row_width: 100 })).toBeNull();
    expect(estimateBloat({ reltuples: -1, relpages: 10, row_width: 100 })).toBeNull();
    expect(estimateBloat({ reltuples: 10, relpages: 10, row_width: null })).toBeNull();
  });
});
