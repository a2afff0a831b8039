/**
 * Attempts to get around the read-only query path: write, persist session state, read files or secrets,
 * unmask masked columns, or outlast the timeouts. Run against the fixture database (test/fixture-database.ts)
 * with `app.customers.email` and `app.customers.ssn` masked and `app` first on the search path.
 *
 * `expect`:
 *  - 'refused': must end in a ToolError, whoever the role is.
 *  - 'refused_as_reader': must be refused for the read-only role (privileges); the superuser may run it.
 *  - 'contained': may run; what it returns must be harmless, and it must end within its limits.
 */
export type AttackCategory =
  | 'stacked_statements'
  | 'transaction_control'
  | 'writable_cte'
  | 'explain_analyze'
  | 'side_effect_function'
  | 'session_state'
  | 'file_or_secret_read'
  | 'copy'
  | 'do_block_or_ddl'
  | 'comment_and_quoting'
  | 'locking_and_select_into'
  | 'mask_bypass'
  | 'denial_of_service';

export interface Attack {
  readonly name: string;
  readonly category: AttackCategory;
  readonly sql: string;
  readonly expect: 'refused' | 'refused_as_reader' | 'contained';
}

const W = "update app.canary set value = 'pwned'";

function attacks(
  category: AttackCategory,
  list: [name: string, sql: string, expect?: Attack['expect']][],
): Attack[] {
  return list.map(([name, sql, expect = 'refused']) => ({ name, category, sql, expect }));
}

export const ATTACK_CORPUS: readonly Attack[] = [
  ...attacks('stacked_statements', [
    ['select then update', `select 1; ${W}`],
    ['select then drop', 'select 1; drop table app.canary'],
    ['empty statements between', 'select 1;;; delete from app.canary'],
    ['statement on its own line', 'select 1\n;\ncreate table app.evil (x int)'],
    [
      'semicolon inside a comment, then a real one',
      "select 1 /* ; */ ; insert into app.canary values (2, 'x')",
    ],
    ['mixed case keywords', "SeLeCt 1; UpDaTe app.canary SET value = 'pwned'"],
    ['write first, select last', `${W}; select 1`],
  ]),
  ...attacks('transaction_control', [
    ['commit then write', `commit; ${W}`],
    ['rollback, read-write transaction, write, commit', `rollback; begin read write; ${W}; commit`],
    ['end then delete', 'end; delete from app.canary'],
    ['set transaction read write', 'set transaction read write'],
    ['break out of the paging wrapper', `select 1) as q; commit; ${W}; select * from (select 1`],
    ['break out of the wrapper with a trailing comment', `select * from app.canary) as q; ${W}; --`],
    ['savepoint', 'savepoint s'],
    ['begin alone', 'begin'],
    ['prepare transaction', "prepare transaction 'gatehouse'"],
    ['set session characteristics', 'set session characteristics as transaction read write'],
  ]),
  ...attacks('writable_cte', [
    ['update in a CTE', `with x as (${W} returning *) select * from x`],
    ['delete in a CTE, unused', 'with x as (delete from app.canary returning *) select 1'],
    ['insert in a CTE', "with x as (insert into app.canary values (2, 'x') returning id) select id from x"],
    ['write in a nested CTE', `select * from (with x as (${W} returning 1) select * from x) s`],
    [
      'merge in a CTE',
      'with b as (merge into app.canary c using (select 1 as id) s on c.id = s.id when matched then delete returning c.id) select * from b',
    ],
    ['second CTE writes', `with a as (select 1), b as (${W} returning 1) select * from a`],
  ]),
  ...attacks('explain_analyze', [
    ['explain analyze delete', 'explain analyze delete from app.canary'],
    ['explain (analyze) update', `explain (analyze) ${W}`],
    [
      'explain analyze insert as json',
      "explain (analyze true, format json) insert into app.canary values (3, 'x')",
    ],
    [
      'explain analyze a writable CTE',
      'explain analyze with x as (delete from app.canary returning 1) select * from x',
    ],
    ['explain analyze a volatile function', 'explain analyze select app.bump_canary()'],
    ['explain analyze create table as', 'explain (analyze, buffers) create table app.evil as select 1'],
    ['plain explain of a write', 'explain delete from app.canary'],
  ]),
  ...attacks('side_effect_function', [
    ['user function that writes', 'select app.bump_canary()'],
    ['same, unqualified through the search path', 'select bump_canary()'],
    [
      'same, hidden in a WHERE subquery',
      'select id from app.customers where id = (select app.bump_canary())',
    ],
    ['same, hidden in ORDER BY', 'select id from app.customers order by app.bump_canary()'],
    ['same, hidden in a function argument', 'select coalesce(null, app.bump_canary())'],
    ['same, in FROM', 'select * from app.bump_canary()'],
    ['nextval', "select nextval('app.orders_id_seq')"],
    ['setval', "select setval('app.orders_id_seq', 1)"],
    ['terminate every backend', 'select pg_terminate_backend(pid) from pg_stat_activity'],
    ['cancel own backend', 'select pg_cancel_backend(pg_backend_pid())'],
    ['reload configuration, quoted and qualified', 'select "pg_catalog"."pg_reload_conf"()'],
    ['notify', "select pg_notify('gatehouse', 'hello')"],
    ['large object import', "select lo_import('/etc/passwd')"],
    ['large object create', 'select lo_create(0)'],
    ['assign a transaction id', 'select txid_current()'],
    ['switch WAL', 'select pg_switch_wal()'],
    [
      'query_to_xml runs arbitrary SQL',
      `select query_to_xml('${W.replaceAll("'", "''")} returning 1', true, false, '')`,
    ],
    ['dblink', "select * from dblink('dbname=postgres', 'select 1') as t(x int)"],
    ['create a replication slot', "select pg_create_physical_replication_slot('gatehouse')"],
    ['import collations', "select pg_import_system_collations('pg_catalog')"],
    ['rotate the log file', 'select pg_rotate_logfile()'],
    ['function mislabelled STABLE that writes (READ ONLY refuses)', 'select app.sneaky_stable()'],
  ]),
  ...attacks('session_state', [
    ['set_config for the session', "select set_config('search_path', 'secrets', false)"],
    ['set_config of the timeout', "select set_config('statement_timeout', '0', false)"],
    ['SET search_path', 'set search_path = secrets'],
    ['SET SESSION statement_timeout', 'set session statement_timeout = 0'],
    ['RESET ALL', 'reset all'],
    ['SET ROLE', 'set role postgres'],
    ['SET SESSION AUTHORIZATION', 'set session authorization postgres'],
    ['session advisory lock', 'select pg_advisory_lock(42)'],
    ['LISTEN', 'listen gatehouse'],
    ['PREPARE', 'prepare gatehouse_p as select 1'],
    ['cursor WITH HOLD', 'declare c cursor with hold for select 1'],
    ['DISCARD ALL', 'discard all'],
    ['temporary table', 'create temp table t as select 1'],
    ['ALTER SYSTEM', "alter system set work_mem = '1GB'"],
    ['ALTER ROLE', 'alter role gatehouse_reader superuser'],
    ['ALTER DATABASE setting', 'alter database gatehouse_fixture set search_path = secrets'],
    ['LOAD a library', "load 'auto_explain'"],
    [
      'function mislabelled STABLE sets a setting and takes a lock (reset after)',
      'select app.sneaky_session()',
      'contained',
    ],
  ]),
  ...attacks('file_or_secret_read', [
    ['pg_read_file /etc/passwd', "select pg_read_file('/etc/passwd')"],
    ['pg_read_file with offsets', "select pg_read_file('/etc/passwd', 0, 100000)"],
    ['pg_read_file in FROM', "select * from pg_read_file('/etc/passwd')"],
    ['pg_read_binary_file decoded', "select convert_from(pg_read_binary_file('/etc/passwd'), 'UTF8')"],
    ['quoted function name', `select "pg_read_file"('/etc/passwd')`],
    ['upper-case function name', "select PG_READ_FILE('/etc/passwd')"],
    ['spaced schema qualification', "select pg_catalog . pg_read_file ('/etc/passwd')"],
    ['escape-string path', "select pg_read_file(E'\\x2fetc\\x2fpasswd')"],
    ['unicode-escape path', "select pg_read_file(U&'\\002fetc\\002fpasswd')"],
    ['list the data directory', "select * from pg_ls_dir('.')"],
    ['stat a config file', "select pg_stat_file('postgresql.conf')"],
    ['pg_authid password hashes', 'select rolname, rolpassword from pg_authid'],
    ['pg_shadow', 'select usename, passwd from pg_shadow'],
    ['pg_authid in a subquery', 'select (select rolpassword from pg_catalog.pg_authid limit 1) as p'],
    ['table_to_xml of pg_authid', "select table_to_xml('pg_authid', true, false, '')"],
    ['pg_file_settings', 'select * from pg_file_settings'],
    ['pg_hba_file_rules', 'select * from pg_hba_file_rules'],
    ['pg_user_mappings', 'select * from pg_user_mappings'],
    ['large object contents', 'select lo_get(oid) from pg_largeobject_metadata'],
    ['pg_largeobject', 'select * from pg_largeobject'],
    ['SHOW data_directory', 'show data_directory'],
    ['SHOW hba_file', 'show hba_file'],
    ['SHOW ALL', 'show all'],
    ['current_setting of a path', "select current_setting('data_directory')"],
    ['another schema the reader may not read', 'select token from secrets.api_keys', 'refused_as_reader'],
  ]),
  ...attacks('copy', [
    ['COPY to stdout', 'copy app.canary to stdout'],
    ['COPY from stdin', 'copy app.canary from stdin'],
    ['COPY a query to a file', "copy (select * from app.canary) to '/tmp/gatehouse-out.csv'"],
    ['COPY from a program', "copy app.canary from program 'cat /etc/passwd'"],
    ['COPY from a file', "copy app.canary from '/etc/passwd'"],
    ['COPY to a program', "copy (select 1) to program 'id'"],
  ]),
  ...attacks('do_block_or_ddl', [
    ['DO block that writes', `do $$ begin ${W}; end $$`],
    ['DO block that sleeps', 'do language plpgsql $x$ begin perform pg_sleep(10); end $x$'],
    ['create a function', "create function app.f() returns int language sql as 'select 1'"],
    ['CALL a procedure', 'call app.p()'],
    ['plain insert', "insert into app.canary values (2, 'x')"],
    ['truncate', 'truncate app.canary'],
    ['drop schema cascade', 'drop schema app cascade'],
    ['grant', 'grant all on schema secrets to gatehouse_reader'],
    ['vacuum full', 'vacuum full app.canary'],
    ['create extension', 'create extension dblink'],
    [
      'merge',
      "merge into app.canary c using (select 1 as id) s on c.id = s.id when matched then update set value = 'pwned'",
    ],
    ['comment on', "comment on table app.canary is 'pwned'"],
    ['lock table', 'lock table app.canary in access exclusive mode'],
  ]),
  ...attacks('comment_and_quoting', [
    ['line comment ended by a newline', `select 1 -- hidden\n; ${W}`],
    ['dollar-quoted semicolon', `select $$;$$; ${W}`],
    ['leading block comment', `/* just a comment */ ${W}`],
    ['nested block comments hide a write (harmless select)', `select 1 /* a /* b */ ; ${W} */`, 'contained'],
    [
      'quoted literal that looks like a write (harmless)',
      `select 'a'';${W.replaceAll("'", "''")};--' as s`,
      'contained',
    ],
    [
      'quoted identifier that looks like a write (harmless)',
      `select 1 as "; ${W.replaceAll("'", '')}; --"`,
      'contained',
    ],
    ['trailing line comment (harmless)', 'select id from app.canary --', 'contained'],
    [
      'parameter placeholders meet the pager’s own parameters',
      'select $1::int as a, $2::int as b',
      'contained',
    ],
    ['unicode-escaped identifier of a function', `select U&"pg\\005fread\\005ffile"('/etc/passwd')`],
  ]),
  ...attacks('locking_and_select_into', [
    ['FOR UPDATE', 'select * from app.canary for update'],
    ['FOR SHARE NOWAIT', 'select * from app.canary for share nowait'],
    ['FOR UPDATE in a subquery', 'select * from (select * from app.canary for update) s'],
    ['FOR NO KEY UPDATE in a CTE', 'with c as (select * from app.canary for no key update) select * from c'],
    ['SELECT INTO a table', 'select * into app.stolen from app.canary'],
    ['SELECT INTO a temp table', 'select * into temp stolen from app.canary'],
  ]),
  ...attacks('mask_bypass', [
    ['filter on a masked column', "select id from app.customers where ssn like '001%'"],
    ['compare a masked column', "select id from app.customers where ssn = '001-12-3456'"],
    ['function of a masked column', 'select upper(ssn) from app.customers'],
    ['concatenated masked column', "select ssn || '' as x from app.customers"],
    ['order by a masked column', 'select id from app.customers order by ssn'],
    ['whole row as JSON', 'select row_to_json(c) from app.customers c'],
    ['whole row as a value', 'select c from app.customers c'],
    ['to_jsonb of t.*', 'select to_jsonb(c.*) from app.customers c'],
    ['json_agg of rows', 'select json_agg(c) from app.customers c'],
    ['array_agg of a masked column', 'select array_agg(ssn) from app.customers'],
    ['join on a masked column', 'select c.id from app.customers c join app.customers d on c.ssn = d.ssn'],
    ['CASE over a masked column', "select id, case when ssn like '0%' then 1 end as k from app.customers"],
    ['masked column in a scalar subquery', 'select (select ssn from app.customers order by id limit 1) as n'],
    [
      'masked column filtered inside a CTE',
      "with c as (select ssn from app.customers) select ssn from c where ssn like '0%'",
    ],
    [
      'renamed through a subquery (masked by origin)',
      'select s from (select ssn as s from app.customers) t',
      'contained',
    ],
    [
      'renamed through a view (masked by name)',
      'select ssn as x, email as y from app.customer_contacts',
      'contained',
    ],
  ]),
  ...attacks('denial_of_service', [
    ['pg_sleep', 'select pg_sleep(30)'],
    ['pg_sleep_for', "select pg_sleep_for('30 seconds')"],
    ['pg_sleep in FROM', 'select 1 from pg_sleep(5)'],
    ['pg_sleep per row', 'select pg_sleep(1) from app.customers'],
    ['huge count', 'select count(*) from generate_series(1, 1000000000000)', 'contained'],
    [
      'endless recursive CTE',
      'with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r',
      'contained',
    ],
    [
      'cross join count',
      'select count(*) from app.orders a, app.orders b, app.orders c, app.orders d',
      'contained',
    ],
    ['huge value', "select repeat('x', 200000000)", 'contained'],
    ['many rows', 'select * from generate_series(1, 100000000)', 'contained'],
    [
      'wide cross join',
      'select * from app.customers a, app.customers b, app.customers c, app.orders d',
      'contained',
    ],
    [
      'gigantic aggregate',
      "select length(string_agg(repeat('x', 1000000), '')) from generate_series(1, 2000)",
      'contained',
    ],
  ]),
];
