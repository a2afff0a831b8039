import { describe, expect, it } from 'vitest';
import { collectRelations, systemCatalogRefusal } from './relations.ts';
import { parseStatement } from './test-support.ts';

async function relations(sql: string) {
  return collectRelations(await parseStatement(sql));
}

describe('collectRelations', () => {
  it('collects every relation named anywhere, as written, once', async () => {
    expect(
      await relations(
        'select * from app.customers c join orders o on o.cid = c.id ' +
          'where exists (select 1 from "Invoices" i where i.oid = o.id) and c.id in (select cid from orders)',
      ),
    ).toEqual([
      { schema: 'app', name: 'customers' },
      { schema: undefined, name: 'orders' },
      { schema: undefined, name: 'Invoices' },
    ]);
    expect(await relations('table app.t')).toEqual([{ schema: 'app', name: 't' }]);
    expect(await relations('select * from t tablesample system (5)')).toEqual([
      { schema: undefined, name: 't' },
    ]);
    expect(await relations('select 1 union select a from u')).toEqual([{ schema: undefined, name: 'u' }]);
    expect(await relations('select (select max(a) from t)')).toEqual([{ schema: undefined, name: 't' }]);
  });

  it('leaves out names that refer to a WITH query in scope', async () => {
    expect(await relations('with x as (select * from t) select * from x')).toEqual([
      { schema: undefined, name: 't' },
    ]);
    expect(
      await relations('with recursive r as (select 1 union all select 1 from r) select * from r'),
    ).toEqual([]);
    expect(await relations('with a as (select 1), b as (select * from a) select * from b')).toEqual([]);
  });

  it('keeps a real relation that only shares a WITH name outside its scope', async () => {
    // the inner WITH does not reach the outer FROM
    expect(await relations('select * from (with t as (select 1) select * from t) x, t')).toEqual([
      { schema: undefined, name: 't' },
    ]);
    // a schema-qualified name is never a WITH query
    expect(await relations('with t as (select 1) select * from public.t')).toEqual([
      { schema: 'public', name: 't' },
    ]);
    // a non-recursive WITH query cannot see a later sibling, so `b` inside `a` is the table b
    expect(await relations('with a as (select * from b), b as (select 1) select * from a')).toEqual([
      { schema: undefined, name: 'b' },
    ]);
  });
});

describe('systemCatalogRefusal', () => {
  async function refusal(sql: string) {
    return systemCatalogRefusal(await relations(sql));
  }

  it.each([
    ['select * from pg_authid', 'pg_authid, which holds role password hashes'],
    ['select rolpassword from pg_catalog.pg_authid', 'pg_catalog.pg_authid'],
    ['select * from "pg_catalog"."pg_shadow"', 'pg_catalog.pg_shadow'],
    ['table pg_shadow', 'pg_shadow'],
    ['select * from pg_user_mappings', 'credentials'],
    ['select * from pg_user_mapping', 'credentials'],
    ['select * from pg_largeobject', 'large objects'],
    ['select * from pg_file_settings', 'configuration files'],
    ['select * from pg_hba_file_rules', 'client authentication'],
    ['select * from pg_ident_file_mappings', 'user name mapping'],
    ['select * from pg_stats', 'masking'],
    ['select * from pg_statistic', 'masking'],
    ['select 1 where exists (select 1 from pg_authid)', 'pg_authid'],
    ['select * from postgres.pg_catalog.pg_authid', 'pg_authid'],
    ['with x as (select 1) select * from x, (select * from pg_shadow) s', 'pg_shadow'],
  ])('refuses %s', async (sql, mention) => {
    const found = await refusal(sql);
    expect(found).toMatchObject({ ok: false, code: 'sql_system_catalog' });
    expect(found?.reason).toMatch(/^refused: the statement reads /);
    expect(found?.reason).toContain(mention);
  });

  it('decides by the name the parser returns, as PostgreSQL resolves it', async () => {
    // quoted upper case is a different relation, and another schema's table of that name is not the catalog
    expect(await refusal('select * from "PG_AUTHID"')).toBeUndefined();
    expect(await refusal('select * from app.pg_authid')).toBeUndefined();
    expect(await refusal('select * from PG_AUTHID')).toMatchObject({ code: 'sql_system_catalog' });
    expect(await refusal('with pg_authid as (select 1) select * from pg_authid')).toBeUndefined();
    expect(await refusal('select * from pg_roles, pg_class, pg_user')).toBeUndefined();
  });
});
