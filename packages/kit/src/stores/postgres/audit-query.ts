import type { Pool } from 'pg';
import type { AuditDecision, AuditOutcome, AuditRecord } from '../../audit/record.ts';

export interface AuditQuery {
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
  readonly actor?: string;
  readonly server?: string;
  /** The tool (or resource, prompt) name. */
  readonly tool?: string;
  readonly decision?: AuditDecision;
  readonly outcome?: AuditOutcome;
  /** The record's target, exactly (after redaction, as stored). */
  readonly target?: string;
  /** Every record of one approval: the refusal that asked for it, the decision, the call it allowed. */
  readonly approvalId?: string;
  /** One call's records: a write's intent and its outcome. */
  readonly callId?: string;
  /** One record, by its id. */
  readonly id?: string;
  /** Newest first (the console's trail); `afterId` then continues towards older records. */
  readonly newestFirst?: boolean;
  /** Default 100, at most 10 000. */
  readonly limit?: number;
  /** Continue after this record (the last `id` of the previous page). */
  readonly afterId?: string;
}

export type StoredAuditRecord = AuditRecord & { readonly id: string };

export interface AuditRow {
  id: string;
  time: Date;
  actor: string;
  via: string;
  client: string | null;
  server: string;
  kind: AuditRecord['kind'];
  name: string;
  version: string;
  access: AuditRecord['access'] | null;
  target: string | null;
  targets: string[] | null;
  decision: AuditDecision;
  outcome: AuditRecord['outcome'];
  code: string | null;
  duration_ms: number;
  input_digest: string | null;
  redactions: Record<string, number>;
  output_bytes: string;
  approval_id: string | null;
  approver: string | null;
  approval_channel: AuditRecord['approvalChannel'] | null;
  phase: 'intent' | null;
  call_id: string | null;
  stream: string | null;
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The columns `toRecord` reads, for every query of whole records. */
export const AUDIT_COLUMNS = `id::text, time, actor, via, client, server, kind, name, version, access, target, targets,
  decision, outcome, code, duration_ms, input_digest, redactions, output_bytes, approval_id, approver, approval_channel,
  phase, call_id, stream, seq, prev_hash, hash`;

export const MAX_AUDIT_QUERY_LIMIT = 10_000;

/** Records matching every filter given, ordered by time then id (the order they happened in, or newest first). */
export async function queryAuditRecords(pool: Pool, query: AuditQuery): Promise<StoredAuditRecord[]> {
  const limit = query.limit ?? 100;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_AUDIT_QUERY_LIMIT)) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_AUDIT_QUERY_LIMIT}, got ${limit}`);
  }
  for (const key of ['afterId', 'id'] as const) {
    const value = query[key];
    if (value !== undefined && !/^[1-9]\d{0,18}$/.test(value)) {
      throw new RangeError(`${key} must be the id of an audit record (digits), got ${value}`);
    }
  }
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: (param: string) => string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  where((p) => `time >= ${p}`, query.since);
  where((p) => `time < ${p}`, query.until);
  where((p) => `actor = ${p}`, query.actor);
  where((p) => `server = ${p}`, query.server);
  where((p) => `name = ${p}`, query.tool);
  where((p) => `decision = ${p}`, query.decision);
  where((p) => `outcome = ${p}`, query.outcome);
  where((p) => `target = ${p}`, query.target);
  where((p) => `approval_id = ${p}`, query.approvalId);
  where((p) => `call_id = ${p}`, query.callId);
  where((p) => `id = ${p}::bigint`, query.id);
  const order = query.newestFirst ? 'DESC' : 'ASC';
  where(
    (p) =>
      `(time, id) ${query.newestFirst ? '<' : '>'} (SELECT time, id FROM gatehouse.audit_log WHERE id = ${p}::bigint)`,
    query.afterId,
  );
  params.push(limit);
  const { rows } = await pool.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS}
     FROM gatehouse.audit_log
     ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
     ORDER BY time ${order}, id ${order} LIMIT $${params.length}`,
    params,
  );
  return rows.map(toRecord);
}

/** A row as the record that was written (absent fields are NULL columns), plus its id. */
export function toRecord(row: AuditRow): StoredAuditRecord {
  return {
    id: row.id,
    time: row.time.toISOString(),
    actor: row.actor,
    via: row.via,
    ...(row.client === null ? {} : { client: row.client }),
    server: row.server,
    kind: row.kind,
    name: row.name,
    version: row.version,
    ...(row.access === null ? {} : { access: row.access }),
    ...(row.target === null ? {} : { target: row.target }),
    ...(row.targets === null ? {} : { targets: row.targets }),
    decision: row.decision,
    outcome: row.outcome,
    ...(row.code === null ? {} : { code: row.code }),
    durationMs: row.duration_ms,
    ...(row.input_digest === null ? {} : { inputDigest: row.input_digest }),
    redactions: row.redactions,
    outputBytes: Number(row.output_bytes),
    ...(row.approval_id === null ? {} : { approvalId: row.approval_id }),
    ...(row.approver === null ? {} : { approver: row.approver }),
    ...(row.approval_channel === null ? {} : { approvalChannel: row.approval_channel }),
    ...(row.phase === null ? {} : { phase: row.phase }),
    ...(row.call_id === null ? {} : { callId: row.call_id }),
    ...(row.stream === null ? {} : { stream: row.stream }),
    ...(row.seq === null ? {} : { seq: Number(row.seq) }),
    ...(row.prev_hash === null ? {} : { prevHash: row.prev_hash }),
    ...(row.hash === null ? {} : { hash: row.hash }),
  };
}
