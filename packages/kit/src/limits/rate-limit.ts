/**
 * Token buckets per (actor, tool). A bucket holds up to `capacity` calls and refills continuously at
 * `refillPerSecond`; each call takes one token. The interface is async because shared stores (PostgreSQL,
 * Redis) implement it for multi-replica deployments; the memory limiter is for a single process.
 */
export interface RateLimitRule {
  /** Burst size: calls allowed at once after a quiet period (at least 1). */
  readonly capacity: number;
  /** Sustained rate: tokens added per second (greater than 0). */
  readonly refillPerSecond: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from the bucket at `key`. `now` is epoch milliseconds (defaults to the clock). */
  take(key: string, rule: RateLimitRule, now?: number): Promise<RateLimitResult>;
}

/** An unambiguous bucket key: both parts are URI-encoded, so no actor/tool pair can collide with another. */
export function rateLimitKey(actor: string, tool: string): string {
  return `${encodeURIComponent(actor)}/${encodeURIComponent(tool)}`;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory buckets, bounded to `maxKeys` (default 10 000). A Map keeps insertion order, and every take
 * re-inserts its key, so the first key is always the least recently used one: that is the one evicted.
 * Evicting a bucket only forgets spent tokens (the key starts full again), so the bound can make the limit
 * more lenient for a key unused for a while, never stricter. No timers: refill is computed on take.
 */
export function createMemoryRateLimiter(options: { maxKeys?: number } = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${maxKeys}`);
  }
  const buckets = new Map<string, Bucket>();

  const take = (key: string, rule: RateLimitRule, now: number): RateLimitResult => {
    checkRateLimitRule(rule);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: rule.capacity, updatedAt: now };
      if (buckets.size >= maxKeys) {
        const oldest = buckets.keys().next();
        if (oldest.done !== true) buckets.delete(oldest.value);
      }
    } else {
      buckets.delete(key);
      // A clock that steps backwards must not mint tokens (or take them away).
      const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsedSeconds * rule.refillPerSecond);
      bucket.updatedAt = Math.max(bucket.updatedAt, now);
    }
    buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    // Whole seconds, rounded up: Retry-After takes integers, and retrying early would only be refused again.
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rule.refillPerSecond));
    return { allowed: false, retryAfterSeconds };
  };

  return {
    take: async (key, rule, now = Date.now()) => take(key, rule, now),
  };
}

/** Throws a RangeError naming what is wrong with a rule that cannot work; shared by every RateLimiter. */
export function checkRateLimitRule(rule: RateLimitRule): void {
  if (!(Number.isFinite(rule.capacity) && rule.capacity >= 1)) {
    throw new RangeError(`rate limit capacity must be a number of at least 1, got ${rule.capacity}`);
  }
  if (!(Number.isFinite(rule.refillPerSecond) && rule.refillPerSecond > 0)) {
    throw new RangeError(
      `rate limit refillPerSecond must be a number greater than 0, got ${rule.refillPerSecond}`,
    );
  }
}
