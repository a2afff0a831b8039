import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
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
  stop(): Promise<void>;
}

/**
 * The embedded default: the seeded `demo` database and the read-only role `gatehouse_reader` (random password)
 * that the server connects through, in a temporary PostgreSQL of its own, or, given `clusterUrl` (a superuser URL,
 * e.g. GATEHOUSE_EMBEDDED_POSTGRES_URL from `pnpm start`), made anew in that cluster, which outlives the server.
 */
export async function startDemo(clusterUrl?: string): Promise<RunningDemo> {
  if (clusterUrl !== undefined) {
    const readerUrl = await seedDemo(clusterUrl, { fresh: true });
    // The cluster is not ours to stop.
    return { readerUrl, superuserUrl: withDatabase(clusterUrl, DEMO_DATABASE), stop: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres();
  try {
    const readerUrl = await seedDemo(cluster.url(), { fresh: false });
    return { readerUrl, superuserUrl: cluster.url(DEMO_DATABASE), stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/**
 * Creates the `demo` database and its read-only role through the superuser URL; returns the role's URL. `fresh`
 * drops what an earlier run left (the database, then the role, whose grants lived in it).
 */
async function seedDemo(superuserUrl: string, options: { fresh: boolean }): Promise<string> {
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    if (options.fresh) {
      await admin.query(`DROP DATABASE IF EXISTS ${DEMO_DATABASE} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${DEMO_ROLE}`);
    }
    await admin.query(`CREATE DATABASE ${DEMO_DATABASE}`);
  } finally {
    await admin.end();
  }
  const password = randomBytes(18).toString('base64url');
  const owner = new pg.Client({ connectionString: withDatabase(superuserUrl, DEMO_DATABASE) });
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
  const reader = new URL(superuserUrl);
  reader.username = DEMO_ROLE;
  reader.password = password;
  reader.pathname = `/${DEMO_DATABASE}`;
  return reader.href;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}
