import { ErrorCode, ToolError } from '@gatehouse/kit';
import { readOnly } from '../catalog.ts';
import type { Database } from '../connections.ts';
import { type ExplainDocument, type PlanNode, type PlanSummary, summarizePlan } from '../plan-summary.ts';
import { checkStatement, runForCaller } from '../statement-check.ts';

const PLAN_BYTES = 4 * 1024 * 1024;

function relationNames(node: PlanNode, into: Set<string>): Set<string> {
  if (node['Relation Name']) into.add(node['Relation Name']);
  for (const child of node.Plans ?? []) relationNames(child, into);
  return into;
}

/**
 * EXPLAIN (FORMAT JSON) of one permitted read, through the same checks and runner as `query`, summarised;
 * with the relations the statement reaches (resolved). `authorizeTarget` is the caller's policy check of each
 * relation (see checkStatement).
 */
export async function explainStatement(
  db: Database,
  sql: string,
  analyze: boolean,
  signal?: AbortSignal,
  authorizeTarget?: (target: string) => void,
): Promise<{ summary: PlanSummary; relations: readonly { schema: string; name: string }[] }> {
  if (analyze && !db.config.allowExplainAnalyze) {
    throw new ToolError(
      'sql_explain_analyze',
      `Refused: analyze runs the statement, and database ${db.name} does not allow it (allowExplainAnalyze is false). Call without analyze.`,
    );
  }
  const checked = await checkStatement(db, sql, authorizeTarget ? { authorizeTarget } : {});
  const statement = checked.analysis;
  if (statement.kind === 'explain' || statement.kind === 'show') {
    throw new ToolError(
      ErrorCode.InvalidInput,
      statement.kind === 'show' ? 'SHOW has no plan.' : 'Pass the statement itself, without EXPLAIN.',
    );
  }
  const options = analyze ? 'FORMAT JSON, ANALYZE, BUFFERS' : 'FORMAT JSON';
  const result = await runForCaller(
    db,
    `EXPLAIN (${options}) ${statement.normalizedSql}`,
    {
      offset: 0,
      limits: { ...db.limits, maxRows: 1, maxBytes: Math.max(db.config.maxBytes, PLAN_BYTES) },
      allowExplainAnalyze: analyze,
      ...(signal ? { signal } : {}),
    },
    authorizeTarget,
  );
  const cell = result.rows[0]?.[0];
  const parsed: unknown = typeof cell === 'string' ? JSON.parse(cell) : cell;
  const document = (Array.isArray(parsed) ? parsed[0] : parsed) as ExplainDocument | undefined;
  if (!document?.Plan) throw new ToolError(ErrorCode.Upstream, 'PostgreSQL returned no plan.');

  const names = [...relationNames(document.Plan, new Set())];
  const estimates = await readOnly(db.pool, async (client) => {
    const { rows } = await client.query<{ name: string; rows: number }>(
      `SELECT c.relname AS name, max(c.reltuples)::float8 AS rows FROM pg_catalog.pg_class c
       WHERE c.relname = ANY($1::text[]) GROUP BY c.relname`,
      [names],
    );
    return new Map(rows.map((r) => [r.name, r.rows]));
  });
  return {
    summary: summarizePlan(document, (relation) => estimates.get(relation)),
    relations: checked.reach.relations,
  };
}
