import { ToolError } from '@gatehouse/kit';
import type { Database } from './connections.ts';
import type { QueryResult, RunParams } from './read-only-query.ts';
import { planAndRun } from './read-only-query.ts';
import { ensureSafeRole } from './role-check.ts';
import { PROBE_CATALOG } from './sql-guard/index.ts';
import type { StatementPlan } from './statement-plan.ts';
import { isSystemSchema, schemaTarget, tableTarget } from './targets.ts';

/** Stable code of a query reaching a relation outside the database's allow/deny lists. */
export const RELATION_DENIED = 'sql_relation_denied';

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

function denied(what: string, reason: string, relation: string): ToolError {
  return new ToolError(RELATION_DENIED, `Refused: the query ${what}, but ${reason}.`, {
    details: { relation },
  });
}

/** One object the statement reads or probes: the database's lists first, then the caller's policy. */
function checkObject(
  database: Database,
  schema: string,
  name: string,
  what: string,
  authorizeTarget: ((target: string) => void) | undefined,
): void {
  const access = database.rules.relation(schema, name);
  if (!access.allowed) throw denied(what, access.reason, `${schema}.${name}`);
  authorizeTarget?.(tableTarget(database.name, schema, name));
}

/**
 * The caller-dependent checks of a plan: every relation the statement reaches — named, or through a view, a
 * function, a partition or an inheritance child — against the database's allow/deny lists and the caller's
 * policy, and every metadata probe (a comment, a definition, a size, an existence or privilege test) against the
 * same rules for the object it names, or for the catalog of all such objects when its argument is computed.
 */
export function authorizePlan(
  database: Database,
  plan: StatementPlan,
  authorizeTarget: ((target: string) => void) | undefined,
): void {
  for (const relation of plan.reach.relations) {
    const what = `reads ${relation.schema}.${relation.name}${through(relation.via)}`;
    checkObject(database, relation.schema, relation.name, what, authorizeTarget);
  }
  const searchPath = database.config.searchPath;
  for (const { probe, via, resolvedSchema } of plan.reach.probes) {
    const where = `${probe.via}${through(via)}`;
    if (probe.kind === 'database') {
      if (
        probe.name !== undefined &&
        probe.name.schema === undefined &&
        probe.name.name === database.databaseName
      ) {
        continue;
      }
      if (probe.name !== undefined) {
        throw new ToolError(
          'sql_metadata_denied',
          `Refused: the query asks ${where} about database ${probe.name.name}; only ${database.databaseName}, the database this server reads, may be asked about.`,
        );
      }
    }
    if (probe.name === undefined || probe.kind === 'database') {
      const catalog = PROBE_CATALOG[probe.kind];
      checkObject(
        database,
        'pg_catalog',
        catalog,
        `asks ${where} about an object it computes, which could be any in pg_catalog.${catalog}`,
        authorizeTarget,
      );
      continue;
    }
    if (probe.kind === 'schema') {
      const schema = probe.name.name;
      const access = isSystemSchema(schema)
        ? database.rules.relation(schema, '*')
        : database.rules.schema(schema);
      if (!access.allowed) throw denied(`asks ${where} about schema ${schema}`, access.reason, schema);
      authorizeTarget?.(schemaTarget(database.name, schema));
      continue;
    }
    const schema = probe.name.schema ?? resolvedSchema ?? searchPath[0] ?? 'public';
    checkObject(
      database,
      schema,
      probe.name.name,
      `asks ${where} about ${schema}.${probe.name.name}`,
      authorizeTarget,
    );
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
