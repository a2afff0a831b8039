/**
 * A statement's plan: the guard's analysis of the SQL text and the statement's reach in the catalog (what it
 * really reads, what is masked), with the fingerprint that proves the reach is still current. Both are cached:
 * the analysis by text (it depends on nothing else), the plan until the fingerprint check that runs with every
 * use of it fails, i.e. until DDL changed something it was computed from.
 */
import { ToolError } from '@gatehouse/kit';
import type pg from 'pg';
import { readOnly } from './catalog.ts';
import { Lru } from './lru.ts';
import { toSqlToolError } from './pg-errors.ts';
import { CatalogClock } from './reach/catalog-clock.ts';
import { computeReach, type Reach, SYSTEM_SCHEMAS } from './reach/closure.ts';
import { FINGERPRINT_SQL, fingerprintParameters } from './reach/fingerprint.ts';
import { type FunctionTrust, reachRefusal } from './reach/reach-refusal.ts';
import {
  analyzeReadOnlySql,
  type GuardVerdict,
  maskedColumnRefusal,
  type StatementAnalysis,
} from './sql-guard/index.ts';
import type { ColumnRef } from './targets.ts';

export interface StatementPlan {
  /** The cache key: the SQL text and whether EXPLAIN ANALYZE was allowed. */
  readonly key: string;
  readonly analysis: StatementAnalysis;
  readonly reach: Reach;
  /** The fingerprint of what the reach was computed from, and the parameters that recompute it. */
  readonly fingerprint: string;
  readonly fingerprintParameters: readonly unknown[];
  /** The latest snapshot the fingerprint was found to hold in (see catalog-clock.ts). */
  checkedIn: string;
  /** The database's clock, shared by its plans. */
  readonly clock: CatalogClock;
  /** Whether it reaches a function trusted by configuration, which could leave session state behind. */
  readonly opaque: boolean;
}

export interface PlannerOptions extends FunctionTrust {
  readonly searchPath: readonly string[];
  /** Whether a mask rule covers a column. */
  readonly covers: (column: ColumnRef) => boolean;
}

/** Whether a relation as the statement names it may be one with masked columns (any reached one of that name). */
function relationMaskedIn(reach: Reach) {
  return (schema: string | undefined, name: string): boolean =>
    reach.relations.some(
      (r) =>
        r.name === name &&
        (schema === undefined || r.schema === schema) &&
        (reach.masked.get(r.oid)?.size ?? 0) > 0,
    );
}

const ANALYSES = 2_000;
const PLANS = 1_000;
/** Time allowed for the walk of the catalog behind one statement. */
const PLAN_TIMEOUT_MS = 10_000;

/** A refusal of user SQL: the guard's reasons already read "refused: ...". */
export function sqlRefusal(code: string, reason: string): ToolError {
  return new ToolError(code, reason.startsWith('refused: ') ? reason : `refused: ${reason}`);
}

export class StatementPlanner {
  readonly #pool: pg.Pool;
  readonly #options: PlannerOptions;
  readonly #analyses = new Lru<string, GuardVerdict>(ANALYSES);
  readonly #plans = new Lru<string, StatementPlan>(PLANS);
  readonly #clock = new CatalogClock();
  #role: Promise<string> | undefined;

  constructor(pool: pg.Pool, options: PlannerOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  /** The guard's verdict on a text, parsed once (it depends on nothing but the text). */
  async analyze(sql: string, allowExplainAnalyze: boolean): Promise<StatementAnalysis> {
    const key = `${allowExplainAnalyze ? 'a' : '-'}${sql}`;
    let verdict = this.#analyses.get(key);
    if (verdict === undefined) {
      verdict = await analyzeReadOnlySql(sql, { allowExplainAnalyze });
      this.#analyses.set(key, verdict);
    }
    if (!verdict.ok) throw sqlRefusal(verdict.code, verdict.reason);
    return verdict;
  }

  /** The plan of a read statement, or the refusal that says why it may not run. */
  async plan(sql: string, { allowExplainAnalyze = false } = {}): Promise<StatementPlan> {
    const key = `${allowExplainAnalyze ? 'a' : '-'}${sql}`;
    const cached = this.#plans.get(key);
    if (cached) return cached;
    const analysis = await this.analyze(sql, allowExplainAnalyze);
    const plan = await this.#walk(key, analysis);
    const refusal = reachRefusal(plan.reach, this.#options);
    if (refusal) throw sqlRefusal(refusal.code, refusal.reason);
    const masking = maskedColumnRefusal(analysis.read, plan.reach.maskedNames, relationMaskedIn(plan.reach));
    if (masking) throw sqlRefusal(masking.code, masking.reason);
    this.#plans.set(key, plan);
    return plan;
  }

  /** Drops a plan whose fingerprint no longer matches the catalog; the next `plan` walks the catalog again. */
  forget(plan: StatementPlan): void {
    if (this.#plans.get(plan.key) === plan) this.#plans.delete(plan.key);
  }

  #roleName(client: pg.ClientBase): Promise<string> {
    this.#role ??= client.query<{ role: string }>('SELECT current_user AS role').then(
      (result) => result.rows[0]?.role ?? '',
      (error: unknown) => {
        this.#role = undefined;
        throw error;
      },
    );
    return this.#role;
  }

  async #walk(key: string, analysis: StatementAnalysis): Promise<StatementPlan> {
    const result = await readOnly(
      this.#pool,
      async (client) => {
        const role = await this.#roleName(client);
        const reached = await computeReach(client, analysis, { ...this.#options, role });
        if (!reached.ok) return reached;
        const parameters = fingerprintParameters(reached.reach.fingerprint);
        const { rows } = await client.query<{ fingerprint: string; snapshot: string }>(
          FINGERPRINT_SQL,
          parameters,
        );
        return {
          ...reached,
          fingerprint: rows[0]?.fingerprint ?? '',
          snapshot: rows[0]?.snapshot ?? '',
          parameters,
        };
      },
      PLAN_TIMEOUT_MS,
      { repeatableRead: true },
    ).catch((error: unknown) => {
      throw error instanceof ToolError ? error : toSqlToolError(error);
    });
    if (!result.ok) throw sqlRefusal(result.code, result.reason);
    return {
      key,
      analysis,
      reach: result.reach,
      fingerprint: result.fingerprint,
      fingerprintParameters: result.parameters,
      checkedIn: result.snapshot,
      clock: this.#clock,
      opaque: result.reach.functions.some(
        (fn) =>
          !SYSTEM_SCHEMAS.has(fn.schema) &&
          fn.language !== 'sql' &&
          this.#options.allowFunction(fn.schema, fn.name),
      ),
    };
  }
}
