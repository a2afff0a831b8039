// Shared by the CLI's tests: a real PostgreSQL with the kit's tables, and audit records to fill it with.
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { type AuditRecord, createPostgresAuditSink, migratePostgres } from '@gatehouse/kit/operator';
import { sampleAuditRecord } from '@gatehouse/kit/testing';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
  stop(): Promise<void>;
}

/** An embedded PostgreSQL with the Gatehouse schema migrated, as a server configured with it would leave it. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const cluster = await startEmbeddedPostgres();
  const url = cluster.url();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  await migratePostgres(pool);
  return {
    url,
    pool,
    async stop() {
      await pool.end();
      await cluster.stop();
    },
  };
}

/** A sample audit record at the given time (the kit's sample, whatever else the test overrides). */
export function auditRecord(overrides: Partial<AuditRecord> & Pick<AuditRecord, 'time'>): AuditRecord {
  return sampleAuditRecord(overrides);
}

/** Stores records through the kit's own PostgreSQL audit sink, in the order given. */
export async function storeAudit(pool: pg.Pool, records: readonly AuditRecord[]): Promise<void> {
  const sink = createPostgresAuditSink(pool);
  try {
    const writes = records.map((record) => sink.write(record));
    await sink.flush();
    await Promise.all(writes);
  } finally {
    await sink.close();
  }
}

/** An ISO time `ms` before now. */
export const ago = (ms: number, now = Date.now()) => new Date(now - ms).toISOString();
