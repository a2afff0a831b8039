import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureDatabase, startFixtureDatabase } from '../../test/fixture-database.ts';
import { viewLineage } from './lineage.ts';
import { parseNodeTree } from './node-tree.ts';
import { storedReferences } from './stored-tree.ts';

let fixture: FixtureDatabase;
let client: pg.Client;
let customers: number;
let orders: number;

const VIEWS = `
create view app.v_plain as select id, email as contact, name from app.customers;
create view app.v_expr as select id, lower(email) || '!' as shout, upper(name) as n from app.customers;
create view app.v_join as select c.id, x.s from app.customers c join (select id, ssn as s from app.customers) x using (id);
create view app.v_cte as with e as (select id, email as e from app.customers) select e, id from e;
create view app.v_union as select id, name from app.customers union all select id, email from app.customers;
create view app.v_group as select email, count(*) as n from app.customers group by email;
create view app.v_sub as select o.id, (select max(c.ssn) from app.customers c where c.id = o.customer_id) as s,
  (select count(*) from app.customers c where c.email like 'a%') as k from app.orders o;
create view app.v_row as select c from app.customers c;
create view app.v_nested as select contact, name from app.v_plain;
create view app.v_calls as select pg_catalog.lower(name) as l, now() as t from app.customers where id > 1;
`;

/** The lineage of a view's columns as "table.attnum" (0: every column), by output column. */
async function lineage(view: string): Promise<string[][]> {
  const { rows } = await client.query<{ action: string }>(
    "select ev_action::text as action from pg_rewrite where ev_class = $1::regclass and rulename = '_RETURN'",
    [view],
  );
  const names = new Map([
    [customers, 'customers'],
    [orders, 'orders'],
  ]);
  return viewLineage(parseNodeTree(rows[0]!.action)).map((origins) =>
    [...new Set(origins.map((o) => `${names.get(o.relid) ?? o.relid}.${o.attnum}`))].sort(),
  );
}

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  client = new pg.Client({ connectionString: fixture.superuserUrl });
  await client.connect();
  await client.query(VIEWS);
  const { rows } = await client.query<{ c: number; o: number }>(
    "select 'app.customers'::regclass::oid::int as c, 'app.orders'::regclass::oid::int as o",
  );
  customers = rows[0]!.c;
  orders = rows[0]!.o;
});

afterAll(async () => {
  await client?.end();
  await fixture?.stop();
});

// app.customers: 1 id, 2 name, 3 email, 4 ssn, 5 created_at. app.orders: 1 id, 2 customer_id, 3 total, 4 note.
describe('viewLineage', () => {
  it('follows plain, renamed and computed columns', async () => {
    expect(await lineage('app.v_plain')).toEqual([['customers.1'], ['customers.3'], ['customers.2']]);
    expect(await lineage('app.v_expr')).toEqual([['customers.1'], ['customers.3'], ['customers.2']]);
  });

  it('follows joins, subqueries, WITH queries, GROUP BY and set operations', async () => {
    expect(await lineage('app.v_join')).toEqual([['customers.1'], ['customers.4']]);
    expect(await lineage('app.v_cte')).toEqual([['customers.3'], ['customers.1']]);
    expect(await lineage('app.v_union')).toEqual([['customers.1'], ['customers.2', 'customers.3']]);
    expect(await lineage('app.v_group')).toEqual([['customers.3'], []]);
  });

  it('counts every column a scalar subquery looks at, its WHERE too', async () => {
    expect(await lineage('app.v_sub')).toEqual([
      ['orders.1'],
      ['customers.1', 'customers.4', 'orders.2'],
      ['customers.3'],
    ]);
  });

  it('counts a whole-row reference as every column, and a view over a view as that view', async () => {
    expect(await lineage('app.v_row')).toEqual([['customers.0']]);
    const nested = await lineage('app.v_nested');
    expect(nested).toHaveLength(2);
    expect(nested.every((origins) => origins.length === 1 && !origins[0]!.startsWith('customers'))).toBe(
      true,
    );
  });
});

describe('storedReferences', () => {
  it('finds the relations, functions and operators a view uses, PostgreSQL’s own included', async () => {
    const { rows } = await client.query<{ action: string; lower: number; now: number; gt: number }>(
      `select ev_action::text as action, 'pg_catalog.lower(text)'::regprocedure::oid::int as lower,
         'now()'::regprocedure::oid::int as now, 'int4gt'::regproc::oid::int as gt
       from pg_rewrite where ev_class = 'app.v_calls'::regclass`,
    );
    const used = storedReferences(parseNodeTree(rows[0]!.action));
    expect(used.relations).toEqual([customers]);
    expect(used.functions).toEqual(expect.arrayContaining([rows[0]!.lower, rows[0]!.now, rows[0]!.gt]));
    expect(used.columns.map((c) => `${c.relid}.${c.attnum}`)).toEqual(
      expect.arrayContaining([`${customers}.1`, `${customers}.2`]),
    );
  });
});
