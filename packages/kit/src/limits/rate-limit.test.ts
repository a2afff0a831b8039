import { describe, expect, it } from 'vitest';
import { rateLimiterCases } from '../testing/rate-limiter-cases.ts';
import { createMemoryRateLimiter, rateLimitKey } from './rate-limit.ts';

describe('createMemoryRateLimiter', () => {
  rateLimiterCases(async () => createMemoryRateLimiter());

  it('evicts the least recently used bucket past maxKeys', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    const one = { capacity: 1, refillPerSecond: 0.001 };
    await limiter.take('a', one, 0);
    await limiter.take('b', one, 0);
    await limiter.take('a', one, 0); // refused, but makes 'a' the most recently used
    await limiter.take('c', one, 0); // evicts 'b'
    expect((await limiter.take('a', one, 0)).allowed).toBe(false);
    expect((await limiter.take('b', one, 0)).allowed).toBe(true); // forgotten, so full again (evicts 'c')
    expect((await limiter.take('a', one, 0)).allowed).toBe(false);
  });

  it('rejects a maxKeys that cannot work', async () => {
    expect(() => createMemoryRateLimiter({ maxKeys: 0 })).toThrow(/maxKeys/);
  });
});

describe('rateLimitKey', () => {
  it('never lets two actor/tool pairs collide', () => {
    expect(rateLimitKey('a/b', 'c')).not.toBe(rateLimitKey('a', 'b/c'));
    expect(rateLimitKey('alice@example.com', 'run_query')).toBe('alice%40example.com/run_query');
  });
});
