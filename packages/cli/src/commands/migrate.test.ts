import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { pendingMigrations } from '@gatehouse/kit/operator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { migrateCommand } from './migrate.ts';

let cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
let url: string;

beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
  url = cluster.url();
});
afterAll(() => cluster.stop());

describe('gatehouse migrate', () => {
  it('--check lists what is pending on an empty store and changes nothing; migrate applies it once', async () => {
    const check = memoryContext({ GATEHOUSE_DATABASE_URL: url });
    expect(await migrateCommand(['--check'], check.context)).toBe(1);
    expect(check.stdout.join('\n')).toMatch(/pending: \S+/);

    const pool = new pg.Pool({ connectionString: url });
    // pool.end() resolves before its sockets close; the cluster stopping then must not be an unhandled error.
    pool.on('error', () => {});
    const pendingBefore = await pendingMigrations(pool);
    expect(pendingBefore.length).toBeGreaterThan(0);

    const first = memoryContext();
    expect(await migrateCommand(['--database-url', url], first.context)).toBe(0);
    expect(first.stdout.join('\n')).toContain(`applied ${pendingBefore.join(', ')}`);
    expect(await pendingMigrations(pool)).toEqual([]);
    await pool.end();

    const again = memoryContext({ GATEHOUSE_DATABASE_URL: url });
    expect(await migrateCommand([], again.context)).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/up to date$/);
    const recheck = memoryContext({ GATEHOUSE_DATABASE_URL: url });
    expect(await migrateCommand(['--check'], recheck.context)).toBe(0);
  });

  it('names the store without its password when it cannot connect', async () => {
    const { context } = memoryContext();
    const dead = `postgres://gatehouse:s3cret-pw@127.0.0.1:1/gatehouse`;
    await expect(migrateCommand(['--database-url', dead], context)).rejects.toThrow(
      /127\.0\.0\.1:1\/gatehouse/,
    );
    await expect(migrateCommand(['--database-url', dead], context)).rejects.not.toThrow(/s3cret-pw/);
  });

  it('refuses a missing database URL and stray arguments as usage errors', async () => {
    await expect(migrateCommand([], memoryContext().context)).rejects.toBeInstanceOf(UsageError);
    await expect(
      migrateCommand(['now', '--database-url', 'postgres://x@h/d'], memoryContext().context),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
