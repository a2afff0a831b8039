/** A node of PostgreSQL's `EXPLAIN (FORMAT JSON)` output (the keys used here). */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Schema?: string;
  readonly 'Index Name'?: string;
  readonly 'Join Type'?: string;
  readonly 'Total Cost'?: number;
  readonly 'Plan Rows'?: number;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Actual Total Time'?: number;
  readonly 'Sort Space Type'?: string;
  readonly Plans?: readonly PlanNode[];
  readonly [key: string]: unknown;
}

export interface ExplainDocument {
  readonly Plan: PlanNode;
  readonly 'Planning Time'?: number;
  readonly 'Execution Time'?: number;
}

export interface PlanNodeSummary {
  depth: number;
  node: string;
  estimatedRows: number;
  totalCost: number;
  actualRows?: number;
  actualTimeMs?: number;
  condition?: string;
}

export interface PlanSummary {
  totalCost: number;
  estimatedRows: number;
  planningTimeMs?: number;
  executionTimeMs?: number;
  nodes: PlanNodeSummary[];
  nodeCount: number;
  warnings: string[];
}

/** Rows of a table at and above which a sequential scan deserves a word. */
export const BIG_TABLE_ROWS = 10_000;
const MAX_NODES = 15;
const CONDITIONS = [
  'Index Cond',
  'Hash Cond',
  'Merge Cond',
  'Join Filter',
  'Filter',
  'Recheck Cond',
  'Sort Key',
];

function label(node: PlanNode): string {
  const parts = [node['Node Type']];
  if (node['Join Type'] && node['Node Type'].includes('Join')) parts[0] = `${node['Join Type']} ${parts[0]}`;
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Relation Name']) {
    parts.push(`on ${node.Schema ? `${node.Schema}.` : ''}${node['Relation Name']}`);
  }
  return parts.join(' ');
}

function conditionOf(node: PlanNode): string | undefined {
  for (const key of CONDITIONS) {
    const value = node[key];
    if (typeof value === 'string') return `${key}: ${value}`;
    if (Array.isArray(value)) return `${key}: ${value.join(', ')}`;
  }
  return undefined;
}

/**
 * The plan in the shape people act on: the top nodes with estimates (and actuals under ANALYZE), and warnings
 * for what usually makes a query slow. `tableRows` gives a relation's row estimate from the catalog.
 */
export function summarizePlan(
  document: ExplainDocument,
  tableRows: (relation: string, schema: string | undefined) => number | undefined,
): PlanSummary {
  const nodes: PlanNodeSummary[] = [];
  const warnings: string[] = [];
  let nodeCount = 0;
  const visit = (node: PlanNode, depth: number) => {
    nodeCount++;
    const summary: PlanNodeSummary = {
      depth,
      node: label(node),
      estimatedRows: node['Plan Rows'] ?? 0,
      totalCost: node['Total Cost'] ?? 0,
    };
    const condition = conditionOf(node);
    if (condition) summary.condition = condition;
    if (node['Actual Rows'] !== undefined) {
      summary.actualRows = node['Actual Rows'];
      summary.actualTimeMs = node['Actual Total Time'] ?? 0;
    }
    if (nodes.length < MAX_NODES) nodes.push(summary);
    warningsFor(node, summary, tableRows, warnings);
    for (const child of node.Plans ?? []) visit(child, depth + 1);
  };
  visit(document.Plan, 0);
  return {
    totalCost: document.Plan['Total Cost'] ?? 0,
    estimatedRows: document.Plan['Plan Rows'] ?? 0,
    ...(document['Planning Time'] !== undefined ? { planningTimeMs: document['Planning Time'] } : {}),
    ...(document['Execution Time'] !== undefined ? { executionTimeMs: document['Execution Time'] } : {}),
    nodes,
    nodeCount,
    warnings,
  };
}

function warningsFor(
  node: PlanNode,
  summary: PlanNodeSummary,
  tableRows: (relation: string, schema: string | undefined) => number | undefined,
  warnings: string[],
): void {
  const relation = node['Relation Name'];
  if (node['Node Type'] === 'Seq Scan' && relation) {
    const rows = tableRows(relation, node.Schema);
    if (rows !== undefined && rows >= BIG_TABLE_ROWS) {
      const filter = typeof node.Filter === 'string' ? ` to apply ${node.Filter}` : '';
      warnings.push(
        `Sequential scan of ${relation} (about ${Math.round(rows)} rows)${filter}: an index on the filtered columns may help.`,
      );
    }
  }
  if (node['Sort Space Type'] === 'Disk') {
    warnings.push(`${summary.node} spilled to disk: raise work_mem for this query or sort fewer rows.`);
  }
  const actual = node['Actual Rows'];
  const estimated = node['Plan Rows'];
  if (actual !== undefined && estimated !== undefined && Math.max(actual, estimated) >= 1000) {
    const factor = Math.max(actual, 1) / Math.max(estimated, 1);
    if (factor >= 10 || factor <= 0.1) {
      warnings.push(
        `${summary.node}: estimated ${estimated} rows, got ${actual}; statistics may be stale (ANALYZE) or columns correlated.`,
      );
    }
  }
  if (node['Node Type'] === 'Nested Loop' && (estimated ?? 0) >= 100_000) {
    warnings.push(`Nested loop producing about ${estimated} rows: a hash or merge join may be cheaper.`);
  }
}
