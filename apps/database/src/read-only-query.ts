import { ErrorCode, isToolError, ToolError } from '@gatehouse/kit';
import type pg from 'pg';
import { type ColumnMask, type DescribedField, describeFields } from './column-masks.ts';
import { functionCatalogFor } from './function-catalog.ts';
import { toSqlToolError } from './pg-errors.ts';
import { buildPage, type Truncation } from './result-page.ts';
import { checkReadOnlySql } from './sql-guard/index.ts';
import { StatementStopped, type StreamedResult, streamStatement } from './statement-stream.ts';

export type { ColumnMask } from './column-masks.ts';

export interface ReadOnlyLimits {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  readonly maxRows: number;
  readonly maxBytes: number;
  readonly searchPath: readonly string[];
}

export interface QueryResult {
  readonly columns: readonly { name: string; type: string }[];
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
  readonly truncated: Truncation;
  /** Output column names whose values were masked. */
  readonly masked: readonly string[];
  readonly durationMs: number;
}

export interface ReadOnlyQueryParams {
  /** Rows to skip (the cursor of a previous truncated page: its offset + its rowCount). */
  readonly offset: number;
  readonly limits: ReadOnlyLimits;
  readonly masks: readonly ColumnMask[];
  readonly signal?: AbortSignal;
  /** Let EXPLAIN ANALYZE of a permitted read through (policy decides; default false). */
  readonly allowExplainAnalyze?: boolean;
}

/** Time the client waits past statement_timeout before it cuts the connection itself. */
const DEADLINE_MARGIN_MS = 1000;
/** The result may bring this many times maxBytes over the wire (plus 1 MiB) before the connection is cut. */
const WIRE_FACTOR = 4;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function checkLimits(limits: ReadOnlyLimits, offset: number): void {
  const counts = {
    statementTimeoutMs: limits.statementTimeoutMs,
    lockTimeoutMs: limits.lockTimeoutMs,
    idleInTransactionTimeoutMs: limits.idleInTransactionTimeoutMs,
    maxRows: limits.maxRows,
    maxBytes: limits.maxBytes,
    offset,
  };
  for (const [name, value] of Object.entries(counts)) {
    // Timeouts of 0 would mean "no timeout" to PostgreSQL; every count here must be a positive integer.
    const minimum = name === 'offset' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new ToolError(ErrorCode.InvalidInput, `${name} must be an integer >= ${minimum}, got ${value}`);
    }
  }
}

/** One round trip: the transaction and its LOCAL settings, all gone at ROLLBACK. Values are checked integers. */
function beginSql(limits: ReadOnlyLimits): string {
  const searchPath = limits.searchPath.length > 0 ? limits.searchPath.map(quoteIdentifier).join(', ') : "''";
  return [
    'BEGIN TRANSACTION READ ONLY ISOLATION LEVEL REPEATABLE READ',
    `SET LOCAL statement_timeout = ${limits.statementTimeoutMs}`,
    `SET LOCAL lock_timeout = ${limits.lockTimeoutMs}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${limits.idleInTransactionTimeoutMs}`,
    `SET LOCAL search_path = ${searchPath}`,
  ].join('; ');
}

function cancelled(): ToolError {
  return new ToolError(
    ErrorCode.Cancelled,
    'The query was cancelled by the caller; it was stopped in the database.',
  );
}

/** A pooled client, or a cancellation as soon as the caller aborts while the pool is busy. */
function checkOut(pool: pg.Pool, signal: AbortSignal | undefined): Promise<pg.PoolClient> {
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    pool.connect().then(
      (client) => {
        signal?.removeEventListener('abort', onAbort);
        // Arrived after the caller gave up: hand it straight back, unused.
        if (signal?.aborted) client.release();
        else resolve(client);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        const message = error instanceof Error ? error.message : String(error);
        reject(
          new ToolError(ErrorCode.UpstreamUnavailable, `Could not connect to the database: ${message}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/**
 * Runs one read-only statement and returns one page of its result. Defence in depth: the SQL guard checks
 * the statement again here (so nothing reaches the database unchecked), it runs inside a READ ONLY
 * transaction with LOCAL timeouts and search_path that is always rolled back, and a connection that saw
 * any error, abort or timeout is destroyed rather than returned to the pool.
 */
export async function runReadOnlyQuery(
  pool: pg.Pool,
  sql: string,
  params: ReadOnlyQueryParams,
): Promise<QueryResult> {
  const started = performance.now();
  const { limits, masks, offset, signal } = params;
  checkLimits(limits, offset);
  const catalog = await functionCatalogFor(pool);
  const verdict = await checkReadOnlySql(sql, {
    allowExplainAnalyze: params.allowExplainAnalyze ?? false,
    volatilityOf: (name, schema) => catalog.volatilityOf(name, schema, limits.searchPath),
    // Every masked column name of this database, whatever table the query names: stricter than needed
    // when two tables share a column name, never weaker.
    maskedColumns: new Set(masks.map((m) => m.column.toLowerCase())),
  });
  if (!verdict.ok) throw new ToolError(verdict.code, verdict.reason);

  // The newline before ')' keeps a trailing `-- comment` from swallowing the wrapper's closing parenthesis.
  const paged = verdict.kind === 'select' || verdict.kind === 'values' || verdict.kind === 'table';
  const text = paged
    ? `SELECT * FROM (\n${verdict.normalizedSql}\n) AS q OFFSET $1 LIMIT $2`
    : verdict.normalizedSql;
  const values = paged ? [offset, limits.maxRows + 1] : [];

  const client = await checkOut(pool, signal);
  // A checked-out client has no error listener; a cut connection must not crash the process. The
  // listener stays on a destroyed client, which may still report its end.
  const ignore = () => {};
  client.on('error', ignore);
  let failure: Error | undefined;
  let streamed: StreamedResult;
  let fields: DescribedField[] | undefined;
  try {
    await client.query(beginSql(limits));
    streamed = await streamStatement(client, text, values, {
      wireByteCap: limits.maxBytes * WIRE_FACTOR + 1024 * 1024,
      deadlineMs: limits.statementTimeoutMs + DEADLINE_MARGIN_MS,
      signal,
    });
    if (streamed.cut) {
      failure = new Error('result cut off at the wire cap');
    } else {
      fields = await describeFields(client, streamed.fields, masks);
      await client.query('ROLLBACK');
      // Everything was LOCAL and rolled back; this also drops what a transaction cannot undo
      // (session advisory locks, prepared statements, LISTEN) should anything have slipped through.
      await client.query('DISCARD ALL');
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw toToolError(error, limits, signal);
  } finally {
    if (failure === undefined) client.off('error', ignore);
    // release(error) destroys the connection: whatever state it is in, no other call will see it.
    client.release(failure ?? false);
  }

  if (fields === undefined) {
    if (streamed.rows.length === 0) {
      throw new ToolError(
        'sql_result_too_large',
        `A single row is larger than the result may be (${limits.maxBytes} bytes); select fewer or shorter columns (e.g. left(col, 200)).`,
      );
    }
    // The statement's connection is gone; the field lookup only reads the catalog.
    fields = await describeFields(pool, streamed.fields, masks).catch((error: unknown) => {
      throw toToolError(error, limits, signal);
    });
  }
  // SHOW and EXPLAIN are not wrapped; their (few) lines are paged here.
  const rows = paged ? streamed.rows : streamed.rows.slice(offset, offset + limits.maxRows + 1);
  const page = buildPage(fields, rows, limits, streamed.cut);
  return { ...page, rowCount: page.rows.length, durationMs: Math.round(performance.now() - started) };
}

function toToolError(error: unknown, limits: ReadOnlyLimits, signal: AbortSignal | undefined): ToolError {
  if (error instanceof StatementStopped) {
    if (error.reason === 'aborted') return cancelled();
    return new ToolError(
      'sql_timeout',
      `The statement did not finish within ${limits.statementTimeoutMs} ms.`,
    );
  }
  if (signal?.aborted) return cancelled();
  if (isToolError(error)) return error;
  return toSqlToolError(error);
}
