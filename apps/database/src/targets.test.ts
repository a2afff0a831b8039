import { describe, expect, it } from 'vitest';
import { AccessRules, isSystemSchema, MaskRules, tableTarget } from './targets.ts';

const rules = (overrides: Partial<ConstructorParameters<typeof AccessRules>[0]> = {}) =>
  new AccessRules({
    name: 'shop',
    allowSchemas: [],
    denySchemas: [],
    allowTables: [],
    denyTables: [],
    ...overrides,
  });

describe('AccessRules', () => {
  it('allows every user schema and table when no list is set, never a system schema', () => {
    const open = rules();
    expect(open.table('public', 'orders')).toEqual({ allowed: true });
    expect(open.schema('pg_catalog').allowed).toBe(false);
    expect(open.schema('pg_temp_3').allowed).toBe(false);
  });

  it('lets deny win over allow, and names the list that refused', () => {
    const r = rules({
      allowSchemas: ['public', 'app_*'],
      denyTables: ['billing.invoices', 'public.secret_*'],
    });
    expect(r.table('app_eu', 'users').allowed).toBe(true);
    expect(r.table('billing', 'x')).toEqual({
      allowed: false,
      reason: 'schema billing is not in allowSchemas of database shop',
    });
    expect(r.table('public', 'secret_keys')).toEqual({
      allowed: false,
      reason: 'table public.secret_keys is in denyTables of database shop',
    });
    const denied = rules({ denySchemas: ['internal'] });
    expect(denied.table('internal', 'tokens')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('denySchemas'),
    });
  });

  it('restricts to allowTables when set; globs match one identifier part only', () => {
    const r = rules({ allowTables: ['public.order*'] });
    expect(r.table('public', 'orders').allowed).toBe(true);
    expect(r.table('public', 'customers').allowed).toBe(false);
    // `*` never crosses the dot: `public.*` does not reach into another schema named public.x
    expect(rules({ allowTables: ['public.*'] }).table('publicx', 'orders').allowed).toBe(false);
  });

  it('lets queries read system catalogs unless their schema is denied', () => {
    expect(rules({ allowSchemas: ['public'] }).relation('pg_catalog', 'pg_class').allowed).toBe(true);
    expect(rules({ denySchemas: ['pg_catalog'] }).relation('pg_catalog', 'pg_class').allowed).toBe(false);
    expect(rules({ allowSchemas: ['public'] }).relation('billing', 'invoices').allowed).toBe(false);
  });

  it('knows system schemas', () => {
    expect(['pg_catalog', 'information_schema', 'pg_toast', 'pg_toast_temp_1'].every(isSystemSchema)).toBe(
      true,
    );
    expect(isSystemSchema('pg_cron_data')).toBe(false);
  });
});

describe('MaskRules', () => {
  it('matches table.column in any schema and schema.table.column exactly', () => {
    const masks = new MaskRules(['*.email', 'customers.national_id', 'crm.*.phone']);
    expect(masks.covers({ schema: 'public', table: 'customers', column: 'email' })).toBe(true);
    expect(masks.covers({ schema: 'billing', table: 'invoices', column: 'email' })).toBe(true);
    expect(masks.covers({ schema: 'eu', table: 'customers', column: 'national_id' })).toBe(true);
    expect(masks.covers({ schema: 'crm', table: 'leads', column: 'phone' })).toBe(true);
    expect(masks.covers({ schema: 'public', table: 'leads', column: 'phone' })).toBe(false);
    expect(masks.covers({ schema: 'public', table: 'customers', column: 'email_verified' })).toBe(false);
  });

  it('resolves rules to the concrete columns they cover', () => {
    const masks = new MaskRules(['*.email']);
    expect(
      masks.resolve([
        { schema: 'public', table: 'a', column: 'email' },
        { schema: 'public', table: 'a', column: 'name' },
      ]),
    ).toEqual([{ schema: 'public', table: 'a', column: 'email' }]);
    expect(new MaskRules([]).empty).toBe(true);
  });
});

it('builds policy targets', () => {
  expect(tableTarget('shop', 'public', 'orders')).toBe('db:shop/public.orders');
});
