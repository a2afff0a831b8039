import { randomBytes } from 'node:crypto';
import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { readOnlyRoleSql } from '../role-check.ts';
import { demoDataSql } from './data.ts';
import { DEMO_SCHEMA_SQL } from './schema.ts';

export const DEMO_DATABASE = 'demo';
export const DEMO_ROLE = 'gatehouse_reader';

export interface RunningDemo {
  /** The read-only role's URL: what the server connects with. */
  readonly readerUrl: string;
  /** The superuser's URL (tests use it to verify; the server never does). */
  readonly superuserUrl: string;
  readonly cluster: RunningPostgres;
  stop(): Promise<void>;
}

/**
 * The embedded default: a temporary PostgreSQL with the seeded `demo` database and the read-only role
 * `gatehouse_reader` (random password) that the server connects through.
 */
export async function startDemo(): Promise<RunningDemo> {
  const cluster = await startEmbeddedPostgres();
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DEMO_DATABASE}`);
    } finally {
      await admin.end();
    }
    const password = randomBytes(18).toString('base64url');
    const owner = new pg.Client({ connectionString: cluster.url(DEMO_DATABASE) });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(DEMO_SCHEMA_SQL);
      for (const statement of demoDataSql()) await owner.query(statement);
      for (const statement of readOnlyRoleSql(DEMO_ROLE, password, DEMO_DATABASE, ['public', 'billing'])) {
        await owner.query(statement);
      }
      await owner.query('COMMIT');
      // Fresh statistics, so row estimates and health figures are real from the first call. The inserts'
      // counters are flushed first: flushed after ANALYZE they would count every row twice.
      await owner.query('SELECT pg_stat_force_next_flush()');
      await owner.query('ANALYZE');
    } finally {
      await owner.end();
    }
    const readerUrl = `postgres://${DEMO_ROLE}:${password}@${cluster.host}:${cluster.port}/${DEMO_DATABASE}`;
    return { readerUrl, superuserUrl: cluster.url(DEMO_DATABASE), cluster, stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
