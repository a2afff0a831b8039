import type { Pool } from 'pg';
import type { VerifyInput } from '../../audit/verify.ts';
import { AUDIT_COLUMNS, type AuditRow, toRecord } from './audit-query.ts';

const PAGE = 5000;

/**
 * Every record of the audit table, for `AuditVerifier`: first the unchained ones by id (legacy up to the id
 * migration 0004 recorded, anything later is not), then each stream in seq order (ties by id), page by page.
 */
export async function* auditRecordsToVerify(pool: Pool): AsyncGenerator<VerifyInput> {
  const start = await pool.query<{ last_legacy_id: string }>(
    'SELECT last_legacy_id::text FROM gatehouse.audit_chain_start ORDER BY started_at LIMIT 1',
  );
  const lastLegacyId = BigInt(start.rows[0]?.last_legacy_id ?? '0');
  let afterId = '0';
  for (;;) {
    const { rows } = await pool.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM gatehouse.audit_log WHERE stream IS NULL AND id > $1::bigint
       ORDER BY id LIMIT ${PAGE}`,
      [afterId],
    );
    for (const row of rows) yield { ...input(row), legacy: BigInt(row.id) <= lastLegacyId };
    if (rows.length < PAGE) break;
    afterId = (rows.at(-1) as AuditRow).id;
  }
  let after: [string, string, string] | undefined;
  for (;;) {
    const { rows } = await pool.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM gatehouse.audit_log
       WHERE stream IS NOT NULL ${after ? 'AND (stream, seq, id) > ($1, $2::bigint, $3::bigint)' : ''}
       ORDER BY stream, seq, id LIMIT ${PAGE}`,
      after ?? [],
    );
    for (const row of rows) yield input(row);
    if (rows.length < PAGE) break;
    const last = rows.at(-1) as AuditRow;
    after = [last.stream as string, last.seq as string, last.id];
  }
}

/** The record as written (its id is where it is stored, not part of what was hashed). */
function input(row: AuditRow): VerifyInput {
  const { id: _id, ...record } = toRecord(row);
  return { record, at: `id ${row.id}`, position: Number(row.id) };
}
