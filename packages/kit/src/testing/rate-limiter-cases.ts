import { expect, it } from 'vitest';
import type { RateLimiter } from '../limits/rate-limit.ts';

const rule = { capacity: 3, refillPerSecond: 1 };

/**
 * The behaviour every RateLimiter must have, as test cases: the memory limiter's tests and each shared
 * limiter's tests run these same cases. `makeLimiter` returns a limiter with no buckets yet.
 */
export function rateLimiterCases(makeLimiter: () => Promise<RateLimiter>): void {
  it('allows a burst up to capacity, then refuses with a retry-after', async () => {
    const limiter = await makeLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(await limiter.take('k', rule, t0)).toEqual({ allowed: true });
    expect(await limiter.take('k', rule, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills continuously at the configured rate, never above capacity', async () => {
    const limiter = await makeLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) await limiter.take('k', rule, t0);
    expect((await limiter.take('k', rule, t0 + 500)).allowed).toBe(false);
    expect((await limiter.take('k', rule, t0 + 1000)).allowed).toBe(true);
    expect((await limiter.take('k', rule, t0 + 1000)).allowed).toBe(false);
    // A long pause refills to capacity only.
    const later = t0 + 3_600_000;
    for (let i = 0; i < 3; i++) expect((await limiter.take('k', rule, later)).allowed).toBe(true);
    expect((await limiter.take('k', rule, later)).allowed).toBe(false);
  });

  it('rounds retry-after up to whole seconds for slow refill', async () => {
    const limiter = await makeLimiter();
    const slow = { capacity: 1, refillPerSecond: 0.1 };
    await limiter.take('k', slow, 0);
    expect(await limiter.take('k', slow, 2500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
  });

  it('keeps buckets apart per key', async () => {
    const limiter = await makeLimiter();
    const one = { capacity: 1, refillPerSecond: 1 };
    expect((await limiter.take('a', one, 0)).allowed).toBe(true);
    expect((await limiter.take('a', one, 0)).allowed).toBe(false);
    expect((await limiter.take('b', one, 0)).allowed).toBe(true);
  });

  it('does not mint tokens when the clock steps backwards', async () => {
    const limiter = await makeLimiter();
    const one = { capacity: 1, refillPerSecond: 1 };
    await limiter.take('k', one, 10_000);
    expect((await limiter.take('k', one, 5_000)).allowed).toBe(false);
    expect((await limiter.take('k', one, 10_500)).allowed).toBe(false);
    expect((await limiter.take('k', one, 11_000)).allowed).toBe(true);
  });

  it('rejects rules that cannot work', async () => {
    const limiter = await makeLimiter();
    await expect(limiter.take('k', { capacity: 0, refillPerSecond: 1 })).rejects.toThrow(/capacity/);
    await expect(limiter.take('k', { capacity: 1, refillPerSecond: 0 })).rejects.toThrow(/refillPerSecond/);
  });
}
