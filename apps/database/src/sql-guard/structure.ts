/**
 * Checks the whole tree of a read statement for anything that is not part of a read, at any depth:
 * SELECT INTO (creates a table), locking clauses (FOR UPDATE/SHARE take row locks and need write rights),
 * data-modifying statements inside WITH (writable CTEs), parameters ($1), and — deny by default — any
 * node type that a plain read does not consist of.
 */
import { refuse, type SqlRefusal } from './refusal.ts';
import { statementLabel } from './statement-kind.ts';
import { type AstNode, walkAst } from './walk.ts';

/** The node types a SELECT / VALUES / TABLE tree is made of (raw parse tree, PostgreSQL 18). */
const READ_NODE_TYPES: ReadonlySet<string> = new Set([
  'SelectStmt',
  'ResTarget',
  'ColumnRef',
  'A_Star',
  'A_Const',
  'String',
  'Integer',
  'Float',
  'Boolean',
  'BitString',
  'List',
  'A_Expr',
  'BoolExpr',
  'NullTest',
  'BooleanTest',
  'A_Indirection',
  'A_Indices',
  'A_ArrayExpr',
  'RowExpr',
  'CaseExpr',
  'CaseWhen',
  'CoalesceExpr',
  'MinMaxExpr',
  'SQLValueFunction',
  'FuncCall',
  'NamedArgExpr',
  'WindowDef',
  'SortBy',
  'TypeCast',
  'TypeName',
  'CollateClause',
  'SubLink',
  'GroupingSet',
  'GroupingFunc',
  'RangeVar',
  'Alias',
  'JoinExpr',
  'RangeSubselect',
  'RangeFunction',
  'RangeTableSample',
  'RangeTableFunc',
  'RangeTableFuncCol',
  'WithClause',
  'CommonTableExpr',
  'CTESearchClause',
  'CTECycleClause',
  'XmlExpr',
  'XmlSerialize',
  'JsonValueExpr',
  'JsonFormat',
  'JsonOutput',
  'JsonReturning',
  'JsonBehavior',
  'JsonArgument',
  'JsonFuncExpr',
  'JsonIsPredicate',
  'JsonKeyValue',
  'JsonParseExpr',
  'JsonScalarExpr',
  'JsonSerializeExpr',
  'JsonObjectConstructor',
  'JsonArrayConstructor',
  'JsonArrayQueryConstructor',
  'JsonAggConstructor',
  'JsonObjectAgg',
  'JsonArrayAgg',
  'JsonTable',
  'JsonTableColumn',
  'JsonTablePathSpec',
  'ColumnDef', // column definition list of a function returning record: AS r(a int)
  'DefElem', // XMLTABLE namespaces and the like; EXPLAIN's own options are not walked
  // Refused below with their own codes; listed so they are not reported as unknown.
  'IntoClause',
  'LockingClause',
  'ParamRef',
]);

const WRITE_STATEMENTS: ReadonlySet<string> = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
]);

const LOCK_STRENGTHS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    LCS_FORKEYSHARE: 'FOR KEY SHARE',
    LCS_FORSHARE: 'FOR SHARE',
    LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE',
    LCS_FORUPDATE: 'FOR UPDATE',
  }),
);

function refusalFor(node: AstNode, insideCte: boolean, allowParams: boolean): SqlRefusal | undefined {
  if (node.type === 'IntoClause') {
    return refuse('sql_select_into', 'SELECT ... INTO creates a table; run the SELECT without INTO');
  }
  if (node.type === 'LockingClause') {
    const strength = LOCK_STRENGTHS.get(String(node.fields.strength)) ?? 'FOR UPDATE/SHARE';
    return refuse(
      'sql_locking_clause',
      `SELECT ... ${strength} locks rows, which a read must not do; remove it`,
    );
  }
  if (WRITE_STATEMENTS.has(node.type)) {
    const label = statementLabel(node.type);
    return insideCte
      ? refuse(
          'sql_writable_cte',
          `the WITH clause contains ${label}, which modifies data; only reads are allowed`,
        )
      : refuse('sql_not_read_only', `the statement contains ${label}, which modifies data`);
  }
  if (node.type === 'ParamRef') {
    if (allowParams) return undefined;
    return refuse(
      'sql_syntax',
      "parameters such as $1 are not supported: write the value into the SQL as a literal (e.g. WHERE id = 42 or WHERE name = 'x')",
    );
  }
  if (!READ_NODE_TYPES.has(node.type)) {
    return refuse(
      'sql_not_read_only',
      `the statement contains ${statementLabel(node.type)} (${node.type}), which is not part of a read`,
    );
  }
  return undefined;
}

/**
 * The first structural refusal found anywhere in the tree of `read`, or undefined when it is a plain read.
 * `allowParams`: the body of a SQL function refers to its arguments as $1, $2...
 */
export function structureRefusal(read: AstNode, { allowParams = false } = {}): SqlRefusal | undefined {
  let found: SqlRefusal | undefined;
  walkAst({ [read.type]: read.fields }, (node, ancestors) => {
    if (found) return;
    const insideCte = ancestors.some((step) => step.node.type === 'CommonTableExpr');
    found = refusalFor(node, insideCte, allowParams);
  });
  return found;
}
