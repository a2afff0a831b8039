import { ToolError } from '@gatehouse/kit';
import { resolveRelations } from './catalog.ts';
import type { ColumnMask } from './column-masks.ts';
import type { Database } from './connections.ts';
import { functionCatalogFor } from './function-catalog.ts';
import { toSqlToolError } from './pg-errors.ts';
import { checkReadOnlySql, type GuardVerdict } from './sql-guard/index.ts';
import { tableTarget } from './targets.ts';

export type AcceptedStatement = Extract<GuardVerdict, { ok: true }>;

/** Stable code of a query naming a relation outside the database's allow/deny lists. */
export const RELATION_DENIED = 'sql_relation_denied';

export interface StatementCheckOptions {
  readonly allowExplainAnalyze?: boolean;
  /**
   * The caller's policy check of each relation read, as `db:<database>/<schema>.<table>` (the tool handler's
   * `ctx.authorizeTarget`): a query is authorized on its database before it is parsed, so its tables are
   * checked here. Throws to refuse.
   */
  readonly authorizeTarget?: (target: string) => void;
}

/**
 * The tool-side checks before user SQL runs: the SQL guard's verdict (the same options runReadOnlyQuery
 * uses, so both agree), then every relation it names, resolved as PostgreSQL would, against the database's
 * allow/deny lists and the caller's policy. A refusal names the statement kind or the table and why.
 */
export async function checkStatement(
  database: Database,
  sql: string,
  masks: readonly ColumnMask[],
  { allowExplainAnalyze = false, authorizeTarget }: StatementCheckOptions = {},
): Promise<AcceptedStatement> {
  const catalog = await functionCatalogFor(database.pool);
  const searchPath = database.config.searchPath;
  const verdict = await checkReadOnlySql(sql, {
    allowExplainAnalyze,
    volatilityOf: (name, schema) => catalog.volatilityOf(name, schema, searchPath),
    maskedColumns: new Set(masks.map((m) => m.column.toLowerCase())),
  });
  // The guard's reason already reads "refused: ...".
  if (!verdict.ok) throw new ToolError(verdict.code, verdict.reason);
  if (verdict.relations.length === 0) return verdict;
  // A fixed catalog lookup, one round trip for every unqualified name (the common case), outside a transaction.
  const unqualified = verdict.relations.filter((r) => r.schema === undefined).map((r) => r.name);
  const resolved = await resolveRelations(database.pool, unqualified, searchPath).catch((error: unknown) => {
    throw toSqlToolError(error);
  });
  for (const relation of verdict.relations) {
    const schema = relation.schema ?? resolved.get(relation.name);
    // No such relation: a CTE name, or a table PostgreSQL will report as missing.
    if (schema === undefined) continue;
    const access = database.rules.relation(schema, relation.name);
    if (!access.allowed) {
      throw new ToolError(
        RELATION_DENIED,
        `Refused: the query reads ${schema}.${relation.name}, but ${access.reason}.`,
        {
          details: { relation: `${schema}.${relation.name}` },
        },
      );
    }
    authorizeTarget?.(tableTarget(database.name, schema, relation.name));
  }
  return verdict;
}
