// The demo inside a cluster someone else runs (`pnpm start`'s local PostgreSQL): made anew at every start, and
// never stopped with the server.
import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './index.ts';

let cluster: RunningPostgres;
beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

describe('the demo in a given cluster', () => {
  it('is seeded anew at every start, reachable through a fresh read-only role, and outlives the server', async () => {
    const first = await startDemo(cluster.url());
    const customers = await count(first.readerUrl, 'SELECT count(*)::int AS n FROM customers');
    expect(customers).toBeGreaterThan(0);
    // A leftover connection (a crashed run) does not stop the next start.
    const leftover = new pg.Client({ connectionString: first.readerUrl });
    await leftover.connect();
    leftover.on('error', () => undefined);
    await first.stop();

    const second = await startDemo(cluster.url());
    expect(await count(second.readerUrl, 'SELECT count(*)::int AS n FROM customers')).toBe(customers);
    // The earlier password no longer opens anything; the role is read-only.
    await expect(count(first.readerUrl, 'SELECT 1 AS n')).rejects.toThrow(/password authentication failed/);
    await expect(count(second.readerUrl, 'CREATE TABLE x (i int)')).rejects.toThrow(/read-only transaction/);
    await second.stop();
    // Stopping the demo left the cluster running: it is not the demo's to stop.
    expect(await count(cluster.url(), 'SELECT 1 AS n')).toBe(1);
    await leftover.end().catch(() => undefined);
  });
});
