import { describe, expect, it } from 'vitest';
import {
  analyzeFunctionBody,
  analyzeReadOnlySql,
  type GuardOptions,
  maskedColumnRefusal,
  type SqlRefusalCode,
} from './index.ts';

const options: GuardOptions = { allowExplainAnalyze: false };
const checkReadOnlySql = analyzeReadOnlySql;

async function codeOf(sql: string, overrides: Partial<GuardOptions> = {}): Promise<SqlRefusalCode | 'ok'> {
  const verdict = await analyzeReadOnlySql(sql, { ...options, ...overrides });
  return verdict.ok ? 'ok' : verdict.code;
}

/** The guard's verdict and then the masking rule, as the server applies them once it knows the masked names. */
async function maskingCodeOf(sql: string, masked: ReadonlySet<string>): Promise<SqlRefusalCode | 'ok'> {
  const verdict = await analyzeReadOnlySql(sql, options);
  if (!verdict.ok) return verdict.code;
  return maskedColumnRefusal(verdict.read, masked)?.code ?? 'ok';
}

describe('analyzeReadOnlySql', () => {
  it('accepts a read and describes it', async () => {
    const verdict = await checkReadOnlySql(
      'with recent as (select * from app.orders where created_at > now()) ' +
        'select c.id, lower(c.name) from customers c join recent r on r.customer_id = c.id; -- trailing',
      options,
    );
    expect(verdict).toMatchObject({
      ok: true,
      kind: 'select',
      analyze: false,
      // in parse-tree order: the select list and FROM come before WITH
      relations: [
        { schema: undefined, name: 'customers' },
        { schema: 'app', name: 'orders' },
      ],
      functions: [
        { schema: undefined, name: 'lower' },
        { schema: undefined, name: 'now' },
      ],
      attributes: ['id', 'name', 'customer_id'],
      operators: ['=', '>'],
      probes: [],
      normalizedSql:
        'with recent as (select * from app.orders where created_at > now()) ' +
        'select c.id, lower(c.name) from customers c join recent r on r.customer_id = c.id',
    });
  });

  it.each([
    ['select 1', 'select'],
    ['VALUES (1)', 'values'],
    ['TABLE t', 'table'],
    ['SHOW search_path', 'show'],
    ['EXPLAIN SELECT * FROM t', 'explain'],
  ])('accepts %s as %s', async (sql, kind) => {
    expect(await checkReadOnlySql(sql, options)).toMatchObject({ ok: true, kind, normalizedSql: sql });
  });

  it.each([
    "select * from t where a = any('{1,2}') and b is distinct from c and d ilike 'x%' and e similar to 'y'",
    "select now() at time zone 'utc', interval '1 day', array(select 1), (a, b) < (1, 2), '{}'::jsonb -> 'a' from t",
    'select x is json, xmlagg(xmlelement(name a)), json_arrayagg(x), json_objectagg(k: v) from t',
    'select collation for (x), current_timestamp(3), localtime, nullif(a, b) from t',
    'select a, b, sum(c) from t group by grouping sets ((a), (b), ()) order by 1 fetch first 5 rows with ties',
    'with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) search depth first by n set o select * from r',
    "select * from t, lateral xmltable('/a' passing x columns b int path 'b') xt",
    'select array_agg(x order by y), percentile_cont(0.5) within group (order by x), string_agg(distinct a, $$,$$) from t',
    'select distinct on (a) a from t order by a, b desc nulls last',
    'select lag(a) over (partition by b order by c rows between unbounded preceding and current row) from t',
    "select json_value(j, '$.a' returning int default 0 on empty), json_exists(j, '$.b'), json_array(1, 2) from t",
    'select * from json_to_recordset(\'[{"a":1}]\') as r(a int)',
    'select * from unnest(array[1, 2]) with ordinality as u(x, n)',
    'select 1 intersect select 1 except select 2',
    "select extract(epoch from now()), overlay('abc' placing 'x' from 2), trim(both 'x' from 'xax')",
    'explain (verbose, costs false, settings, generic_plan, format yaml) select * from t where a = 1',
  ])('does not refuse the everyday read %s', async (sql) => {
    expect(await checkReadOnlySql(sql, options)).toMatchObject({ ok: true });
  });

  it.each<[string, SqlRefusalCode]>([
    ['select from where', 'sql_syntax'],
    ['select $1', 'sql_syntax'],
    ['select 1; delete from t', 'sql_multiple_statements'],
    ['/* ; */ select 1; -- ;\n rollback', 'sql_multiple_statements'],
    ['delete from t', 'sql_not_read_only'],
    ['commit', 'sql_not_read_only'],
    ['show all', 'sql_not_read_only'],
    ['show data_directory', 'sql_not_read_only'],
    ['explain delete from t', 'sql_not_read_only'],
    ['select * from t for update', 'sql_locking_clause'],
    ['select * from t for key share', 'sql_locking_clause'],
    ['select * into x from t', 'sql_select_into'],
    ['with d as (delete from t returning *) select * from d', 'sql_writable_cte'],
    [
      'select * from (select 1 from (with d as (update t set a = 1 returning 1) select 1) y) x',
      'sql_writable_cte',
    ],
    ['select pg_sleep(1)', 'sql_function_denied'],
    ['explain analyze select 1', 'sql_explain_analyze'],
    ['select * from pg_authid', 'sql_system_catalog'],
    ['select name, setting from pg_settings', 'sql_system_catalog'],
    ['select * from pg_catalog.pg_config', 'sql_system_catalog'],
    ['select merge_action()', 'sql_not_read_only'],
    [`select '${'x'.repeat(100_001)}'`, 'sql_too_long'],
  ])('refuses %s with %s', async (sql, code) => {
    const verdict = await checkReadOnlySql(sql, options);
    expect(verdict).toMatchObject({ ok: false, code });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/^refused: \S/);
  });

  it('refuses masked-column misuse with sql_masked_column', async () => {
    const masked = new Set(['email']);
    expect(await maskingCodeOf("select id from customers where email like 'a%'", masked)).toBe(
      'sql_masked_column',
    );
    expect(await maskingCodeOf('select id, email from customers', masked)).toBe('ok');
    // EXPLAIN ANALYZE of a filter on a masked column would reveal row counts
    expect(await maskingCodeOf("explain select id from customers where email = 'x'", masked)).toBe(
      'sql_masked_column',
    );
  });

  it('says what to do instead of a $1 parameter', async () => {
    const verdict = await checkReadOnlySql('select * from t where id = $1', options);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/write the value into the SQL as a literal/);
  });

  it('lists metadata probes with the object they name', async () => {
    expect(
      await checkReadOnlySql(
        "select to_regclass('Billing.\"Invoices\"'), obj_description(c.oid), 'app.f'::regproc, tableoid::regclass from pg_class c",
        options,
      ),
    ).toMatchObject({
      ok: true,
      probes: [
        { via: 'to_regclass()', kind: 'relation', name: { schema: 'billing', name: 'Invoices' } },
        { via: 'obj_description()', kind: 'relation' },
        { via: '::regproc', kind: 'function', name: { schema: 'app', name: 'f' } },
      ],
    });
  });

  it('allows EXPLAIN ANALYZE of a read only when the option says so, and never of a write', async () => {
    expect(
      await checkReadOnlySql('explain (analyze) select * from t', { ...options, allowExplainAnalyze: true }),
    ).toMatchObject({
      ok: true,
      kind: 'explain',
      analyze: true,
      relations: [{ schema: undefined, name: 't' }],
    });
    expect(await codeOf('explain (analyze) select * from t')).toBe('sql_explain_analyze');
    expect(await codeOf('explain analyze delete from t', { allowExplainAnalyze: true })).toBe(
      'sql_not_read_only',
    );
    expect(await codeOf('explain analyze insert into t select 1', { allowExplainAnalyze: true })).toBe(
      'sql_not_read_only',
    );
    // ANALYZE executes the explained statement, so everything in it is still checked
    expect(await codeOf('explain analyze select pg_sleep(100)', { allowExplainAnalyze: true })).toBe(
      'sql_function_denied',
    );
    expect(await codeOf('explain analyze select * from t for update', { allowExplainAnalyze: true })).toBe(
      'sql_locking_clause',
    );
    expect(
      await codeOf('explain analyze with d as (delete from t returning 1) select 1', {
        allowExplainAnalyze: true,
      }),
    ).toBe('sql_writable_cte');
    expect(await codeOf('explain select * from pg_shadow')).toBe('sql_system_catalog');
  });

  it('treats a ; inside strings and dollar quotes as text, and refuses a real second statement', async () => {
    expect(await checkReadOnlySql("select $$; delete from t; $$, ';'", options)).toMatchObject({
      ok: true,
      normalizedSql: "select $$; delete from t; $$, ';'",
    });
    expect(await codeOf('select $a$ $$ $a$; delete from t')).toBe('sql_multiple_statements');
    expect(await codeOf('select 1 -- ; hidden?\n; delete from t')).toBe('sql_multiple_statements');
  });

  it('refuses SQL nested too deeply instead of crashing', async () => {
    const deep = `select ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    const verdict = await checkReadOnlySql(deep, options);
    expect(verdict.ok ? 'ok' : verdict.code).toMatch(/^(ok|sql_syntax)$/);
  });

  it('reads a SQL function body: several reads with parameters are fine, anything else is refused', async () => {
    expect(
      await analyzeFunctionBody(
        'select count(*) from app.orders where customer_id = $1; select lower(n) from t',
      ),
    ).toMatchObject({
      ok: true,
      relations: [
        { schema: 'app', name: 'orders' },
        { schema: undefined, name: 't' },
      ],
      functions: [
        { schema: undefined, name: 'count' },
        { schema: undefined, name: 'lower' },
      ],
    });
    expect(await analyzeFunctionBody('update t set a = 1; select 1')).toMatchObject({
      ok: false,
      code: 'sql_not_read_only',
    });
    expect(await analyzeFunctionBody('select pg_sleep(1)')).toMatchObject({
      ok: false,
      code: 'sql_function_denied',
    });
  });

  it('never throws, whatever the input', async () => {
    for (const sql of ['\u0000', '\ud800', ')))', "'", '$$', 'select 1 /*', 'U&"\\"', "select e'\\x00'"]) {
      const verdict = await checkReadOnlySql(sql, options);
      expect(typeof verdict.ok).toBe('boolean');
    }
  });
});
