import { describe, expect, it } from 'vitest';
import { databaseBoundaries, withinBoundaries } from './boundaries.ts';
import { demoDatabaseConfig } from './config.ts';

const config = (lists: Partial<ReturnType<typeof demoDatabaseConfig>> = {}) => ({
  ...demoDatabaseConfig('postgres://reader:pw@db/shop'),
  name: 'shop',
  allowSchemas: [],
  ...lists,
});
const inside = (lists: Parameters<typeof config>[0], target: string) =>
  withinBoundaries(databaseBoundaries(config(lists)), target);

describe('databaseBoundaries', () => {
  it('draws none when no list is set: every schema and table is inside', () => {
    expect(databaseBoundaries(config())).toEqual([]);
    expect(inside({}, 'db:shop/anything.at_all')).toBe(true);
  });

  it('keeps a schema list to its schemas and everything in them, and lets a deny list win', () => {
    const lists = { allowSchemas: ['public', 'app_*'], denySchemas: ['app_secret'] };
    expect(inside(lists, 'db:shop/public')).toBe(true);
    expect(inside(lists, 'db:shop/public.orders')).toBe(true);
    expect(inside(lists, 'db:shop/app_eu.users')).toBe(true);
    expect(inside(lists, 'db:shop/billing.invoices')).toBe(false);
    expect(inside(lists, 'db:shop/app_secret.keys')).toBe(false);
    // The database itself and other databases are not this boundary's business.
    expect(inside(lists, 'db:shop')).toBe(true);
    expect(inside(lists, 'db:other/billing.invoices')).toBe(true);
  });

  it('keeps a table list to its tables; a glob part never crosses the dot', () => {
    const lists = { allowTables: ['public.order*'], denyTables: ['public.orders_archive'] };
    expect(inside(lists, 'db:shop/public.orders')).toBe(true);
    expect(inside(lists, 'db:shop/public.customers')).toBe(false);
    expect(inside(lists, 'db:shop/public.orders_archive')).toBe(false);
    // Schema targets are not tables: the table lists leave them to the schema lists.
    expect(inside(lists, 'db:shop/public')).toBe(true);
  });

  it('lets a statement read PostgreSQL’s catalogs unless a deny list names them', () => {
    const lists = { allowSchemas: ['public'], allowTables: ['public.*'] };
    expect(inside(lists, 'db:shop/pg_catalog.pg_class')).toBe(true);
    expect(inside(lists, 'db:shop/information_schema.columns')).toBe(true);
    expect(inside({ denySchemas: ['pg_catalog'] }, 'db:shop/pg_catalog.pg_class')).toBe(false);
  });

  it('names the setting a refusal comes from', () => {
    const [allow] = databaseBoundaries(config({ allowSchemas: ['public'] }));
    expect(allow?.setting).toBe('databases[shop].allowSchemas');
  });
});
