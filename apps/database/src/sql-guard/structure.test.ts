import { describe, expect, it } from 'vitest';
import { structureRefusal } from './structure.ts';
import { parseStatement } from './test-support.ts';

async function refusal(sql: string) {
  const statement = await parseStatement(sql);
  const read =
    statement.type === 'ExplainStmt'
      ? await parseStatement(sql.replace(/^explain\s+(\([^)]*\)\s*)?/i, ''))
      : statement;
  return structureRefusal(read);
}

describe('structureRefusal', () => {
  it('passes plain reads of every shape', async () => {
    for (const sql of [
      'select a, b from t where a > 1 group by a, b having count(*) > 1 order by 1 limit 5 offset 2',
      'select * from t join u using (id) left join lateral (select 1) x on true',
      'with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r',
      'select case when a then 1 else 2 end, coalesce(a, b), greatest(1, 2), a is null, a is true from t',
      'select (array[1, 2])[1], (row(1, 2)).f1, a::text, cast(b as int), c collate "C" from t',
      "select xmlelement(name x, 'y'), json_object('a': 1), json_query('{}', '$.a') from t",
      "select * from json_table('[1]', '$[*]' columns (v int path '$')) j",
      'select * from t tablesample bernoulli (10)',
      'select grouping(a), sum(b) from t group by rollup (a)',
      'select count(*) filter (where a > 1), rank() over w from t window w as (order by a)',
      'values (1, 2), (3, 4)',
      'table t',
    ]) {
      expect(await refusal(sql), sql).toBeUndefined();
    }
  });

  it('refuses SELECT INTO, including in EXPLAIN', async () => {
    expect(await refusal('select * into new_table from t')).toMatchObject({ code: 'sql_select_into' });
    expect(await refusal('select 1 into temp x')).toMatchObject({ code: 'sql_select_into' });
    expect(await refusal('explain select 1 into x')).toMatchObject({ code: 'sql_select_into' });
  });

  it.each([
    ['FOR UPDATE', 'select * from t for update'],
    ['FOR NO KEY UPDATE', 'select * from t for no key update'],
    ['FOR SHARE', 'select * from t for share'],
    ['FOR KEY SHARE', 'select * from t for key share skip locked'],
    ['FOR UPDATE', 'select * from (select * from t for update) x'],
    ['FOR SHARE', 'select * from t where a in (select a from u for share nowait)'],
    ['FOR UPDATE', 'with x as (select * from t for update of t) select * from x'],
  ])('refuses the locking clause %s in %s', async (strength, sql) => {
    const found = await refusal(sql);
    expect(found).toMatchObject({ code: 'sql_locking_clause' });
    expect(found?.reason).toContain(strength);
  });

  it('refuses writable CTEs at any depth', async () => {
    for (const sql of [
      'with d as (delete from t returning *) select * from d',
      'with i as (insert into t values (1) returning *) select 1',
      'with u as (update t set a = 1 returning a) select * from u',
      'select * from (with d as (delete from t returning *) select * from d) x',
      'select (with d as (delete from t returning 1) select 1)',
      'select 1 where exists (with m as (merge into t using u on true when matched then delete returning 1) select 1)',
    ]) {
      const found = await refusal(sql);
      expect(found, sql).toMatchObject({ code: 'sql_writable_cte' });
      expect(found?.reason).toMatch(
        /^refused: the WITH clause contains (DELETE|INSERT|UPDATE|MERGE), which modifies data/,
      );
    }
  });

  it('refuses $n parameters, which would collide with the wrapper', async () => {
    expect(await refusal('select $1')).toMatchObject({ code: 'sql_syntax' });
    expect(await refusal('select * from t where a = $2')).toMatchObject({ code: 'sql_syntax' });
  });

  it('refuses, by default, any node that is not part of a read', async () => {
    // WHERE CURRENT OF and DEFAULT only make sense in writes; the parser accepts them inside a SELECT tree.
    const found = await refusal('values (default)');
    expect(found).toMatchObject({ code: 'sql_not_read_only' });
    expect(found?.reason).toContain('SetToDefault');
  });
});
