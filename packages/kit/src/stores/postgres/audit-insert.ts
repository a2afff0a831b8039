import type { Pool } from 'pg';
import type { AuditRecord } from '../../audit/record.ts';

/**
 * One multi-row INSERT for a batch of records: the batch travels as one JSON parameter and PostgreSQL unpacks it
 * (jsonb_to_recordset), so a batch of any size is one round trip with one parameter. Rows get ids in the batch's
 * order. A record already stored (same stream and seq: a batch retried after a commit whose answer was lost) is
 * skipped, so a retry never stores a record twice.
 */
const INSERT_SQL = `
INSERT INTO gatehouse.audit_log (time, actor, via, client, server, kind, name, version, access, target,
  targets, decision, outcome, code, duration_ms, input_digest, redactions, output_bytes, approval_id, approver,
  approval_channel, phase, call_id, stream, seq, prev_hash, hash)
SELECT r.time, r.actor, r.via, r.client, r.server, r.kind, r.name, r.version, r.access, r.target,
  r.targets, r.decision, r.outcome, r.code, r."durationMs", r."inputDigest", COALESCE(r.redactions, '{}'),
  r."outputBytes", r."approvalId", r.approver, r."approvalChannel", r.phase, r."callId", r.stream, r.seq,
  r."prevHash", r.hash
FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
  time timestamptz, actor text, via text, client text, server text, kind text, name text, version text,
  access text, target text, targets text[], decision text, outcome text, code text,
  "durationMs" double precision, "inputDigest" text, redactions jsonb, "outputBytes" bigint, "approvalId" text,
  approver text, "approvalChannel" text, phase text, "callId" text, stream text, seq bigint, "prevHash" text,
  hash text
)) WITH ORDINALITY AS r
ORDER BY r.ordinality
ON CONFLICT (stream, seq) DO NOTHING`;

export async function insertAuditRecords(pool: Pool, records: readonly AuditRecord[]): Promise<void> {
  await pool.query(INSERT_SQL, [JSON.stringify(records)]);
}

/**
 * Whether the database refused these records themselves (bad data, a violated constraint) rather than being
 * unreachable: retrying such a batch would fail forever, so its records are stored one by one instead.
 */
export function isRecordRejection(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
