import type { RunningPostgres } from '@gatehouse/embedded-pg';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAuditRecord } from '../../testing/audit-record.ts';
import { countAuditRecords } from './audit-counts.ts';
import { createPostgresAuditSink } from './audit-sink.ts';
import { migratePostgres } from './migrations.ts';
import { createTestDatabase, startEmbeddedPostgres } from './test-database.ts';

let cluster: RunningPostgres;
let pool: pg.Pool;
const at = (hour: number, minute = 0) => new Date(Date.UTC(2030, 0, 1, hour, minute));

beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
  const db = await createTestDatabase(cluster, 'audit_counts');
  pool = db.pool();
  await migratePostgres(pool);
  const sink = createPostgresAuditSink(pool);
  const write = (hour: number, minute: number, server: string, decision: 'allowed' | 'denied') =>
    sink.write(sampleAuditRecord({ time: at(hour, minute).toISOString(), server, decision }));
  await write(0, 5, 'notes', 'allowed');
  await write(0, 50, 'notes', 'denied');
  await write(0, 59, 'github', 'allowed');
  await write(1, 0, 'notes', 'allowed');
  await write(3, 0, 'notes', 'allowed'); // outside the window below
  await sink.close();
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

describe('countAuditRecords', () => {
  it('counts per bucket and key inside the window', async () => {
    const counts = await countAuditRecords(pool, {
      since: at(0),
      until: at(2),
      by: 'server',
      bucket: 'hour',
    });
    expect(counts).toEqual([
      { bucket: at(0).toISOString(), key: 'github', count: 1 },
      { bucket: at(0).toISOString(), key: 'notes', count: 2 },
      { bucket: at(1).toISOString(), key: 'notes', count: 1 },
    ]);
    const decisions = await countAuditRecords(pool, {
      since: at(0),
      until: at(2),
      by: 'decision',
      bucket: 'day',
    });
    expect(decisions).toEqual([
      { bucket: at(0).toISOString(), key: 'allowed', count: 3 },
      { bucket: at(0).toISOString(), key: 'denied', count: 1 },
    ]);
  });

  it('refuses a key, bucket or window it cannot count by', async () => {
    const base = { since: at(0), until: at(2), by: 'server', bucket: 'hour' } as const;
    await expect(countAuditRecords(pool, { ...base, by: 'actor' as never })).rejects.toThrow(/^by must be/);
    await expect(countAuditRecords(pool, { ...base, bucket: 'week' as never })).rejects.toThrow(
      /^bucket must be/,
    );
    await expect(countAuditRecords(pool, { ...base, until: at(0) })).rejects.toThrow(
      /since must be before until/,
    );
  });
});
