import { ToolError } from '@gatehouse/kit';
import { readOnly, resolveRelation } from './catalog.ts';
import type { ColumnMask } from './column-masks.ts';
import type { Database } from './connections.ts';
import { functionCatalogFor } from './function-catalog.ts';
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
  if (!verdict.ok) throw new ToolError(verdict.code, `Refused: ${verdict.reason}`);
  if (verdict.relations.length === 0) return verdict;
  await readOnly(database.pool, async (client) => {
    for (const relation of verdict.relations) {
      const schema = relation.schema ?? (await resolveRelation(client, relation.name, searchPath));
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
  });
  return verdict;
}
