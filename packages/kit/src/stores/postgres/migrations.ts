import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { initial } from './migrations/0001-initial.ts';
import { auditTargets } from './migrations/0002-audit-targets.ts';
import { approvalChannel } from './migrations/0003-approval-channel.ts';
import { auditChain } from './migrations/0004-audit-chain.ts';
import { auditLookups } from './migrations/0005-audit-lookups.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in order. Append only: an applied migration's text must never change. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  auditTargets,
  approvalChannel,
  auditChain,
  auditLookups,
];

export const SCHEMA = 'gatehouse';

// One arbitrary 64-bit key for "gatehouse migrations", so replicas starting at once take turns.
const MIGRATION_LOCK_KEY = 0x6761_7465_686f_7573n;

export function migrationChecksum(migration: Migration): string {
  return `sha256:${createHash('sha256').update(migration.sql).digest('hex')}`;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies the migrations this database lacks, in order, in one transaction that holds a transaction-level
 * advisory lock: a second replica starting at the same moment waits, then finds nothing left to do. A
 * migration whose recorded checksum differs from this code's is an error (someone edited an applied migration,
 * or the database belongs to a different build).
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ applied: string[] }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.gatehouse_schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const pending = await pendingIn(client, migrations);
    const applied: string[] = [];
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO ${SCHEMA}.gatehouse_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
        [migration.version, migration.name, migrationChecksum(migration)],
      );
      applied.push(label(migration));
    }
    await client.query('COMMIT');
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The migrations not applied yet (labels like `0001-initial`); throws on a checksum mismatch. Read-only. */
export async function pendingMigrations(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  const exists = await pool.query<{ present: boolean }>(
    `SELECT to_regclass('${SCHEMA}.gatehouse_schema_migrations') IS NOT NULL AS present`,
  );
  if (exists.rows[0]?.present !== true) return migrations.map(label);
  return (await pendingIn(pool, migrations)).map(label);
}

async function pendingIn(db: Pool | PoolClient, migrations: readonly Migration[]): Promise<Migration[]> {
  const { rows } = await db.query<AppliedRow>(
    `SELECT version, name, checksum FROM ${SCHEMA}.gatehouse_schema_migrations ORDER BY version`,
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const migration = known.get(row.version);
    if (migration === undefined) {
      throw new Error(
        `database has migration ${row.version} (${row.name}) that this build of Gatehouse does not know; run a build at least as new as the one that applied it`,
      );
    }
    const checksum = migrationChecksum(migration);
    if (row.checksum !== checksum) {
      throw new Error(
        `migration ${label(migration)} was changed after it was applied: its checksum in ${SCHEMA}.gatehouse_schema_migrations is ${row.checksum}, this build has ${checksum}; restore the original migration and add a new one instead`,
      );
    }
  }
  const applied = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !applied.has(m.version));
}

function label(migration: Migration): string {
  return `${String(migration.version).padStart(4, '0')}-${migration.name}`;
}
