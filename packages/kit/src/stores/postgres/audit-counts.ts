import type { Pool } from 'pg';

/** What to count audit records by (besides the time bucket). */
export type AuditCountKey = 'server' | 'tool' | 'decision' | 'outcome';

export interface AuditCountQuery {
  readonly since: Date;
  /** Exclusive. */
  readonly until: Date;
  readonly by: AuditCountKey;
  /** The width of a time bucket. */
  readonly bucket: 'minute' | 'hour' | 'day';
}

export interface AuditCount {
  /** The start of the bucket (ISO 8601, UTC). */
  readonly bucket: string;
  readonly key: string;
  readonly count: number;
}

const COLUMNS: Record<AuditCountKey, string> = {
  server: 'server',
  tool: 'name',
  decision: 'decision',
  outcome: 'outcome',
};

/** Records per time bucket and key in [since, until): one GROUP BY on the (time, id) index's range. */
export async function countAuditRecords(pool: Pool, query: AuditCountQuery): Promise<AuditCount[]> {
  const column = COLUMNS[query.by];
  if (column === undefined) throw new RangeError(`by must be one of ${Object.keys(COLUMNS).join(', ')}`);
  if (!['minute', 'hour', 'day'].includes(query.bucket)) {
    throw new RangeError(`bucket must be minute, hour or day, got ${query.bucket}`);
  }
  if (!(query.since.getTime() < query.until.getTime())) throw new RangeError('since must be before until');
  const { rows } = await pool.query<{ bucket: Date; key: string; count: string }>(
    `SELECT date_trunc($3, time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket, ${column} AS key, count(*) AS count
     FROM gatehouse.audit_log WHERE time >= $1 AND time < $2
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [query.since, query.until, query.bucket],
  );
  return rows.map((r) => ({ bucket: r.bucket.toISOString(), key: r.key, count: Number(r.count) }));
}
