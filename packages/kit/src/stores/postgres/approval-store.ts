import type { Pool } from 'pg';
import {
  type ApprovalRecord,
  type ApprovalStore,
  approvalUnusableReason,
  bindingMismatch,
  checkApprovalTtl,
  type DecisionChannel,
  newApprovalId,
} from '../../approvals/store.ts';
import { ErrorCode, ToolError } from '../../errors.ts';

interface ApprovalRow {
  id: string;
  actor: string;
  server: string;
  tool: string;
  input_digest: string;
  target: string;
  summary: string;
  status: 'pending' | 'granted' | 'denied' | 'used';
  created_at: Date;
  expires_at: Date;
  decided_by: string | null;
  decided_via: DecisionChannel | null;
  decided_at: Date | null;
  reason: string | null;
}

const COLUMNS =
  'id, actor, server, tool, input_digest, target, summary, status, created_at, expires_at, decided_by, decided_via, decided_at, reason';
const TABLE = 'gatehouse.approvals';

/**
 * Approvals in PostgreSQL, shared by every replica. Each state change is one conditional UPDATE (`WHERE status =
 * ...`), so two replicas can never both grant, deny or consume the same record: the loser's UPDATE matches no
 * row and is told why from the record as it now stands. Expiry is computed against the clock given (`now`,
 * default the process clock), as in the memory store. Finished records are kept: they are part of the history.
 */
export function createPostgresApprovalStore(pool: Pool, options: { now?: () => number } = {}): ApprovalStore {
  const clock = options.now ?? Date.now;

  const view = (row: ApprovalRow, now: number): ApprovalRecord => ({
    id: row.id,
    actor: row.actor,
    server: row.server,
    tool: row.tool,
    inputDigest: row.input_digest,
    target: row.target,
    summary: row.summary,
    status:
      (row.status === 'pending' || row.status === 'granted') && now >= row.expires_at.getTime()
        ? 'expired'
        : row.status,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    ...(row.decided_by === null ? {} : { decidedBy: row.decided_by }),
    ...(row.decided_via === null ? {} : { decidedVia: row.decided_via }),
    ...(row.decided_at === null ? {} : { decidedAt: row.decided_at.toISOString() }),
    ...(row.reason === null ? {} : { reason: row.reason }),
  });

  const fetch = async (id: string): Promise<ApprovalRow | undefined> =>
    (await pool.query<ApprovalRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE id = $1`, [id])).rows[0];

  const find = async (id: string): Promise<ApprovalRow> => {
    const row = await fetch(id);
    if (row === undefined) throw invalid(`approval ${id} does not exist (or has been purged)`);
    return row;
  };

  /** After a conditional UPDATE matched nothing: the reason, from the record as it is now. */
  const explain = async (id: string, now: number, wanted: 'pending' | 'granted'): Promise<never> => {
    const record = view(await find(id), now);
    throw invalid(
      approvalUnusableReason(record, wanted) ??
        `approval ${id} changed while this request was deciding it; try again`,
    );
  };

  return {
    async create(request) {
      checkApprovalTtl(request.ttlSeconds);
      const now = clock();
      const { rows } = await pool.query<ApprovalRow>(
        `INSERT INTO ${TABLE} (id, actor, server, tool, input_digest, target, summary, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING ${COLUMNS}`,
        [
          newApprovalId(),
          request.actor,
          request.server,
          request.tool,
          request.inputDigest,
          request.target,
          request.summary,
          new Date(now),
          new Date(now + request.ttlSeconds * 1000),
        ],
      );
      return view(rows[0] as ApprovalRow, now);
    },

    async get(id) {
      const row = await fetch(id);
      return row === undefined ? undefined : view(row, clock());
    },

    async list(filter = {}) {
      const now = new Date(clock());
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (filter.actor !== undefined) {
        params.push(filter.actor);
        conditions.push(`actor = $${params.length}`);
      }
      // Pending and granted requests turn expired with time, so those filters compare with the clock; the
      // decided statuses do not, and PostgreSQL refuses a parameter that no condition uses.
      const at = () => {
        params.push(now);
        return `$${params.length}`;
      };
      if (filter.status === 'expired') {
        conditions.push(`status IN ('pending', 'granted') AND expires_at <= ${at()}`);
      } else if (filter.status === 'pending' || filter.status === 'granted') {
        const expiresAfter = at();
        params.push(filter.status);
        conditions.push(`status = $${params.length} AND expires_at > ${expiresAfter}`);
      } else if (filter.status !== undefined) {
        params.push(filter.status);
        conditions.push(`status = $${params.length}`);
      }
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const { rows } = await pool.query<ApprovalRow>(
        `SELECT ${COLUMNS} FROM ${TABLE} ${where} ORDER BY seq`,
        params,
      );
      return rows.map((row) => view(row, now.getTime()));
    },

    async current(binding, now = clock()) {
      // Newest first; the (actor, seq) index narrows it to this actor's requests.
      const { rows } = await pool.query<ApprovalRow>(
        `SELECT ${COLUMNS} FROM ${TABLE}
         WHERE actor = $1 AND server = $2 AND tool = $3 AND input_digest = $4
           AND status IN ('pending', 'denied') AND expires_at > $5
         ORDER BY seq DESC LIMIT 1`,
        [binding.actor, binding.server, binding.tool, binding.inputDigest, new Date(now)],
      );
      return rows[0] === undefined ? undefined : view(rows[0], now);
    },

    async grant(id, decider) {
      const now = clock();
      const { rows } = await pool.query<ApprovalRow>(
        `UPDATE ${TABLE} SET status = 'granted', decided_by = $2, decided_via = $4, decided_at = $3
         WHERE id = $1 AND status = 'pending' AND expires_at > $3 RETURNING ${COLUMNS}`,
        [id, decider.by, new Date(now), decider.via],
      );
      return rows[0] === undefined ? explain(id, now, 'pending') : view(rows[0], now);
    },

    async deny(id, decider, reason) {
      const now = clock();
      const { rows } = await pool.query<ApprovalRow>(
        `UPDATE ${TABLE} SET status = 'denied', decided_by = $2, decided_via = $5, decided_at = $3, reason = $4
         WHERE id = $1 AND status IN ('pending', 'granted') AND expires_at > $3 RETURNING ${COLUMNS}`,
        [id, decider.by, new Date(now), reason ?? null, decider.via],
      );
      return rows[0] === undefined ? explain(id, now, 'pending') : view(rows[0], now);
    },

    async consume(binding, now = clock()) {
      const at = new Date(now);
      if (binding.id === undefined) {
        // The oldest matching grant; SKIP LOCKED lets concurrent consumers take different grants instead of
        // queueing on one, and the outer WHERE re-checks the status so a grant is only ever used once.
        const { rows } = await pool.query<ApprovalRow>(
          `UPDATE ${TABLE} SET status = 'used', consumed_at = $5
           WHERE id = (
             SELECT id FROM ${TABLE}
             WHERE actor = $1 AND server = $2 AND tool = $3 AND input_digest = $4
               AND status = 'granted' AND consumed_at IS NULL AND expires_at > $5
             ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED
           ) AND status = 'granted' AND consumed_at IS NULL
           RETURNING ${COLUMNS}`,
          [binding.actor, binding.server, binding.tool, binding.inputDigest, at],
        );
        return rows[0] === undefined ? undefined : view(rows[0], now);
      }
      const current = await find(binding.id);
      const mismatch = bindingMismatch(view(current, now), binding);
      if (mismatch !== undefined) throw invalid(mismatch);
      const { rows } = await pool.query<ApprovalRow>(
        `UPDATE ${TABLE} SET status = 'used', consumed_at = $2
         WHERE id = $1 AND status = 'granted' AND consumed_at IS NULL AND expires_at > $2
         RETURNING ${COLUMNS}`,
        [binding.id, at],
      );
      return rows[0] === undefined ? explain(binding.id, now, 'granted') : view(rows[0], now);
    },
  };
}

function invalid(message: string): ToolError {
  return new ToolError(ErrorCode.ApprovalInvalid, message);
}
