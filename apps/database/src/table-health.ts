import type pg from 'pg';

export interface TableHealth {
  schema: string;
  table: string;
  liveRows: number;
  deadRows: number;
  deadRatio: number;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
  cacheHitRatio: number | null;
  tableBytes: number;
  totalBytes: number;
  estimatedBloatRatio: number | null;
  lastVacuum: string | null;
  lastAnalyze: string | null;
  modifiedSinceAnalyze: number;
  indexes: { name: string; scans: number; bytes: number; unique: boolean }[];
  findings: string[];
}

interface HealthRow {
  schema: string;
  table: string;
  oid: number;
  seq_scan: number;
  seq_tup_read: number;
  idx_scan: number | null;
  n_live_tup: number;
  n_dead_tup: number;
  n_mod_since_analyze: number;
  last_vacuum: Date | null;
  last_analyze: Date | null;
  heap_hit: number;
  heap_read: number;
  table_bytes: number;
  total_bytes: number;
  reltuples: number;
  relpages: number;
  row_width: number | null;
}

// Statistics views, sizes, and the average row width from pg_stats for a simple bloat estimate: the pages
// the live rows should need (24-byte tuple header + 4-byte line pointer + data) against the pages used.
const HEALTH_SQL = `
  SELECT s.schemaname AS schema, s.relname AS table, s.relid::int8::float8 AS oid,
    s.seq_scan::float8, s.seq_tup_read::float8, s.idx_scan::float8, s.n_live_tup::float8, s.n_dead_tup::float8,
    s.n_mod_since_analyze::float8, greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
    greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze,
    coalesce(io.heap_blks_hit, 0)::float8 AS heap_hit, coalesce(io.heap_blks_read, 0)::float8 AS heap_read,
    pg_catalog.pg_relation_size(s.relid)::float8 AS table_bytes,
    pg_catalog.pg_total_relation_size(s.relid)::float8 AS total_bytes,
    c.reltuples::float8, c.relpages::float8,
    (SELECT sum(st.avg_width)::float8 FROM pg_catalog.pg_stats st
      WHERE st.schemaname = s.schemaname AND st.tablename = s.relname) AS row_width
  FROM pg_catalog.pg_stat_user_tables s
  JOIN pg_catalog.pg_statio_user_tables io ON io.relid = s.relid
  JOIN pg_catalog.pg_class c ON c.oid = s.relid
  WHERE s.schemaname = $1 AND ($2::text IS NULL OR s.relname = $2)
  ORDER BY s.relname`;

const INDEX_SQL = `
  SELECT u.relid::int8::float8 AS oid, u.indexrelname AS name, u.idx_scan::float8 AS scans,
    pg_catalog.pg_relation_size(u.indexrelid)::float8 AS bytes, x.indisunique AS unique
  FROM pg_catalog.pg_stat_user_indexes u JOIN pg_catalog.pg_index x ON x.indexrelid = u.indexrelid
  WHERE u.relid = ANY($1::oid[]) ORDER BY u.indexrelname`;

const PAGE = 8192;
const BIG_TABLE_ROWS = 10_000;
const ratio = (n: number) => Math.round(n * 1000) / 1000;

export function estimateBloat(row: Pick<HealthRow, 'reltuples' | 'relpages' | 'row_width'>): number | null {
  if (row.row_width === null || row.relpages <= 0 || row.reltuples < 0) return null;
  const expectedPages = Math.ceil((row.reltuples * (row.row_width + 28)) / (PAGE - 24));
  return ratio(Math.max(0, 1 - expectedPages / row.relpages));
}

/** Things worth acting on, in plain words. */
function findingsOf(h: Omit<TableHealth, 'findings'>): string[] {
  const findings: string[] = [];
  if (h.liveRows >= BIG_TABLE_ROWS && h.seqScans > h.indexScans * 2 && h.seqScans > 10) {
    findings.push(
      `${h.seqScans} sequential scans vs ${h.indexScans} index scans on ${h.liveRows} rows: a missing index?`,
    );
  }
  if (h.deadRows > 1000 && h.deadRatio > 0.1) {
    findings.push(
      `${Math.round(h.deadRatio * 100)}% dead rows: autovacuum is behind; consider VACUUM (ANALYZE)`,
    );
  }
  if (h.estimatedBloatRatio !== null && h.estimatedBloatRatio > 0.3 && h.tableBytes > 10 * 1024 * 1024) {
    findings.push(`about ${Math.round(h.estimatedBloatRatio * 100)}% of the table's pages look like bloat`);
  }
  if (h.cacheHitRatio !== null && h.cacheHitRatio < 0.9 && h.tableBytes > 100 * 1024 * 1024) {
    findings.push(`only ${Math.round(h.cacheHitRatio * 100)}% of table reads hit the cache`);
  }
  if (h.lastAnalyze === null) findings.push('never analyzed: row estimates are guesses; run ANALYZE');
  for (const index of h.indexes) {
    if (index.scans === 0 && !index.unique) {
      findings.push(`index ${index.name} (${index.bytes} bytes) was never used since statistics were reset`);
    }
  }
  return findings;
}

/** Health of one table, or of every table in a schema (statistics since the last reset). */
export async function tableHealth(
  client: pg.ClientBase,
  schema: string,
  table?: string,
): Promise<TableHealth[]> {
  const { rows } = await client.query<HealthRow>(HEALTH_SQL, [schema, table ?? null]);
  if (rows.length === 0) return [];
  const indexes = await client.query<{
    oid: number;
    name: string;
    scans: number;
    bytes: number;
    unique: boolean;
  }>(INDEX_SQL, [rows.map((r) => r.oid)]);
  return rows.map((r) => {
    const hits = r.heap_hit + r.heap_read;
    const health = {
      schema: r.schema,
      table: r.table,
      liveRows: r.n_live_tup,
      deadRows: r.n_dead_tup,
      deadRatio: r.n_live_tup + r.n_dead_tup > 0 ? ratio(r.n_dead_tup / (r.n_live_tup + r.n_dead_tup)) : 0,
      seqScans: r.seq_scan,
      seqRowsRead: r.seq_tup_read,
      indexScans: r.idx_scan ?? 0,
      cacheHitRatio: hits > 0 ? ratio(r.heap_hit / hits) : null,
      tableBytes: r.table_bytes,
      totalBytes: r.total_bytes,
      estimatedBloatRatio: estimateBloat(r),
      lastVacuum: r.last_vacuum?.toISOString() ?? null,
      lastAnalyze: r.last_analyze?.toISOString() ?? null,
      modifiedSinceAnalyze: r.n_mod_since_analyze,
      indexes: indexes.rows
        .filter((i) => i.oid === r.oid)
        .map(({ name, scans, bytes, unique }) => ({ name, scans, bytes, unique })),
    };
    return { ...health, findings: findingsOf(health) };
  });
}
