/**
 * Column lineage of a view: for each of its output columns, the table columns its value is computed from,
 * read from the view's analysed query tree (pg_rewrite.ev_action), where every column reference is already
 * resolved. A view column computed from a masked column is masked, however it was renamed or transformed
 * (`lower(c.email) AS contact`), through joins, subqueries, WITH queries, GROUP BY, set operations and scalar
 * subqueries. Errs wide: every column referenced anywhere inside a scalar subquery counts, and a whole-row
 * reference counts every column of its relation.
 */
import { isTreeNode, type TreeNode, type TreeValue, treeList, treeNumber, walkTree } from './node-tree.ts';

/** A column of a relation (`attnum` 0: every column, from a whole-row reference). */
export interface ColumnOrigin {
  readonly relid: number;
  readonly attnum: number;
}

const RTE = {
  relation: 0,
  subquery: 1,
  join: 2,
  cte: 6,
  namedTuplestore: 7,
  result: 8,
  group: 9,
} as const;

type Stack = readonly TreeNode[];

class LineageReader {
  readonly #active = new Set<TreeNode>();
  /** A query node has one place in the tree, so one set of outer queries: its lineage is computed once. */
  readonly #known = new Map<TreeNode, ColumnOrigin[][]>();

  /** The lineage of each (non-junk) output column of `query`, evaluated with `stack` as its outer queries. */
  targets(query: TreeNode, outer: Stack): ColumnOrigin[][] {
    const known = this.#known.get(query);
    if (known) return known;
    // A recursive WITH query refers to itself; what it adds on the way round is already counted.
    if (this.#active.has(query)) return [];
    this.#active.add(query);
    try {
      const stack = [...outer, query];
      const columns = isTreeNode(query.setOperations)
        ? this.#setOperation(query, stack)
        : outputs(query).map((entry) => this.expression(entry.expr as TreeValue, stack));
      this.#known.set(query, columns);
      return columns;
    } finally {
      this.#active.delete(query);
    }
  }

  /** UNION / INTERSECT / EXCEPT: column i comes from column i of every branch. */
  #setOperation(query: TreeNode, stack: Stack): ColumnOrigin[][] {
    const columns = outputs(query).map(() => [] as ColumnOrigin[]);
    for (const entry of treeList(query, 'rtable')) {
      if (!isTreeNode(entry) || entry.rtekind !== RTE.subquery || !isTreeNode(entry.subquery)) continue;
      for (const [i, origins] of this.targets(entry.subquery, stack).entries()) columns[i]?.push(...origins);
    }
    return columns;
  }

  /** Every column an expression's value may come from. */
  expression(expression: TreeValue, stack: Stack): ColumnOrigin[] {
    const origins: ColumnOrigin[] = [];
    const visit = (value: TreeValue) => {
      if (Array.isArray(value)) {
        for (const item of value) visit(item as TreeValue);
        return;
      }
      if (!isTreeNode(value)) return;
      if (value.node === 'VAR') {
        origins.push(...this.#variable(value, stack));
        return;
      }
      if (value.node === 'QUERY') {
        // A scalar subquery: every column it refers to anywhere (its WHERE too) is counted.
        origins.push(...this.#wholeQuery(value, stack));
        return;
      }
      for (const [key, child] of Object.entries(value)) {
        if (key !== 'node' && typeof child === 'object' && child !== null) visit(child as TreeValue);
      }
    };
    visit(expression);
    return origins;
  }

  /** Every column a query refers to anywhere. */
  everything(query: TreeNode): ColumnOrigin[] {
    return this.#wholeQuery(query, []);
  }

  /** Every column referenced anywhere in a subquery (its range table is reached through its references). */
  #wholeQuery(query: TreeNode, outer: Stack): ColumnOrigin[] {
    if (this.#active.has(query)) return [];
    this.#active.add(query);
    try {
      const stack = [...outer, query];
      const origins: ColumnOrigin[] = [];
      for (const [key, child] of Object.entries(query)) {
        if (key === 'node' || key === 'rtable' || key === 'cteList') continue;
        if (typeof child === 'object' && child !== null) origins.push(...this.expression(child, stack));
      }
      return origins;
    } finally {
      this.#active.delete(query);
    }
  }

  #variable(variable: TreeNode, stack: Stack): ColumnOrigin[] {
    const levelsUp = treeNumber(variable, 'varlevelsup') ?? 0;
    const level = stack.length - 1 - levelsUp;
    const query = stack[level];
    const attnum = treeNumber(variable, 'varattno') ?? 0;
    const entry = query && treeList(query, 'rtable')[(treeNumber(variable, 'varno') ?? 0) - 1];
    // System columns (ctid, tableoid...) carry no table data.
    if (!isTreeNode(entry) || attnum < 0) return [];
    return this.#entryColumn(entry, attnum, stack.slice(0, level + 1));
  }

  #entryColumn(entry: TreeNode, attnum: number, stack: Stack): ColumnOrigin[] {
    const pick = (columns: readonly ColumnOrigin[][]) =>
      attnum === 0 ? columns.flat() : (columns[attnum - 1] ?? columns.flat());
    switch (entry.rtekind) {
      case RTE.relation:
        return [{ relid: treeNumber(entry, 'relid') ?? 0, attnum }];
      case RTE.subquery:
        return isTreeNode(entry.subquery) ? pick(this.targets(entry.subquery, stack)) : [];
      case RTE.join:
        return pick(treeList(entry, 'joinaliasvars').map((v) => this.expression(v, stack)));
      case RTE.group:
        return pick(treeList(entry, 'groupexprs').map((v) => this.expression(v, stack)));
      case RTE.cte:
        return this.#cte(entry, attnum, stack);
      case RTE.namedTuplestore:
      case RTE.result:
        return [];
      default:
        // Functions, VALUES, table functions: whatever their expressions refer to (LATERAL references).
        return this.expression([entry.functions, entry.values_lists, entry.tablefunc] as TreeValue[], stack);
    }
  }

  #cte(entry: TreeNode, attnum: number, stack: Stack): ColumnOrigin[] {
    const level = stack.length - 1 - (treeNumber(entry, 'ctelevelsup') ?? 0);
    const owner = stack[level];
    const cte = owner
      ? treeList(owner, 'cteList').find((c) => isTreeNode(c) && c.ctename === entry.ctename)
      : undefined;
    if (!isTreeNode(cte) || !isTreeNode(cte.ctequery)) return [];
    const columns = this.targets(cte.ctequery, stack.slice(0, level + 1));
    return attnum === 0 ? columns.flat() : (columns[attnum - 1] ?? columns.flat());
  }
}

function outputs(query: TreeNode): TreeNode[] {
  return treeList(query, 'targetList').filter(
    (entry): entry is TreeNode => isTreeNode(entry) && entry.resjunk !== true,
  );
}

/**
 * The lineage of each output column of a view or materialized view, by attnum - 1, from its ev_action (a
 * one-element list holding the view's query).
 */
export function viewLineage(action: TreeValue): ColumnOrigin[][] {
  const query = Array.isArray(action) ? action[0] : action;
  if (!isTreeNode(query) || query.node !== 'QUERY') return [];
  return new LineageReader().targets(query, []);
}

/**
 * Every table column a stored tree refers to anywhere (select list, conditions, subqueries): what a BEGIN
 * ATOMIC body or a policy looks at. The tree is a query, or a list (of lists) of queries.
 */
export function referencedColumns(tree: TreeValue): ColumnOrigin[] {
  const reader = new LineageReader();
  const origins: ColumnOrigin[] = [];
  walkQueries(tree, (query) => origins.push(...reader.everything(query)));
  return origins;
}

/** The outermost queries of a tree (a body holds a list of statements; nested queries are reached from them). */
function walkQueries(tree: TreeValue, visit: (query: TreeNode) => void): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walkQueries(item as TreeValue, visit);
    return;
  }
  if (isTreeNode(tree) && tree.node === 'QUERY') visit(tree);
  else if (isTreeNode(tree)) {
    // A policy's expression is not a query: its column references are to the policy's own table (varno 1).
    return;
  }
}

/** Every node of a given type in a tree (FUNCEXPR...), for checks that look at calls rather than columns. */
export function nodesOfType(tree: TreeValue, type: string): TreeNode[] {
  const found: TreeNode[] = [];
  walkTree(tree, (node) => {
    if (node.node === type) found.push(node);
  });
  return found;
}
