import { describe, expect, it } from 'vitest';
import { isSystemSchema, MaskRules, tableTarget } from './targets.ts';

describe('targets', () => {
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
