import { freeLoopbackPort } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { rateLimiterCases } from '../../testing/rate-limiter-cases.ts';
import { createPostgresRateLimiter } from './rate-limiter.ts';
import { useMigratedReplicas } from './test-database.ts';

const replicas = useMigratedReplicas('rate_limits');

describe('createPostgresRateLimiter', () => {
  rateLimiterCases(async () => {
    await replicas.a.query('DELETE FROM gatehouse.rate_limit_buckets');
    return createPostgresRateLimiter(replicas.a);
  });

  it('holds one bucket across replicas under concurrent takes: capacity in total, not per replica', async () => {
    const a = createPostgresRateLimiter(replicas.a);
    const b = createPostgresRateLimiter(replicas.b);
    const rule = { capacity: 50, refillPerSecond: 0.001 };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).take('shared', rule, now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(50);
    expect(results.filter((r) => !r.allowed)).toHaveLength(250);
  });

  it('refills from the time of the last take, whichever replica made it', async () => {
    const a = createPostgresRateLimiter(replicas.a);
    const b = createPostgresRateLimiter(replicas.b);
    const rule = { capacity: 2, refillPerSecond: 1 };
    expect((await a.take('refill', rule, 0)).allowed).toBe(true);
    expect((await b.take('refill', rule, 0)).allowed).toBe(true);
    expect(await a.take('refill', rule, 400)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await b.take('refill', rule, 1000)).allowed).toBe(true);
    expect((await a.take('refill', rule, 1000)).allowed).toBe(false);
  });
});

describe('createPostgresRateLimiter while the database is unreachable', () => {
  it('keeps limiting, per replica, and says so once', async () => {
    const dead = new pg.Pool({
      connectionString: `postgres://postgres:x@127.0.0.1:${await freeLoopbackPort()}/x`,
    });
    dead.on('error', () => {});
    const lines: string[] = [];
    const logger = pino({}, { write: (line: string) => void lines.push(line) });
    const limiter = createPostgresRateLimiter(dead, { logger });
    const rule = { capacity: 2, refillPerSecond: 0.001 };
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await limiter.take('k', rule, 0)).allowed);
    expect(results).toEqual([true, true, false]);
    expect(lines.filter((l) => l.includes('limiting per replica'))).toHaveLength(1);
    await dead.end();
  });
});
