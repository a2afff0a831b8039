import { ErrorCode, isToolError, ToolError } from '@gatehouse/kit';
import type pg from 'pg';
import { type ColumnMask, type DescribedField, isMaskedField, type WireField } from './column-masks.ts';
import { socketOf } from './pg-cancel.ts';
import { toSqlToolError } from './pg-errors.ts';
import { FINGERPRINT_CHANGED, FINGERPRINT_CHECK_SQL, SNAPSHOT_CHECK_SQL } from './reach/fingerprint.ts';
import { buildPage, type ResultPage } from './result-page.ts';
import { type StatementPlan, StatementPlanner } from './statement-plan.ts';
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

/** One page of a result, column-wise (see ResultPage). */
export type QueryResult = ResultPage;

export interface RunParams {
  /** Rows to skip (the cursor of a previous truncated page: its offset + its rowCount). */
  readonly offset: number;
  readonly limits: ReadOnlyLimits;
  readonly signal?: AbortSignal;
}

/** Time the client waits past statement_timeout before it cuts the connection itself. */
const DEADLINE_MARGIN_MS = 1000;
/** The result may bring this many times maxBytes over the wire (plus 1 MiB) before the connection is cut. */
const WIRE_FACTOR = 4;

/** A schema name for search_path: as is when PostgreSQL would read it back unchanged, else quoted. */
function pathEntry(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
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

// The transaction around every statement, sent with it in one round trip (pg's pipeline mode): the server's
// own statements are prepared once per connection and only bound and executed after that.
const BEGIN = {
  name: 'gatehouse_begin',
  text: 'BEGIN TRANSACTION READ ONLY ISOLATION LEVEL REPEATABLE READ',
};
/** LOCAL settings (gone at ROLLBACK), given as parameters from `first` on. */
const settings = (first: number) =>
  `SELECT pg_catalog.set_config('statement_timeout', $${first}::text, true),
     pg_catalog.set_config('lock_timeout', $${first + 1}::text, true),
     pg_catalog.set_config('idle_in_transaction_session_timeout', $${first + 2}::text, true),
     pg_catalog.set_config('search_path', $${first + 3}::text, true), `;
/** The settings and the plan's check, in one statement: the snapshot comparison ($1), or the fingerprint ($1-$8). */
const SETUP = {
  compare: { name: 'gatehouse_compare', text: SNAPSHOT_CHECK_SQL.replace(/^SELECT /, settings(2)) },
  full: { name: 'gatehouse_setup', text: FINGERPRINT_CHECK_SQL.replace(/^SELECT /, settings(9)) },
} as const;
type CheckMode = keyof typeof SETUP;
const ROLLBACK = { name: 'gatehouse_rollback', text: 'ROLLBACK' };
/**
 * After the rollback, when the plan reaches a function trusted by configuration (the only kind that could do
 * what a transaction cannot undo): session advisory locks are released, and a prepared statement made by SQL
 * marks the connection for destruction.
 */
const CLEANUP = {
  name: 'gatehouse_cleanup',
  text: `SELECT pg_catalog.pg_advisory_unlock_all() IS NULL AS unlocked,
    (SELECT count(*) FROM pg_catalog.pg_prepared_statements WHERE from_sql)::int AS leftovers`,
};

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

/** The catalog changed since the plan was made: plan again (the statement did not run). */
export class StalePlan extends Error {
  constructor() {
    super('the statement plan is out of date');
    this.name = 'StalePlan';
  }
}

interface Pipelined {
  readonly setup: Promise<pg.QueryResult<{ snapshot: string }>>;
  readonly streamed: Promise<StreamedResult>;
  readonly rollback: Promise<unknown>;
  readonly cleanup: Promise<{ rows: { leftovers: number }[] }>;
}

const CLEAN = Promise.resolve({ rows: [{ leftovers: 0 }] });

/**
 * Writes the whole exchange at once: BEGIN, settings + fingerprint check, the statement, ROLLBACK, clean-up.
 * On a connection not in pipeline mode (a pool made elsewhere) each step waits for the one before.
 */
function pipeline(
  client: pg.PoolClient,
  plan: StatementPlan,
  statementText: { text: string; values: unknown[] },
  params: RunParams,
  mode: CheckMode,
): Pipelined {
  const { limits, signal } = params;
  const { text, values } = statementText;
  const searchPath = limits.searchPath.length > 0 ? limits.searchPath.map(pathEntry).join(', ') : "''";
  const check = mode === 'compare' ? [plan.checkedIn] : [...plan.fingerprintParameters, plan.fingerprint];
  const setupValues = [
    ...check,
    `${limits.statementTimeoutMs}ms`,
    `${limits.lockTimeoutMs}ms`,
    `${limits.idleInTransactionTimeoutMs}ms`,
    searchPath,
  ];
  const setupQuery = { ...SETUP[mode], values: setupValues };
  const statement = () =>
    streamStatement(client, text, values, {
      wireByteCap: limits.maxBytes * WIRE_FACTOR + 1024 * 1024,
      deadlineMs: limits.statementTimeoutMs + DEADLINE_MARGIN_MS,
      signal,
    });
  const cleanUp = () => (plan.opaque ? client.query<{ leftovers: number }>(CLEANUP) : CLEAN);
  let steps: [
    Promise<unknown>,
    Promise<pg.QueryResult<{ snapshot: string }>>,
    Promise<StreamedResult>,
    Promise<unknown>,
    Promise<{ rows: { leftovers: number }[] }>,
  ];
  if (client.pipeline) {
    // Corked, every message of the exchange leaves in one write instead of one per statement.
    const socket = socketOf(client);
    socket.cork();
    try {
      steps = [
        client.query(BEGIN),
        client.query<{ snapshot: string }>(setupQuery),
        statement(),
        client.query(ROLLBACK),
        cleanUp(),
      ];
    } finally {
      socket.uncork();
    }
  } else {
    const begin = client.query(BEGIN);
    const setup = begin.then(() => client.query<{ snapshot: string }>(setupQuery));
    const streamed = setup.then(statement);
    const rollback = Promise.allSettled([streamed]).then(() => client.query(ROLLBACK));
    const cleanup = rollback.then(cleanUp);
    steps = [begin, setup, streamed, rollback, cleanup];
  }
  // Every promise is looked at by the caller; none may reject unobserved meanwhile.
  for (const promise of steps) promise.catch(() => {});
  const [begin, setup, streamed, rollback, cleanup] = steps;
  return { setup: begin.then(() => setup), streamed, rollback, cleanup };
}

/**
 * One exchange with the database for a planned statement, checked by `mode`. 'moved': the snapshot comparison
 * failed (nothing ran); StalePlan: the fingerprint failed (nothing ran). A connection that saw a stop, a lost
 * connection, a failed statement or anything a rollback cannot undo is destroyed rather than returned to the pool.
 */
async function attempt(
  pool: pg.Pool,
  plan: StatementPlan,
  statement: { text: string; values: unknown[] },
  params: RunParams,
  mode: CheckMode,
): Promise<StreamedResult | 'moved'> {
  const { limits, signal } = params;
  const client = await checkOut(pool, signal);
  // A checked-out client has no error listener; a cut connection must not crash the process. The
  // listener stays on a destroyed client, which may still report its end.
  const ignore = () => {};
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    const steps = pipeline(client, plan, statement, params, mode);
    const [setup, result, rollback, cleanup] = await Promise.allSettled([
      steps.setup,
      steps.streamed,
      steps.rollback,
      steps.cleanup,
    ]);
    if (rollback.status === 'rejected') broken = new Error('rollback failed');
    else if (cleanup.status === 'rejected' || (cleanup.value.rows[0]?.leftovers ?? 0) > 0) {
      broken = new Error('session state left behind');
    }
    if (setup.status === 'rejected') {
      if ((setup.reason as { code?: string }).code === FINGERPRINT_CHANGED) {
        if (mode === 'compare') return 'moved';
        throw new StalePlan();
      }
      broken ??= setup.reason instanceof Error ? setup.reason : new Error(String(setup.reason));
      throw setup.reason;
    }
    const snapshot = setup.value.rows[0]?.snapshot ?? '';
    // The fingerprint holds in this snapshot: until the next commit anywhere, it needs no looking up.
    if (mode === 'compare') plan.clock.compared();
    plan.checkedIn = snapshot;
    plan.clock.saw(snapshot);
    if (result.status === 'rejected') {
      // Whatever failed, the connection is not trusted again: it is destroyed, not reused.
      broken ??= result.reason instanceof Error ? result.reason : new Error(String(result.reason));
      throw result.reason;
    }
    if (result.value.cut) broken ??= new Error('result cut off at the wire cap');
    return result.value;
  } catch (error) {
    if (error instanceof StalePlan) throw error;
    throw toToolError(error, limits, signal);
  } finally {
    if (broken === undefined) client.off('error', ignore);
    // release(error) destroys the connection: whatever state it is in, no other call will see it.
    client.release(broken ?? false);
  }
}

/**
 * Runs one planned read and returns one page of its result, in one round trip to the database (two when the
 * quick check finds that something committed since): the statement runs inside a READ ONLY transaction with
 * LOCAL timeouts and search_path, after a check that the catalog still matches the plan, and is always rolled
 * back.
 */
export async function runPlan(pool: pg.Pool, plan: StatementPlan, params: RunParams): Promise<QueryResult> {
  const { limits, offset } = params;
  checkLimits(limits, offset);
  const analysis = plan.analysis;
  // The newline before ')' keeps a trailing `-- comment` from swallowing the wrapper's closing parenthesis.
  const paged = analysis.kind === 'select' || analysis.kind === 'values' || analysis.kind === 'table';
  const statement = paged
    ? {
        text: `SELECT * FROM (\n${analysis.normalizedSql}\n) AS q OFFSET $1 LIMIT $2`,
        values: [offset, limits.maxRows + 1],
      }
    : { text: analysis.normalizedSql, values: [] };

  let streamed = await attempt(
    pool,
    plan,
    statement,
    params,
    plan.clock.mayCompare(plan.checkedIn) ? 'compare' : 'full',
  );
  if (streamed === 'moved') {
    // Something committed since the plan was last checked: the statement did not run; check it in full.
    plan.clock.moved();
    streamed = await attempt(pool, plan, statement, params, 'full');
    if (streamed === 'moved') throw new StalePlan();
  }

  if (streamed.cut && streamed.rows.length === 0) {
    throw new ToolError(
      'sql_result_too_large',
      `A single row is larger than the result may be (${limits.maxBytes} bytes); select fewer or shorter columns (e.g. left(col, 200)).`,
    );
  }
  const fields: DescribedField[] = streamed.fields.map((field: WireField) => ({
    name: field.name,
    masked: isMaskedField(field, plan.reach),
  }));
  // SHOW and EXPLAIN are not wrapped; their (few) lines are paged here.
  const rows = paged ? streamed.rows : streamed.rows.slice(offset, offset + limits.maxRows + 1);
  return buildPage(fields, rows, limits, streamed.cut);
}

/** Plans (from the cache when it can) and runs; a plan the catalog outdated is made again once. */
export async function planAndRun(
  planner: StatementPlanner,
  pool: pg.Pool,
  sql: string,
  params: RunParams & { readonly allowExplainAnalyze?: boolean },
  check?: (plan: StatementPlan) => void,
): Promise<QueryResult> {
  const options = { allowExplainAnalyze: params.allowExplainAnalyze ?? false };
  let plan = await planner.plan(sql, options);
  check?.(plan);
  try {
    return await runPlan(pool, plan, params);
  } catch (error) {
    if (!(error instanceof StalePlan)) throw error;
    planner.forget(plan);
    plan = await planner.plan(sql, options);
    check?.(plan);
    try {
      return await runPlan(pool, plan, params);
    } catch (again) {
      if (!(again instanceof StalePlan)) throw again;
      throw new ToolError(
        ErrorCode.Upstream,
        'The database schema changed while the query was being checked; try again.',
      );
    }
  }
}

export interface ReadOnlyQueryParams extends RunParams {
  readonly masks: readonly ColumnMask[];
  /** `schema.function` names trusted as reads although they cannot be looked into (see allowFunctions). */
  readonly allowFunctions?: readonly string[];
  /** Let EXPLAIN ANALYZE of a permitted read through (policy decides; default false). */
  readonly allowExplainAnalyze?: boolean;
}

const planners = new WeakMap<pg.Pool, Map<string, StatementPlanner>>();

/** A planner for a bare pool: the masks given, and the functions trusted by name. */
function plannerFor(
  pool: pg.Pool,
  searchPath: readonly string[],
  masks: readonly ColumnMask[],
  trusted: readonly string[],
): StatementPlanner {
  const key = JSON.stringify([searchPath, masks, trusted]);
  let byKey = planners.get(pool);
  if (!byKey) {
    byKey = new Map();
    planners.set(pool, byKey);
  }
  let planner = byKey.get(key);
  if (!planner) {
    const exact = new Set(masks.map((m) => `${m.schema}\u0000${m.table}\u0000${m.column}`));
    planner = new StatementPlanner(pool, {
      searchPath,
      covers: (c) => exact.has(`${c.schema}\u0000${c.table}\u0000${c.column}`),
      allowFunction: (schema, name) => trusted.includes(`${schema}.${name}`),
    });
    byKey.set(key, planner);
  }
  return planner;
}

/**
 * Runs one read-only statement given as text on a bare pool, with every check that does not depend on a caller:
 * the guard, the statement's reach (views, functions, partitions), masks, the READ ONLY transaction.
 */
export function runReadOnlyQuery(
  pool: pg.Pool,
  sql: string,
  params: ReadOnlyQueryParams,
): Promise<QueryResult> {
  const planner = plannerFor(pool, params.limits.searchPath, params.masks, params.allowFunctions ?? []);
  return planAndRun(planner, pool, sql, params);
}

function toToolError(error: unknown, limits: ReadOnlyLimits, signal: AbortSignal | undefined): ToolError {
  if (error instanceof StatementStopped) {
    if (error.reason === 'aborted') return cancelled();
    return new ToolError(
      'sql_timeout',
      `The statement did not finish within ${limits.statementTimeoutMs} ms (statementTimeoutMs of this database). ` +
        'Narrow it: filter on an indexed column, add LIMIT, aggregate before joining, or check its plan with explain_query.',
    );
  }
  if (signal?.aborted) return cancelled();
  if (isToolError(error)) return error;
  return toSqlToolError(error, limits);
}
