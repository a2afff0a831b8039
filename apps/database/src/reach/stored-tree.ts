/**
 * What a stored query tree (a view's rule, a BEGIN ATOMIC body, a row-level security policy) uses: the relations
 * in its range tables at every level, the functions it calls — directly, as operators, aggregates, window
 * functions and sampling methods — and the table columns it refers to. Every reference in these trees is an oid
 * already; nothing is resolved by name.
 */
import { type ColumnOrigin, referencedColumns } from './lineage.ts';
import { type TreeNode, type TreeValue, treeList, treeNumber, walkTree } from './node-tree.ts';

export interface StoredReferences {
  readonly relations: readonly number[];
  readonly functions: readonly number[];
  /** Operators whose function the tree does not name (looked up in pg_operator). */
  readonly operators: readonly number[];
  readonly columns: readonly ColumnOrigin[];
}

/** Fields holding the oid of a function that runs: node type → fields. */
const FUNCTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  FUNCEXPR: ['funcid'],
  OPEXPR: ['opfuncid'],
  DISTINCTEXPR: ['opfuncid'],
  NULLIFEXPR: ['opfuncid'],
  SCALARARRAYOPEXPR: ['opfuncid', 'hashfuncid', 'negfuncid'],
  AGGREF: ['aggfnoid'],
  WINDOWFUNC: ['winfnoid'],
  TABLESAMPLECLAUSE: ['tsmhandler'],
};

const OPERATOR_NODES = new Set(['OPEXPR', 'DISTINCTEXPR', 'NULLIFEXPR', 'SCALARARRAYOPEXPR']);

const RTE_RELATION = 0;

export function storedReferences(tree: TreeValue): StoredReferences {
  const relations = new Set<number>();
  const functions = new Set<number>();
  const operators = new Set<number>();
  walkTree(tree, (node: TreeNode) => {
    if (node.node === 'RANGETBLENTRY' && node.rtekind === RTE_RELATION) {
      const relid = treeNumber(node, 'relid');
      if (relid) relations.add(relid);
      return;
    }
    for (const field of FUNCTION_FIELDS[node.node] ?? []) {
      const oid = treeNumber(node, field);
      if (oid) functions.add(oid);
    }
    // An operator's function is filled in when the tree is made; should it be missing, ask pg_operator.
    if (OPERATOR_NODES.has(node.node) && !treeNumber(node, 'opfuncid')) {
      const opno = treeNumber(node, 'opno');
      if (opno) operators.add(opno);
    }
    if (node.node === 'ROWCOMPAREEXPR') {
      for (const opno of treeList(node, 'opnos')) if (typeof opno === 'number') operators.add(opno);
    }
  });
  return {
    relations: [...relations],
    functions: [...functions],
    operators: [...operators],
    columns: referencedColumns(tree),
  };
}
