import { ToolError } from '@gatehouse/kit';

/** Stable error codes for statements PostgreSQL itself stopped or rejected. */
export const SqlErrorCode = {
  Timeout: 'sql_timeout',
  LockTimeout: 'sql_lock_timeout',
  PermissionDenied: 'sql_permission_denied',
  ReadOnly: 'sql_read_only',
  Error: 'sql_error',
} as const;

const BY_SQLSTATE: Record<string, { code: string; prefix: string }> = {
  '57014': { code: SqlErrorCode.Timeout, prefix: 'The statement was stopped' },
  '25P03': { code: SqlErrorCode.Timeout, prefix: 'The transaction was idle too long' },
  '55P03': { code: SqlErrorCode.LockTimeout, prefix: 'A lock could not be taken in time' },
  '42501': {
    code: SqlErrorCode.PermissionDenied,
    prefix: "The database role's privileges do not allow this",
  },
  '25006': { code: SqlErrorCode.ReadOnly, prefix: 'The read-only transaction refused a write' },
};

/** PostgreSQL's error, as sent on the wire by the pg driver (`code` is the SQLSTATE). */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** What the caller can do about a stopped statement, naming the limit that stopped it. */
function advice(state: string, limits: ErrorContext | undefined): string {
  if (state === '57014' && limits) {
    return ` (statementTimeoutMs of this database is ${limits.statementTimeoutMs} ms). Narrow the statement: filter on an indexed column, add LIMIT, aggregate before joining, or check its plan with explain_query.`;
  }
  if (state === '55P03' && limits) {
    return ` (lockTimeoutMs of this database is ${limits.lockTimeoutMs} ms): another session holds a conflicting lock; try again later.`;
  }
  return '';
}

/** The limits a statement ran under, for messages that name them. */
export interface ErrorContext {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

/**
 * Turns a database error into a ToolError. The message is PostgreSQL's own primary message only: its
 * detail, hint, internal query and position can quote data or server internals, so they are left out.
 */
export function toSqlToolError(error: unknown, limits?: ErrorContext): ToolError {
  const state = sqlState(error);
  if (state === undefined) {
    return new ToolError(SqlErrorCode.Error, 'The query failed: the database connection was lost.', {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const known = BY_SQLSTATE[state];
  const code = known?.code ?? SqlErrorCode.Error;
  const prefix = known?.prefix ?? 'PostgreSQL rejected the query';
  return new ToolError(code, `${prefix}: ${message}${advice(state, limits)}`, {
    details: { sqlstate: state },
  });
}
