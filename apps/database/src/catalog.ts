import { ErrorCode, isToolError, ToolError } from '@gatehouse/kit';
import type pg from 'pg';
import { toSqlToolError } from './pg-errors.ts';

/**
 * The server's own catalog queries: fixed, parameterized SQL, each batch in a READ ONLY transaction with a
 * short statement timeout, rolled back afterwards. User SQL never comes through here. `repeatableRead` gives
 * every query of the batch one snapshot (the statement planner's walk of the catalog needs that).
 */
export async function readOnly<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  timeoutMs = 10_000,
  { repeatableRead = false } = {},
): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw new ToolError(
      ErrorCode.UpstreamUnavailable,
      `Could not connect to the database: ${(error as Error).message}`,
      { cause: error },
    );
  });
  let broken: Error | undefined;
  try {
    // Names in definitions and regclass output come out schema-qualified, whatever the role's own path. On a
    // pipelined connection the work's first query follows this one without waiting for it.
    const begin = client.query(
      `BEGIN TRANSACTION READ ONLY${repeatableRead ? ' ISOLATION LEVEL REPEATABLE READ' : ''}; SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}; SET LOCAL search_path = pg_catalog`,
    );
    const [, result] = await Promise.all([begin, work(client)]);
    return result;
  } catch (error) {
    // A refusal from the work itself leaves the connection healthy; anything else may not.
    if (!isToolError(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw isToolError(error) ? error : toSqlToolError(error);
  } finally {
    await client.query('ROLLBACK').catch(() => {
      broken ??= new Error('rollback failed');
    });
    client.release(broken);
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

export interface SchemaInfo {
  name: string;
  owner: string;
  comment: string | null;
  tables: number;
  bytes: number;
  readable: boolean;
}

export async function listSchemas(client: pg.ClientBase): Promise<SchemaInfo[]> {
  const { rows } = await client.query<SchemaInfo>(`
    SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
      pg_catalog.obj_description(n.oid, 'pg_namespace') AS comment,
      count(c.oid) FILTER (WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f'))::int AS tables,
      coalesce(sum(pg_catalog.pg_total_relation_size(c.oid)) FILTER (WHERE c.relkind IN ('r', 'p', 'm')), 0)::float8 AS bytes,
      pg_catalog.has_schema_privilege(n.oid, 'USAGE') AS readable
    FROM pg_catalog.pg_namespace n LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
    WHERE ${USER_SCHEMAS}
    GROUP BY n.oid ORDER BY n.nspname`);
  return rows;
}

const KINDS: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};

export interface TableInfo {
  schema: string;
  name: string;
  kind: string;
  rowEstimate: number | null;
  bytes: number;
  comment: string | null;
}

/** Tables, views and the like of the given schemas, with PostgreSQL's row estimate (null: never analyzed). */
export async function listTables(client: pg.ClientBase, schemas: readonly string[]): Promise<TableInfo[]> {
  const { rows } = await client.query<TableInfo & { kind: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
      CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::float8 END AS "rowEstimate",
      pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes,
      pg_catalog.obj_description(c.oid, 'pg_class') AS comment
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[]) AND NOT c.relispartition
    ORDER BY n.nspname, c.relname`,
    [schemas],
  );
  return rows.map((r) => ({ ...r, kind: KINDS[r.kind] ?? r.kind }));
}

export interface RelationInfo {
  oid: number;
  kind: string;
  comment: string | null;
  rowEstimate: number | null;
  bytes: number;
}

/** `schema.table` (a table-like relation), or undefined. */
export async function findRelation(
  client: pg.ClientBase,
  schema: string,
  table: string,
): Promise<RelationInfo | undefined> {
  const { rows } = await client.query<RelationInfo>(
    `SELECT c.oid::int8::float8 AS oid, c.relkind::text AS kind, pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::float8 END AS "rowEstimate",
       pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [schema, table],
  );
  const row = rows[0];
  return row && { ...row, kind: KINDS[row.kind] ?? row.kind };
}

/**
 * Which schema an unqualified relation name resolves to, as PostgreSQL would: pg_catalog first (unless the
 * path names it), then the search path in order. Undefined when no relation has that name (a CTE, or an
 * error PostgreSQL will report).
 */
export async function resolveRelation(
  client: pg.ClientBase | pg.Pool,
  name: string,
  searchPath: readonly string[],
): Promise<string | undefined> {
  return (await resolveRelations(client, [name], searchPath)).get(name);
}

/**
 * Several unqualified names at once, in one round trip (every user query pays it): each name to the first schema
 * of the search path (pg_catalog first, as PostgreSQL does) that holds it; names found nowhere are left out.
 */
export async function resolveRelations(
  client: pg.ClientBase | pg.Pool,
  names: readonly string[],
  searchPath: readonly string[],
): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  if (names.length === 0) return resolved;
  const path = searchPath.includes('pg_catalog') ? [...searchPath] : ['pg_catalog', ...searchPath];
  const { rows } = await client.query<{ name: string; schema: string }>(
    `SELECT c.relname AS name, n.nspname AS schema
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1::text[]) AND n.nspname = ANY($2::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [[...new Set(names)], path],
  );
  for (const name of names) {
    const schemas = new Set(rows.filter((row) => row.name === name).map((row) => row.schema));
    const first = path.find((schema) => schemas.has(schema));
    if (first !== undefined) resolved.set(name, first);
  }
  return resolved;
}

/** Every column of every table-like relation in the given schemas (for resolving mask rules). */
export async function listColumns(
  client: pg.ClientBase,
  schemas: readonly string[],
): Promise<{ schema: string; table: string; column: string }[]> {
  const { rows } = await client.query<{ schema: string; table: string; column: string }>(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column
     FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND n.nspname = ANY($1::text[])`,
    [schemas],
  );
  return rows;
}

export interface TableDescription {
  columns: {
    name: string;
    type: string;
    nullable: boolean;
    default: string | null;
    comment: string | null;
  }[];
  indexes: {
    name: string;
    definition: string;
    unique: boolean;
    primary: boolean;
    valid: boolean;
    bytes: number;
  }[];
  constraints: { name: string; type: string; definition: string }[];
  foreignKeysOut: {
    name: string;
    columns: string[];
    references: string;
    referencesSchema: string;
    referencesTable: string;
    definition: string;
  }[];
  foreignKeysIn: { name: string; from: string; fromSchema: string; fromTable: string; definition: string }[];
}

const CONSTRAINT_TYPES: Record<string, string> = {
  p: 'primary key',
  u: 'unique',
  c: 'check',
  x: 'exclusion',
};

export async function describeTable(client: pg.ClientBase, oid: number): Promise<TableDescription> {
  const columns = await client.query<TableDescription['columns'][number]>(
    `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
       CASE WHEN a.attidentity <> '' THEN 'generated ' || CASE a.attidentity WHEN 'a' THEN 'always' ELSE 'by default' END || ' as identity'
            WHEN a.attgenerated <> '' THEN 'generated always as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ')'
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default,
       pg_catalog.col_description(a.attrelid, a.attnum) AS comment
     FROM pg_catalog.pg_attribute a
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [oid],
  );
  const indexes = await client.query<TableDescription['indexes'][number]>(
    `SELECT i.relname AS name, pg_catalog.pg_get_indexdef(x.indexrelid) AS definition, x.indisunique AS unique,
       x.indisprimary AS primary, x.indisvalid AS valid, pg_catalog.pg_relation_size(x.indexrelid)::float8 AS bytes
     FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::oid ORDER BY x.indisprimary DESC, i.relname`,
    [oid],
  );
  const constraints = await client.query<{
    name: string;
    type: string;
    definition: string;
    side: string;
    from: string;
    fromSchema: string;
    fromTable: string;
    columns: string[];
    references: string;
    referencesSchema: string;
    referencesTable: string;
  }>(
    `SELECT c.conname AS name, c.contype::text AS type, pg_catalog.pg_get_constraintdef(c.oid) AS definition,
       CASE WHEN c.conrelid = $1::oid THEN 'out' ELSE 'in' END AS side,
       c.conrelid::regclass::text AS from, c.confrelid::regclass::text AS references,
       fn.nspname AS "fromSchema", fc.relname AS "fromTable",
       rn.nspname AS "referencesSchema", rc.relname AS "referencesTable",
       ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) ORDER BY a.attnum)::text[] AS columns
     FROM pg_catalog.pg_constraint c
     JOIN pg_catalog.pg_class fc ON fc.oid = c.conrelid JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
     LEFT JOIN pg_catalog.pg_class rc ON rc.oid = c.confrelid LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
     WHERE (c.conrelid = $1::oid AND c.contype IN ('p', 'u', 'c', 'x', 'f')) OR (c.confrelid = $1::oid AND c.contype = 'f')
     ORDER BY c.conname`,
    [oid],
  );
  const rows = constraints.rows;
  return {
    columns: columns.rows,
    indexes: indexes.rows,
    constraints: rows
      .filter((c) => c.type !== 'f')
      .map((c) => ({ name: c.name, type: CONSTRAINT_TYPES[c.type] ?? c.type, definition: c.definition })),
    foreignKeysOut: rows
      .filter((c) => c.type === 'f' && c.side === 'out')
      .map((c) => ({
        name: c.name,
        columns: c.columns,
        references: c.references,
        referencesSchema: c.referencesSchema,
        referencesTable: c.referencesTable,
        definition: c.definition,
      })),
    foreignKeysIn: rows
      .filter((c) => c.type === 'f' && c.side === 'in')
      .map((c) => ({
        name: c.name,
        from: c.from,
        fromSchema: c.fromSchema,
        fromTable: c.fromTable,
        definition: c.definition,
      })),
  };
}
