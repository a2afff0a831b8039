/**
 * Which functions a read may call, by name. The deny-list holds functions that are refused whatever their
 * volatility says (some are marked stable or only need a privilege the operator may have granted), wherever
 * they are called from: the statement, a view it reads or a function it calls. The known-safe list holds
 * everyday built-ins accepted whatever pg_proc says (PostgreSQL 18 marks the size functions volatile); the
 * harmless-volatile list holds volatile built-ins that only make up values (random(), clock_timestamp()).
 * Everything else is decided by its volatility in pg_proc.
 */

interface DenyRule {
  /** Exact names, or prefixes written with a trailing '*'. Compared with the lower-cased name. */
  readonly names: readonly string[];
  readonly why: string;
}

const DENY_RULES: readonly DenyRule[] = [
  { names: ['pg_sleep*'], why: 'it can hold a connection for as long as it likes' },
  {
    names: [
      'pg_read_file',
      'pg_read_binary_file',
      'pg_ls_*',
      'pg_stat_file',
      'pg_current_logfile',
      'pg_file_*',
      'pg_relation_filepath',
      'pg_tablespace_location',
    ],
    why: "it reads the server's file system or shows its paths",
  },
  {
    names: [
      'pg_show_all_settings',
      'pg_show_all_file_settings',
      'pg_config',
      'pg_hba_file_rules',
      'pg_ident_file_mappings',
      'pg_settings_get_flags',
    ],
    why: "it shows the server's settings, which include file paths; SHOW one harmless setting instead",
  },
  { names: ['pg_logdir_ls'], why: "it reads the server's file system" },
  {
    names: ['lo_*', 'loread', 'lowrite'],
    why: 'it reads or writes large objects, and lo_import/lo_export reach server files',
  },
  {
    names: ['dblink*', 'postgres_fdw_*'],
    why: "it opens or manages connections to other databases, outside this server's control",
  },
  {
    names: [
      'pg_terminate_backend',
      'pg_cancel_backend',
      'pg_signal_backend',
      'pg_reload_conf',
      'pg_rotate_logfile*',
      'pg_promote',
      'pg_switch_wal',
      'pg_create_*',
      'pg_drop_*',
      'pg_copy_*',
      'pg_backup_*',
      'pg_start_backup',
      'pg_stop_backup',
      'pg_wal_replay_*',
      'pg_log_*',
      'pg_stat_reset*',
      'pg_stat_statements_reset',
      'pg_import_system_collations',
      'pg_replication_*',
      'pg_logical_*',
      'pg_sync_replication_slots',
      'pg_restore_*',
      'pg_clear_*',
      'pg_nextoid',
      'pg_prewarm',
      'pg_truncate_visibility_map',
      'binary_upgrade_*',
    ],
    why: 'it is a server administration function',
  },
  { names: ['set_config'], why: 'it changes a session setting, which could outlive the query' },
  {
    names: ['pg_advisory_*', 'pg_try_advisory_*'],
    why: 'it takes or releases advisory locks, which outlive the query',
  },
  { names: ['pg_notify'], why: 'it sends a notification to other sessions' },
  { names: ['txid_current', 'pg_current_xact_id'], why: 'it assigns a transaction ID, which is a write' },
  { names: ['nextval', 'setval'], why: 'it advances or sets a sequence, which is not undone by a rollback' },
  {
    names: [
      'query_to_xml*',
      'table_to_xml*',
      'schema_to_xml*',
      'database_to_xml*',
      'cursor_to_xml*',
      'ts_stat',
    ],
    why: 'it runs SQL given as a string, which this check cannot see',
  },
];

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Why a function is denied by name (case-insensitively, whatever its schema), or undefined. */
export function deniedFunctionReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  return DENY_RULES.find((rule) => rule.names.some((pattern) => matches(pattern, lower)))?.why;
}

/** Everyday built-in functions that are immutable or stable (PostgreSQL 18 pg_catalog). */
// biome-ignore format: a long list of names reads best packed
const KNOWN_SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  // aggregates and window functions
  'count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'bit_and', 'bit_or', 'string_agg',
  'array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg', 'stddev', 'stddev_pop',
  'stddev_samp', 'variance', 'var_pop', 'var_samp', 'corr', 'percentile_cont', 'percentile_disc', 'mode',
  'any_value', 'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead',
  'first_value', 'last_value', 'nth_value', 'grouping',
  // text
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'octet_length', 'bit_length',
  'substr', 'substring', 'position', 'strpos', 'btrim', 'ltrim', 'rtrim', 'replace', 'split_part', 'left',
  'right', 'lpad', 'rpad', 'concat', 'concat_ws', 'format', 'md5', 'reverse', 'repeat', 'translate',
  'starts_with', 'regexp_replace', 'regexp_match', 'regexp_matches', 'regexp_like', 'regexp_count',
  'regexp_split_to_array', 'regexp_split_to_table', 'quote_ident', 'quote_literal', 'quote_nullable',
  'encode', 'decode', 'overlay', 'normalize', 'unistr', 'to_hex', 'ascii', 'chr',
  // numbers
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'mod', 'power', 'sqrt', 'cbrt', 'exp', 'ln', 'log',
  'log10', 'sign', 'div', 'width_bucket', 'greatest', 'least', 'num_nulls', 'num_nonnulls',
  // dates and times
  'now', 'date_trunc', 'date_part', 'extract', 'age', 'to_char', 'to_date', 'to_timestamp', 'to_number',
  'make_date', 'make_time', 'make_timestamp', 'make_timestamptz', 'make_interval', 'justify_days',
  'justify_hours', 'justify_interval', 'date_bin', 'isfinite', 'timezone', 'date_add', 'date_subtract',
  // sets and arrays
  'generate_series', 'generate_subscripts', 'unnest', 'array_length', 'array_position', 'array_positions',
  'array_remove', 'array_replace', 'array_to_string', 'string_to_array', 'string_to_table', 'cardinality',
  'array_upper', 'array_lower', 'array_ndims', 'array_dims', 'array_cat', 'array_append', 'array_prepend',
  // json
  'to_json', 'to_jsonb', 'row_to_json', 'json_build_object', 'jsonb_build_object', 'json_build_array',
  'jsonb_build_array', 'json_array_elements', 'jsonb_array_elements', 'json_array_elements_text',
  'jsonb_array_elements_text', 'json_each', 'jsonb_each', 'json_each_text', 'jsonb_each_text',
  'json_object_keys', 'jsonb_object_keys', 'json_extract_path', 'jsonb_extract_path',
  'json_extract_path_text', 'jsonb_extract_path_text', 'json_typeof', 'jsonb_typeof', 'json_array_length',
  'jsonb_array_length', 'jsonb_pretty', 'jsonb_strip_nulls', 'jsonb_path_query', 'jsonb_path_exists',
  // catalog information
  'pg_typeof', 'pg_size_pretty', 'pg_total_relation_size', 'pg_relation_size', 'pg_table_size',
  'pg_indexes_size', 'pg_database_size', 'pg_tablespace_size', 'pg_column_size', 'pg_size_bytes',
  'pg_get_indexdef', 'pg_get_constraintdef', 'pg_partition_tree', 'pg_partition_ancestors', 'pg_partition_root',
  'pg_get_viewdef', 'pg_get_expr', 'pg_get_userbyid', 'format_type', 'obj_description', 'col_description',
  'shobj_description', 'to_regclass', 'to_regtype', 'current_database', 'current_schema', 'current_schemas',
  'version', 'system_user', 'has_table_privilege', 'has_schema_privilege', 'has_column_privilege',
]);

/** Whether a call is one of the known-safe built-ins (only unqualified or in pg_catalog). */
export function isKnownSafeFunction(name: string, schema: string | undefined): boolean {
  return (schema === undefined || schema === 'pg_catalog') && KNOWN_SAFE_FUNCTIONS.has(name);
}

/**
 * Volatile built-ins that change nothing: they make up values (random numbers, uuids, the wall clock) or
 * report the server's state. `ORDER BY random()` sampling and `clock_timestamp()` timing are everyday reads.
 */
// biome-ignore format: a list of names reads best packed
const HARMLESS_VOLATILE: ReadonlySet<string> = new Set([
  'random', 'random_normal', 'clock_timestamp', 'timeofday', 'gen_random_uuid', 'uuidv4', 'uuidv7',
  'array_sample', 'array_shuffle', 'pg_is_in_recovery', 'pg_last_xact_replay_timestamp', 'pg_jit_available',
  'pg_notification_queue_usage', 'pg_blocking_pids',
]);

/** Whether a volatile pg_catalog function is one that changes nothing (see HARMLESS_VOLATILE). */
export function isHarmlessVolatile(name: string, schema: string): boolean {
  return schema === 'pg_catalog' && HARMLESS_VOLATILE.has(name);
}

/** How refusals of a volatile function name the ones that are allowed. */
export const HARMLESS_VOLATILE_EXAMPLES = 'random(), clock_timestamp(), timeofday(), gen_random_uuid()';
