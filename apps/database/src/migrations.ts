import type pg from 'pg';
import { quoteIdent } from './catalog.ts';

export type MigrationTool =
  | 'flyway'
  | 'liquibase'
  | 'prisma'
  | 'knex'
  | 'rails'
  | 'alembic'
  | 'sqitch'
  | 'golang-migrate';

export interface MigrationEntry {
  version: string;
  description: string | null;
  appliedAt: string | null;
  success: boolean | null;
}

export interface MigrationHistory {
  tool: MigrationTool;
  table: string;
  entries: MigrationEntry[];
  /** What the tool's table cannot tell (e.g. golang-migrate keeps only the current version). */
  note?: string;
}

interface Candidate {
  schema: string;
  table: string;
  columns: string[];
}

const TABLE_NAMES = [
  'flyway_schema_history',
  'databasechangelog',
  '_prisma_migrations',
  'knex_migrations',
  'schema_migrations',
  'alembic_version',
  'changes',
];

/** Which tool a table belongs to, from its name and columns (Rails and golang-migrate share a name). */
export function classify(candidate: Candidate): MigrationTool | undefined {
  const has = (...names: string[]) => names.every((n) => candidate.columns.includes(n));
  switch (candidate.table) {
    case 'flyway_schema_history':
      return has('installed_rank', 'version') ? 'flyway' : undefined;
    case 'databasechangelog':
      return has('id', 'author', 'filename', 'dateexecuted') ? 'liquibase' : undefined;
    case '_prisma_migrations':
      return has('migration_name', 'finished_at') ? 'prisma' : undefined;
    case 'knex_migrations':
      return has('name', 'batch', 'migration_time') ? 'knex' : undefined;
    case 'schema_migrations':
      if (has('version', 'dirty')) return 'golang-migrate';
      return has('version') && candidate.columns.length === 1 ? 'rails' : undefined;
    case 'alembic_version':
      return has('version_num') ? 'alembic' : undefined;
    case 'changes':
      return candidate.schema === 'sqitch' && has('change', 'committed_at') ? 'sqitch' : undefined;
    default:
      return undefined;
  }
}

/** Latest-first SQL per tool; `$1` is the row limit. The table name is quoted by the caller. */
const LATEST: Record<MigrationTool, (table: string) => string> = {
  flyway: (t) =>
    `SELECT coalesce(version, '(repeatable)') AS version, description, installed_on::text AS "appliedAt", success
     FROM ${t} ORDER BY installed_rank DESC LIMIT $1`,
  liquibase: (t) =>
    `SELECT id || ' (' || author || ')' AS version, coalesce(description, filename) AS description,
       dateexecuted::text AS "appliedAt", exectype <> 'FAILED' AS success
     FROM ${t} ORDER BY orderexecuted DESC LIMIT $1`,
  prisma: (t) =>
    `SELECT migration_name AS version, NULL AS description, coalesce(finished_at, started_at)::text AS "appliedAt",
       finished_at IS NOT NULL AND rolled_back_at IS NULL AS success
     FROM ${t} ORDER BY started_at DESC LIMIT $1`,
  knex: (t) =>
    `SELECT name AS version, 'batch ' || batch AS description, migration_time::text AS "appliedAt", NULL::boolean AS success
     FROM ${t} ORDER BY id DESC LIMIT $1`,
  rails: (t) =>
    `SELECT version::text AS version, NULL AS description, NULL AS "appliedAt", NULL::boolean AS success
     FROM ${t} ORDER BY version DESC LIMIT $1`,
  alembic: (t) =>
    `SELECT version_num AS version, 'current head' AS description, NULL AS "appliedAt", NULL::boolean AS success
     FROM ${t} LIMIT $1`,
  sqitch: (t) =>
    `SELECT change AS version, note AS description, committed_at::text AS "appliedAt", NULL::boolean AS success
     FROM ${t} ORDER BY committed_at DESC LIMIT $1`,
  'golang-migrate': (t) =>
    `SELECT version::text AS version, CASE WHEN dirty THEN 'dirty: last migration failed midway' END AS description,
       NULL AS "appliedAt", NOT dirty AS success
     FROM ${t} LIMIT $1`,
};

const NOTES: Partial<Record<MigrationTool, string>> = {
  'golang-migrate': 'golang-migrate keeps only the current version, not a history.',
  alembic: 'Alembic keeps only the current head revision(s), not a history.',
  rails: 'Rails keeps applied versions only, without timestamps.',
};

/** Finds the migration tables the role can read, in `schemas`, and lists the latest entries of each. */
export async function recentMigrations(
  client: pg.ClientBase,
  schemas: readonly string[],
  limit: number,
  allowed: (schema: string, table: string) => boolean = () => true,
): Promise<MigrationHistory[]> {
  const { rows } = await client.query<Candidate>(
    `SELECT n.nspname AS schema, c.relname AS table,
       ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS columns
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[])
       AND (n.nspname = ANY($2::text[]) OR n.nspname = 'sqitch')
       AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
     ORDER BY n.nspname, c.relname`,
    [TABLE_NAMES, schemas],
  );
  const histories: MigrationHistory[] = [];
  for (const candidate of rows) {
    const tool = classify(candidate);
    if (tool === undefined || !allowed(candidate.schema, candidate.table)) continue;
    const table = `${quoteIdent(candidate.schema)}.${quoteIdent(candidate.table)}`;
    const entries = await client.query<MigrationEntry>(LATEST[tool](table), [limit]);
    const note = NOTES[tool];
    histories.push({
      tool,
      table: `${candidate.schema}.${candidate.table}`,
      entries: entries.rows,
      ...(note ? { note } : {}),
    });
  }
  return histories;
}
