import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureDatabase, startFixtureDatabase } from '../test/fixture-database.ts';
import { type ColumnMask, describeFields, maskRow } from './column-masks.ts';

let fixture: FixtureDatabase;
let client: pg.Client;

const masks: ColumnMask[] = [
  { schema: 'app', table: 'customers', column: 'email' },
  { schema: 'app', table: 'customers', column: 'ssn' },
];

/** Which output columns of a real query's result the masking decides to hide. */
async function maskedColumnsOf(sql: string, rules: readonly ColumnMask[] = masks): Promise<string[]> {
  const result = await client.query({ text: sql, rowMode: 'array' });
  const fields = await describeFields(client, result.fields, rules);
  return fields.filter((f) => f.masked).map((f) => f.name);
}

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  client = new pg.Client({ connectionString: fixture.readerUrl });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await fixture?.stop();
});

describe('describeFields', () => {
  it('names each field’s type as PostgreSQL formats it, typmod included', async () => {
    const result = await client.query({
      text: "select 1::int8 as a, 1.5::numeric(6,2) as b, 'x'::varchar(12) as c, now() as d",
      rowMode: 'array',
    });
    const fields = await describeFields(client, result.fields, []);
    expect(fields.map((f) => f.type)).toEqual([
      'bigint',
      'numeric(6,2)',
      'character varying(12)',
      'timestamp with time zone',
    ]);
  });

  it('masks by the table column a field comes from, through aliases, subqueries and CTEs', async () => {
    expect(await maskedColumnsOf('select id, name, email, ssn from app.customers')).toEqual(['email', 'ssn']);
    expect(await maskedColumnsOf('select email as contact, name as email_like from app.customers')).toEqual([
      'contact',
    ]);
    expect(await maskedColumnsOf('select s from (select ssn as s from app.customers) t')).toEqual(['s']);
    expect(await maskedColumnsOf('with c as (select email as e from app.customers) select e from c')).toEqual(
      ['e'],
    );
  });

  it('masks by name when the origin is an expression or a view, including a renamed view column', async () => {
    expect(await maskedColumnsOf("select 'a@b.c' as email, 'x' as other")).toEqual(['email']);
    expect(await maskedColumnsOf('select email, ssn as x, name from app.customer_contacts')).toEqual([
      'email',
      'x',
    ]);
  });

  it('leaves a same-named column of another table alone when its origin is known', async () => {
    const onlyOrders: ColumnMask[] = [{ schema: 'app', table: 'orders', column: 'note' }];
    expect(await maskedColumnsOf('select id, note from app.orders', onlyOrders)).toEqual(['note']);
    expect(await maskedColumnsOf('select id, name as note from app.customers', onlyOrders)).toEqual([]);
  });

  it('describes no fields for a statement without a result', async () => {
    expect(await describeFields(client, [], masks)).toEqual([]);
  });
});

describe('maskRow', () => {
  it('replaces masked values and keeps null', () => {
    const fields = [
      { name: 'id', type: 'integer', masked: false },
      { name: 'ssn', type: 'text', masked: true },
    ];
    expect(maskRow([1, '001-12-3456'], fields)).toEqual([1, '[masked]']);
    expect(maskRow([2, null], fields)).toEqual([2, null]);
  });
});
