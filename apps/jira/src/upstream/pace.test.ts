import { describe, expect, it } from 'vitest';
import { Pace } from './pace.ts';

describe('Pace', () => {
  it('lets a request through at once when the pace allows, and spaces a burst evenly', () => {
    const pace = new Pace(10);
    expect(pace.reserve(1000)).toBe(0);
    expect([pace.reserve(1000), pace.reserve(1000), pace.reserve(1000)]).toEqual([100, 200, 300]);
  });

  it('does not bank unused time: after a quiet spell the next burst is spaced again', () => {
    const pace = new Pace(4);
    pace.reserve(0);
    expect(pace.reserve(10_000)).toBe(0);
    expect(pace.reserve(10_000)).toBe(250);
  });
});
