import { ToolError } from '@gatehouse/kit';
import type { Database } from './connections.ts';
import type { QueryResult, RunParams } from './read-only-query.ts';
import { planAndRun } from './read-only-query.ts';
import { ensureSafeRole } from './role-check.ts';
import { PROBE_CATALOG } from './sql-guard/index.ts';
import type { StatementPlan } from './statement-plan.ts';
import { schemaTarget, tableTarget } from './targets.ts';

export interface StatementCheckOptions {
  readonly allowExplainAnalyze?: boolean;
  /**
   * The caller's policy check of each relation reached, as `db:<database>/<schema>.<table>` (the tool handler's
   * `ctx.authorizeTarget`): a query is authorized on its database before it is parsed, so its tables are
   * checked here. Throws to refuse.
   */
  readonly authorizeTarget?: (target: string) => void;
}

const through = (via: string | undefined) => (via === undefined ? '' : ` through ${via}`);

/**
 * The caller-dependent checks of a plan: every relation the statement reaches — named, or through a view, a
 * function, a partition or an inheritance child — as `db:<database>/<schema>.<table>` against the caller's policy
 * (the database's allow/deny lists are part of it, as boundaries), and every metadata probe (a comment, a
 * definition, a size, an existence or privilege test) as the object it names, or as the catalog of all such
 * objects when its argument is computed. A refusal is the kit's: `forbidden`, audited with the target.
 */
export function authorizePlan(
  database: Database,
  plan: StatementPlan,
  authorizeTarget: ((target: string) => void) | undefined,
): void {
  for (const { probe, via } of plan.reach.probes) {
    // Another database of the server's cluster is not this server's to describe, whoever asks.
    if (probe.kind !== 'database' || probe.name === undefined) continue;
    if (probe.name.schema === undefined && probe.name.name === database.databaseName) continue;
    throw new ToolError(
      'sql_metadata_denied',
      `Refused: the query asks ${probe.via}${through(via)} about database ${probe.name.name}; only ${database.databaseName}, the database this server reads, may be asked about.`,
    );
  }
  if (authorizeTarget === undefined) return;
  for (const relation of plan.reach.relations) {
    authorizeTarget(tableTarget(database.name, relation.schema, relation.name));
  }
  const searchPath = database.config.searchPath;
  for (const { probe, resolvedSchema } of plan.reach.probes) {
    if (probe.kind === 'database' && probe.name !== undefined) continue;
    if (probe.name === undefined || probe.kind === 'database') {
      // A computed argument could name any object of its kind: the caller must be able to read their catalog.
      authorizeTarget(tableTarget(database.name, 'pg_catalog', PROBE_CATALOG[probe.kind]));
    } else if (probe.kind === 'schema') {
      authorizeTarget(schemaTarget(database.name, probe.name.name));
    } else {
      const schema = probe.name.schema ?? resolvedSchema ?? searchPath[0] ?? 'public';
      authorizeTarget(tableTarget(database.name, schema, probe.name.name));
    }
  }
}

/** The plan of a statement the caller may run: the guard, the statement's reach, and the caller's policy. */
export async function checkStatement(
  database: Database,
  sql: string,
  { allowExplainAnalyze = false, authorizeTarget }: StatementCheckOptions = {},
): Promise<StatementPlan> {
  const plan = await database.planner.plan(sql, { allowExplainAnalyze });
  authorizePlan(database, plan, authorizeTarget);
  return plan;
}

/**
 * Checks and runs a statement for a caller: planned (cached while the catalog does not change), authorized for
 * this caller, run; planned and authorized again should the catalog have changed in between. `inspect` sees the
 * plan first (to refuse a statement kind the tool does not run).
 */
export async function runForCaller(
  database: Database,
  sql: string,
  params: RunParams & { readonly allowExplainAnalyze?: boolean },
  authorizeTarget: ((target: string) => void) | undefined,
  inspect?: (plan: StatementPlan) => void,
): Promise<QueryResult> {
  await ensureSafeRole(database);
  return planAndRun(database.planner, database.pool, sql, params, (plan) => {
    inspect?.(plan);
    authorizePlan(database, plan, authorizeTarget);
  });
}
