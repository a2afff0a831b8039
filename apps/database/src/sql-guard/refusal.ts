/** The refusal shape every check returns, shared by the files of the guard. */

export type SqlRefusalCode =
  | 'sql_syntax'
  | 'sql_multiple_statements'
  | 'sql_not_read_only'
  | 'sql_locking_clause'
  | 'sql_select_into'
  | 'sql_writable_cte'
  | 'sql_function_denied'
  | 'sql_function_unresolvable'
  | 'sql_metadata_denied'
  | 'sql_foreign_table'
  | 'sql_explain_analyze'
  | 'sql_masked_column'
  | 'sql_system_catalog'
  | 'sql_too_long';

export interface SqlRefusal {
  readonly ok: false;
  readonly code: SqlRefusalCode;
  /** Written for the person reading it: what was refused and why, starting with "refused:". */
  readonly reason: string;
}

export function refuse(code: SqlRefusalCode, reason: string): SqlRefusal {
  return { ok: false, code, reason: `refused: ${reason}` };
}
