import { describe, expect, it } from 'vitest';
import { CatalogClock } from './catalog-clock.ts';

describe('CatalogClock', () => {
  it('lets a plan compare snapshots only when it was checked in the latest one seen', () => {
    const clock = new CatalogClock(() => 0);
    expect(clock.mayCompare('')).toBe(false);
    clock.saw('10:10:');
    expect(clock.mayCompare('10:10:')).toBe(true);
    expect(clock.mayCompare('9:9:')).toBe(false);
    clock.saw('11:11:');
    expect(clock.mayCompare('10:10:')).toBe(false);
  });

  it('backs off after a failed comparison, longer each time, and starts over after a success', () => {
    let now = 0;
    const clock = new CatalogClock(() => now);
    clock.saw('s');
    clock.moved();
    expect(clock.mayCompare('s')).toBe(false);
    now = 50;
    expect(clock.mayCompare('s')).toBe(true);
    clock.moved(); // waits 100 now
    now = 149;
    expect(clock.mayCompare('s')).toBe(false);
    now = 150;
    expect(clock.mayCompare('s')).toBe(true);
    clock.compared();
    clock.moved(); // back to the first wait
    now = 200;
    expect(clock.mayCompare('s')).toBe(true);
  });
});
