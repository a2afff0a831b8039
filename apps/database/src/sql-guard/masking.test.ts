import { describe, expect, it } from 'vitest';
import { maskedColumnRefusal } from './masking.ts';
import { parseStatement } from './test-support.ts';

const MASKED = new Set(['email', 'ssn']);

async function refusal(sql: string, masked: ReadonlySet<string> | undefined = MASKED) {
  return maskedColumnRefusal(await parseStatement(sql), masked);
}

describe('maskedColumnRefusal', () => {
  it('allows masked columns as plain output columns, and * / t.* at the top level', async () => {
    for (const sql of [
      'select id, email, ssn from customers',
      'select c.email as contact, c.id from customers c where c.id = 1 order by c.id',
      'select * from customers',
      'select c.*, o.total from customers c join orders o on o.customer_id = c.id',
      'table customers',
      'select id from customers c where exists (select * from orders o where o.customer_id = c.id)',
      'select name, count(*) from customers group by name order by 2 desc',
      'select email from customers limit 10 offset 5',
      'select c.opt_out, c.time_out from customers c',
    ]) {
      expect(await refusal(sql), sql).toBeUndefined();
    }
  });

  it.each([
    ["select id from customers where email like 'a%'", 'column email is masked'],
    ['select id from customers c join leads l on l.email = c.email', 'column email is masked'],
    ['select id from customers order by email', 'column email is masked'],
    ['select count(*) from customers group by ssn', 'column ssn is masked'],
    ['select lower(email) from customers', 'column email is masked'],
    ['select email::text from customers', 'column email is masked'],
    ["select email || '' from customers", 'column email is masked'],
    ['select length(c.email) from customers c', 'column email is masked'],
    ['select (select email from customers limit 1)', 'column email is masked'],
    ['select e from (select email as e from customers) x', 'column email is masked'],
    ['with x as (select email from customers) select * from x', 'column email is masked'],
    ['select email from customers union select email from leads', 'column email is masked'],
    ['select distinct on (email) id from customers', 'column email is masked'],
    ['select id, rank() over (order by ssn) from customers', 'column ssn is masked'],
    ['select id from customers where "email" = $$x$$', 'column email is masked'],
  ])('refuses %s', async (sql, mention) => {
    const found = await refusal(sql);
    expect(found).toMatchObject({ ok: false, code: 'sql_masked_column' });
    expect(found?.reason).toContain(mention);
  });

  it('refuses whole-row references, which carry masked columns unmasked', async () => {
    for (const sql of [
      'select row_to_json(c) from customers c',
      'select c from customers c',
      'select customers from customers',
      'select to_jsonb(c.*) from customers c',
      'select json_agg(c) from customers c',
      'select c.row_to_json from customers c',
      'select c.to_jsonb from customers c',
      'select c.concat from customers c',
      'select (c).to_json from customers c',
      'select c::text from customers c',
      'select id from customers c where c::text like $$%@%$$',
      'select x from (select * from customers) x',
      'with w as (select * from customers) select w from w',
    ]) {
      expect(await refusal(sql), sql).toMatchObject({ code: 'sql_masked_column' });
    }
  });

  it('refuses * below the top level, which could rename or feed masked columns', async () => {
    expect(await refusal('select e from (select * from customers) x(i, e)')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select * from (select * from customers) x')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select count(*) from customers')).toBeUndefined();
  });

  it('refuses renaming by position and NATURAL / USING joins over masked columns', async () => {
    expect(await refusal("select id from customers as c(i, e) where e like 'a%'")).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select 1 from (customers c join orders o on true) as j(a, b)')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select id from customers natural join leads')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select id from customers join leads using (email)')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select id from customers join orders using (id)')).toBeUndefined();
  });

  it('refuses sorting, grouping or DISTINCT on a masked output column by position or alias', async () => {
    expect(await refusal('select id, email from customers order by 2')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select email as e from customers order by e')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select email as e, count(*) from customers group by 1')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select * from customers order by 3')).toMatchObject({ code: 'sql_masked_column' });
    expect(await refusal('select distinct email from customers')).toMatchObject({
      code: 'sql_masked_column',
    });
    expect(await refusal('select distinct * from customers')).toMatchObject({ code: 'sql_masked_column' });
    expect(await refusal('select id, email from customers order by 1')).toBeUndefined();
    expect(await refusal('select distinct name from customers')).toBeUndefined();
  });

  it('matches names as the parser returns them, like PostgreSQL', async () => {
    expect(await refusal('select id from customers where EMAIL is null')).toMatchObject({
      code: 'sql_masked_column',
    });
    // a quoted "Email" is a different column from email
    expect(await refusal('select id from customers where "Email" is null')).toBeUndefined();
  });

  it('checks nothing when no column is masked', async () => {
    expect(
      await refusal('select row_to_json(c) from customers c where email like $$a%$$', new Set()),
    ).toBeUndefined();
    expect(maskedColumnRefusal(await parseStatement('select c from customers c'), undefined)).toBeUndefined();
  });

  describe('knowing which relations have masked columns (customers has, orders has not)', () => {
    const onlyCustomers = (_schema: string | undefined, name: string) => name === 'customers';
    const check = async (sql: string) =>
      maskedColumnRefusal(await parseStatement(sql), MASKED, onlyCustomers);

    it('allows * and whole rows over ranges that cannot carry a masked column', async () => {
      for (const sql of [
        'with x as (select id, name from customers) select * from (select * from x) s',
        'select * from (select * from orders) s join customers c on c.id = s.customer_id',
        'select row_to_json(o), c.id from orders o join customers c on c.id = o.customer_id',
        'select o.to_jsonb from orders o',
        'select c.id, tag from customers c, lateral unnest(array[c.name]) as tag',
        'select c.id from customers c join orders o(a, b) on o.a = c.id',
        'select * from orders natural join (select id from customers) c',
        'select count(*) from (select distinct * from orders) d',
      ]) {
        expect(await check(sql), sql).toBeUndefined();
      }
    });

    it('still refuses them where a masked column could come through', async () => {
      for (const sql of [
        'select * from (select * from customers) s',
        'with x as (select * from customers) select count(*) from (select * from x) y',
        'select row_to_json(c) from customers c',
        'select x from (select * from customers) x',
        'select * from customers natural join orders',
        'select id from customers c(a, b)',
        'select distinct * from customers',
      ]) {
        expect(await check(sql), sql).toMatchObject({ code: 'sql_masked_column' });
      }
    });
  });
});
