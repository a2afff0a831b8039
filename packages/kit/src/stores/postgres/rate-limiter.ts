import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { checkRateLimitRule, createMemoryRateLimiter, type RateLimiter } from '../../limits/rate-limit.ts';

export interface PostgresRateLimiterOptions {
  /** Used while the database is unreachable (default: an in-memory limiter, i.e. limits per replica). */
  readonly fallback?: RateLimiter;
  /** How long to stay on the fallback after a failure before trying the database again (default 1000 ms). */
  readonly retryAfterMs?: number;
  readonly logger?: Logger;
}

/**
 * Token buckets in PostgreSQL, shared by every replica: capacity N means N calls in total, not N per replica.
 * Each take is ONE statement: the insert of a full bucket minus one token, or, when the bucket exists, an update
 * computing the refill from the row as locked by the upsert. Concurrent takes on one key queue on its row lock,
 * so there is no read-modify-write race. Refill uses the `now` each take passes (the replica's clock); a clock
 * that steps backwards mints nothing, as in the memory limiter. Buckets are not evicted: one row per
 * (actor, tool) pair ever seen.
 *
 * While the database is unreachable, takes go to a per-replica fallback limiter rather than failing every call:
 * limits stay in force (per replica) and the audit sink, not the rate limiter, decides what may run (writes are
 * refused, reads follow GATEHOUSE_AUDIT_UNAVAILABLE_READS).
 */
export function createPostgresRateLimiter(pool: Pool, options: PostgresRateLimiterOptions = {}): RateLimiter {
  const fallback = options.fallback ?? createMemoryRateLimiter();
  const retryAfterMs = options.retryAfterMs ?? 1000;
  let downUntil = 0;

  const takeShared: RateLimiter['take'] = async (key, rule, now = Date.now()) => {
    // $2 capacity, $3 refill per second, $4 now (epoch ms)
    const refilled = 'LEAST($2, b.tokens + GREATEST(0, $4 - b.updated_ms) / 1000.0 * $3)';
    const { rows } = await pool.query<{ allowed: boolean; tokens: number }>(
      `INSERT INTO gatehouse.rate_limit_buckets AS b (key, tokens, updated_ms, allowed)
       VALUES ($1, $2::float8 - 1, $4, true)
       ON CONFLICT (key) DO UPDATE SET
         tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
         updated_ms = GREATEST(b.updated_ms, $4),
         allowed = ${refilled} >= 1
       RETURNING allowed, tokens`,
      [key, rule.capacity, rule.refillPerSecond, now],
    );
    const row = rows[0] as { allowed: boolean; tokens: number };
    if (row.allowed) return { allowed: true };
    // Whole seconds, rounded up, as the memory limiter does (Retry-After takes integers).
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / rule.refillPerSecond)),
    };
  };

  return {
    async take(key, rule, now = Date.now()) {
      checkRateLimitRule(rule);
      if (Date.now() < downUntil) return fallback.take(key, rule, now);
      try {
        const result = await takeShared(key, rule, now);
        if (downUntil !== 0) options.logger?.info('PostgreSQL rate limits reachable again');
        downUntil = 0;
        return result;
      } catch (error) {
        if (downUntil === 0) {
          options.logger?.error(
            { err: error },
            'PostgreSQL rate limits unreachable: limiting per replica until it is back',
          );
        }
        downUntil = Date.now() + retryAfterMs;
        return fallback.take(key, rule, now);
      }
    },
  };
}
