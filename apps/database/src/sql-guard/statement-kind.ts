/**
 * What kind of statement this is, decided on the top-level node: SELECT (incl. set operations), VALUES and
 * TABLE are reads; SHOW is a read of one harmless setting; EXPLAIN is a read when what it explains is one
 * of those and ANALYZE (which executes the statement) is off or permitted. Everything else is refused here.
 */
import { refuse, type SqlRefusal } from './refusal.ts';
import { type AstNode, listField, nodeField, unwrapNode } from './walk.ts';

export type ReadKind = 'select' | 'values' | 'table' | 'show' | 'explain';

export interface ClassifiedStatement {
  readonly ok: true;
  readonly kind: ReadKind;
  /** EXPLAIN with ANALYZE on: the explained statement will be executed. */
  readonly analyze: boolean;
  /** The read statement whose whole tree the other checks walk (the explained one for EXPLAIN). */
  readonly read: AstNode;
}

/**
 * Settings SHOW may reveal: versions, encodings, locale/formatting, timeouts, transaction state and the
 * planner and memory settings people tune queries with. Not file paths (data_directory, config_file,
 * hba_file...), not library or connection details, not SHOW ALL.
 */
export const SHOWABLE_SETTINGS: ReadonlySet<string> = new Set([
  'server_version',
  'server_version_num',
  'server_encoding',
  'client_encoding',
  'timezone',
  'datestyle',
  'intervalstyle',
  'extra_float_digits',
  'lc_messages',
  'lc_monetary',
  'lc_numeric',
  'lc_time',
  'standard_conforming_strings',
  'search_path',
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'transaction_timeout',
  'default_transaction_read_only',
  'default_transaction_isolation',
  'transaction_read_only',
  'transaction_isolation',
  'max_connections',
  'work_mem',
  'maintenance_work_mem',
  'shared_buffers',
  'effective_cache_size',
  'effective_io_concurrency',
  'random_page_cost',
  'seq_page_cost',
  'cpu_tuple_cost',
  'cpu_index_tuple_cost',
  'cpu_operator_cost',
  'default_statistics_target',
  'max_parallel_workers_per_gather',
  'max_parallel_workers',
  'jit',
  'enable_seqscan',
  'enable_indexscan',
  'enable_indexonlyscan',
  'enable_bitmapscan',
  'enable_hashjoin',
  'enable_mergejoin',
  'enable_nestloop',
  'enable_sort',
  'enable_hashagg',
  'enable_material',
  'enable_memoize',
  'enable_partitionwise_join',
  'enable_partitionwise_aggregate',
  'enable_partition_pruning',
  'block_size',
  'integer_datetimes',
]);

/** Statement types that are not reads, named the way people write them. */
const STATEMENT_LABELS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    InsertStmt: 'INSERT',
    UpdateStmt: 'UPDATE',
    DeleteStmt: 'DELETE',
    MergeStmt: 'MERGE',
    TransactionStmt: 'a transaction command (BEGIN/COMMIT/ROLLBACK/SAVEPOINT...)',
    VariableSetStmt: 'SET/RESET',
    CopyStmt: 'COPY',
    DoStmt: 'a DO block',
    CallStmt: 'CALL',
    CreateTableAsStmt: 'CREATE TABLE AS / SELECT INTO',
    DeclareCursorStmt: 'DECLARE CURSOR',
    ExecuteStmt: 'EXECUTE',
    PrepareStmt: 'PREPARE',
    LockStmt: 'LOCK',
    ListenStmt: 'LISTEN',
    NotifyStmt: 'NOTIFY',
    DiscardStmt: 'DISCARD',
    VacuumStmt: 'VACUUM/ANALYZE',
    TruncateStmt: 'TRUNCATE',
    GrantStmt: 'GRANT/REVOKE',
    GrantRoleStmt: 'GRANT/REVOKE of a role',
    LoadStmt: 'LOAD',
    CheckPointStmt: 'CHECKPOINT',
    AlterSystemStmt: 'ALTER SYSTEM',
  }),
);

/** A readable name for a statement node: "INSERT", "a DO block", "CREATE TABLE" (from CreateStmt)... */
export function statementLabel(type: string): string {
  const known = STATEMENT_LABELS.get(type);
  if (known) return known;
  const words = type
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
  return words === 'CREATE' ? 'CREATE TABLE' : words;
}

const READ_ONLY_HINT = 'only SELECT, VALUES, TABLE, EXPLAIN of those, and SHOW are allowed';

/** Follows PostgreSQL's defGetBoolean: no value means true; 0/1, true/false, on/off. Anything else counts as on. */
function optionIsOn(arg: unknown): boolean {
  const value = unwrapNode(arg);
  if (!value) return true;
  if (value.type === 'Integer') return (value.fields.ival ?? 0) !== 0;
  if (value.type === 'Boolean') return value.fields.boolval === true;
  if (value.type === 'String' && typeof value.fields.sval === 'string') {
    return !['false', 'off', 'no', '0'].includes(value.fields.sval.toLowerCase());
  }
  return true;
}

/** Whether EXPLAIN's options turn ANALYZE on (both `EXPLAIN ANALYZE` and `EXPLAIN (ANALYZE [bool])`). */
export function explainAnalyzes(explain: AstNode): boolean {
  let analyze = false;
  for (const item of listField(explain.fields, 'options')) {
    const option = unwrapNode(item);
    if (option?.type !== 'DefElem' || typeof option.fields.defname !== 'string') continue;
    // PostgreSQL compares the name exactly; treating any spelling as ANALYZE can only refuse more.
    if (!['analyze', 'analyse'].includes(option.fields.defname.toLowerCase())) continue;
    analyze = optionIsOn(option.fields.arg); // the last one wins, as in PostgreSQL
  }
  return analyze;
}

/** TABLE t is parsed as SELECT * FROM t; the parser marks the synthesised `*` with location -1. */
function isTableStatement(select: AstNode): boolean {
  const targets = listField(select.fields, 'targetList');
  if (targets.length !== 1 || listField(select.fields, 'fromClause').length !== 1) return false;
  const target = unwrapNode(targets[0]);
  const column = target && nodeField(target.fields, 'val');
  return column?.type === 'ColumnRef' && (column.fields.location ?? -1) === -1;
}

function selectKind(select: AstNode): 'select' | 'values' | 'table' {
  if (listField(select.fields, 'valuesLists').length > 0) return 'values';
  return isTableStatement(select) ? 'table' : 'select';
}

function classifyShow(show: AstNode): ClassifiedStatement | SqlRefusal {
  const name = typeof show.fields.name === 'string' ? show.fields.name : '';
  if (name.toLowerCase() === 'all') {
    return refuse(
      'sql_not_read_only',
      'SHOW ALL lists every setting, including file paths; SHOW one setting by name',
    );
  }
  // PostgreSQL looks settings up case-insensitively, so SHOW "DATA_DIRECTORY" is data_directory.
  if (!SHOWABLE_SETTINGS.has(name.toLowerCase())) {
    return refuse(
      'sql_not_read_only',
      `SHOW ${name} is not on the list of settings this server reveals (settings can expose file paths ` +
        'and server internals); allowed are e.g. server_version, timezone, search_path, statement_timeout, work_mem',
    );
  }
  return { ok: true, kind: 'show', analyze: false, read: show };
}

function classifyExplain(explain: AstNode, allowExplainAnalyze: boolean): ClassifiedStatement | SqlRefusal {
  const analyze = explainAnalyzes(explain);
  const explained = nodeField(explain.fields, 'query');
  if (explained?.type !== 'SelectStmt') {
    const label = explained ? statementLabel(explained.type) : 'an unknown statement';
    const consequence = analyze ? ' (with ANALYZE it would be executed)' : '';
    return refuse('sql_not_read_only', `EXPLAIN of ${label}${consequence}: ${READ_ONLY_HINT}`);
  }
  if (analyze && !allowExplainAnalyze) {
    return refuse(
      'sql_explain_analyze',
      'EXPLAIN ANALYZE executes the statement and is not enabled here; use EXPLAIN without ANALYZE',
    );
  }
  return { ok: true, kind: 'explain', analyze, read: explained };
}

/** Decides the statement kind, or refuses a statement that is not a read. */
export function classifyStatement(
  statement: AstNode,
  options: { readonly allowExplainAnalyze: boolean },
): ClassifiedStatement | SqlRefusal {
  switch (statement.type) {
    case 'SelectStmt':
      return { ok: true, kind: selectKind(statement), analyze: false, read: statement };
    case 'VariableShowStmt':
      return classifyShow(statement);
    case 'ExplainStmt':
      return classifyExplain(statement, options.allowExplainAnalyze);
    default:
      return refuse(
        'sql_not_read_only',
        `${statementLabel(statement.type)} is not a read; ${READ_ONLY_HINT}`,
      );
  }
}
