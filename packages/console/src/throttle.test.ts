import { describe, expect, it } from 'vitest';
import { createThrottle } from './throttle.ts';

describe('sign-in throttle', () => {
  it('lets the first failures through, then doubles the wait up to the cap', () => {
    let now = 0;
    const t = createThrottle({ free: 2, baseMs: 1000, maxMs: 4000, now: () => now });
    expect([t.fail('a'), t.fail('a')]).toEqual([0, 0]);
    expect(t.wait('a')).toBe(0);
    expect([t.fail('a'), t.fail('a'), t.fail('a'), t.fail('a')]).toEqual([1000, 2000, 4000, 4000]);
    expect(t.wait('a')).toBe(4000);
    now = 3000;
    expect(t.wait('a')).toBe(1000);
    expect(t.wait('b')).toBe(0); // keys are independent
  });

  it('clears a key on success and forgets it after a quiet spell', () => {
    let now = 0;
    const t = createThrottle({ free: 0, baseMs: 1000, forgetMs: 10_000, now: () => now });
    t.fail('a');
    t.succeed('a');
    expect(t.wait('a')).toBe(0);
    expect(t.fail('a')).toBe(1000);
    now = 10_000;
    expect(t.fail('a')).toBe(1000); // forgotten: the count started again
  });

  it('stays bounded, evicting the key that failed longest ago', () => {
    const t = createThrottle({ free: 0, maxKeys: 2, now: () => 0 });
    t.fail('a');
    t.fail('b');
    t.fail('a');
    t.fail('c');
    expect(t.wait('b')).toBe(0);
    expect(t.wait('a')).toBeGreaterThan(0);
    expect(t.wait('c')).toBeGreaterThan(0);
  });
});
