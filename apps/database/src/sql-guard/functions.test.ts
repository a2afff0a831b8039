import { describe, expect, it } from 'vitest';
import { collectFunctionCalls } from './functions.ts';
import { parseStatement } from './test-support.ts';

async function check(sql: string) {
  return collectFunctionCalls(await parseStatement(sql));
}

async function expectDenied(sql: string, mention: string) {
  const verdict = await check(sql);
  expect(verdict, sql).toMatchObject({ ok: false, code: 'sql_function_denied' });
  expect(verdict.ok ? '' : verdict.reason).toContain(mention);
}

describe('collectFunctionCalls', () => {
  it('lists the functions called, as written, once each, for the catalog to decide', async () => {
    expect(
      await check(
        "select lower(a), pg_catalog.upper(b), now(), count(*), lower(d), date_trunc('day', c) from t",
      ),
    ).toEqual({
      ok: true,
      functions: [
        { schema: undefined, name: 'lower' },
        { schema: 'pg_catalog', name: 'upper' },
        { schema: undefined, name: 'now' },
        { schema: undefined, name: 'count' },
        { schema: undefined, name: 'date_trunc' },
      ],
      attributes: [],
      operators: [],
    });
  });

  it('lists operators and attribute names, which may run functions too', async () => {
    expect(
      await check(
        "select a + 1, a || 'x', a::text, t.a @> b, current_date, current_user, a between 1 and 2, a OPERATOR(app.===) b from t",
      ),
    ).toEqual({
      ok: true,
      functions: [],
      attributes: ['a'],
      operators: ['+', '||', '@>', '==='],
    });
    expect(await check('select extract(year from now()), substring(a from 1 for 2) from t')).toMatchObject({
      ok: true,
    });
  });

  it('says why pg_sleep is refused, as the reader needs it', async () => {
    expect(await check('select pg_sleep(10)')).toEqual({
      ok: false,
      code: 'sql_function_denied',
      reason:
        'refused: the statement calls pg_sleep(), which is denied (it can hold a connection for as long as it likes)',
    });
  });

  it('finds denied calls wherever they hide', async () => {
    for (const sql of [
      'select * from t join u on t.a = (select pg_sleep(1)::int)', // subquery in a JOIN condition
      'select 1 from t where a in (select 1 from u where exists (select pg_sleep(1)))',
      'select cast(pg_sleep(1) as text)',
      'select pg_sleep(1)::text',
      'select * from t order by pg_sleep(1)',
      'select * from t group by a having count(pg_sleep(1)) > 0',
      'select * from t, lateral (select pg_sleep(1)) x',
      'select * from t, lateral pg_sleep(1)',
      'select * from pg_sleep(1)',
      'select * from rows from (generate_series(1, 2), pg_sleep(1))',
      'values (1), (pg_sleep(1))',
      'select (array[1, 2])[pg_sleep(1)::int]',
      'select a[1:pg_sleep(1)::int] from t',
      'select case when pg_sleep(1) is null then 1 end',
      'select coalesce(null, pg_sleep(1))',
      'select count(*) filter (where pg_sleep(1) is null) from t',
      'select sum(a) over (order by pg_sleep(1)) from t',
      'select * from t limit (select 1 from pg_sleep(1))',
      'select * from t offset pg_sleep(1)::int',
      'with x as (select pg_sleep(1)) select * from x',
      'select * from t tablesample system (1) repeatable (pg_sleep(1)::int)',
      'select row(1, pg_sleep(1))',
      "select json_object('k': pg_sleep(1)::text)",
      'select xmlelement(name x, pg_sleep(1)::text)',
      'explain select pg_sleep(1)',
      'select 1 union all select pg_sleep(1)::int',
    ]) {
      await expectDenied(sql.startsWith('explain') ? sql.slice(8) : sql, 'pg_sleep()');
    }
  });

  it('is not fooled by quoting, schemas or unicode escapes', async () => {
    await expectDenied('select "pg_sleep"(1)', 'pg_sleep()');
    await expectDenied('select "pg_catalog"."pg_sleep"(1)', 'pg_catalog.pg_sleep()');
    await expectDenied('select PG_SLEEP(1)', 'pg_sleep()');
    await expectDenied('select "PG_SLEEP"(1)', 'PG_SLEEP()');
    await expectDenied('select U&"\\0070g_sleep"(1)', 'pg_sleep()');
    await expectDenied('select U&"!0070g_sleep" UESCAPE \'!\' (1)', 'pg_sleep()');
    await expectDenied("select pg_catalog.pg_read_file('/etc/passwd')", "server's file system");
    await expectDenied("select myschema.set_config('a', 'b', false)", 'session setting');
  });

  it('allows current_setting only for settings SHOW may reveal', async () => {
    expect(await check("select current_setting('work_mem')")).toMatchObject({ ok: true });
    expect(await check("select current_setting('TimeZone', true)")).toMatchObject({ ok: true });
    await expectDenied("select current_setting('data_directory')", "'data_directory'");
    await expectDenied("select current_setting('hba_file')", 'hba_file');
    await expectDenied('select current_setting(a) from t', 'a computed name');
  });

  it('refuses denied functions in attribute notation (t.f is f(t)) and lists the others', async () => {
    await expectDenied('select x.pg_sleep from t x', '.pg_sleep');
    await expectDenied('select (x).set_config from t x', '.set_config');
    expect(await check('select x.full_name, x.email, t.length from t x')).toMatchObject({
      ok: true,
      attributes: ['full_name', 'email', 'length'],
    });
  });

  it('refuses the functions that show server settings and paths', async () => {
    await expectDenied('select * from pg_show_all_settings()', 'settings');
    await expectDenied('select * from pg_config()', 'settings');
    await expectDenied("select pg_relation_filepath('t')", 'paths');
    await expectDenied('select dblink_connect($$x$$)', 'other databases');
    await expectDenied('select postgres_fdw_disconnect_all()', 'other databases');
  });

  it('allows only the built-in TABLESAMPLE methods', async () => {
    expect(await check('select * from t tablesample bernoulli (5)')).toMatchObject({ ok: true });
    await expectDenied('select * from t tablesample system_time (100000)', 'TABLESAMPLE system_time');
  });
});
