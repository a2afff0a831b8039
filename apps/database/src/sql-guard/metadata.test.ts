import { describe, expect, it } from 'vitest';
import { collectProbes, splitObjectName } from './metadata.ts';
import { parseStatement } from './test-support.ts';

describe('splitObjectName', () => {
  it('splits and folds names the way regclass input does', () => {
    expect(splitObjectName('billing.invoices')).toEqual({ schema: 'billing', name: 'invoices' });
    expect(splitObjectName('Invoices')).toEqual({ schema: undefined, name: 'invoices' });
    expect(splitObjectName('"Billing"."In.voices"')).toEqual({ schema: 'Billing', name: 'In.voices' });
    expect(splitObjectName('demo.billing.invoices')).toEqual({ schema: 'billing', name: 'invoices' });
    expect(splitObjectName('billing.dunning(int)')).toEqual({ schema: 'billing', name: 'dunning' });
    expect(splitObjectName('"unterminated')).toBeUndefined();
    expect(splitObjectName('a.b.c.d')).toBeUndefined();
  });
});

describe('collectProbes', () => {
  const probes = async (sql: string) => collectProbes(await parseStatement(sql));

  it('finds the object argument of each probe by arity', async () => {
    expect(await probes("select has_table_privilege('ana', 'billing.invoices', 'select')")).toEqual([
      { via: 'has_table_privilege()', kind: 'relation', name: { schema: 'billing', name: 'invoices' } },
    ]);
    expect(await probes("select has_column_privilege('billing.invoices', 'amount', 'select')")).toEqual([
      { via: 'has_column_privilege()', kind: 'relation', name: { schema: 'billing', name: 'invoices' } },
    ]);
    expect(await probes("select obj_description(16400, 'pg_proc'), pg_database_size('postgres')")).toEqual([
      { via: 'obj_description()', kind: 'function' },
      { via: 'pg_database_size()', kind: 'database', name: { schema: undefined, name: 'postgres' } },
    ]);
  });

  it('reports casts of constants to reg types once, and leaves tableoid::regclass and user functions alone', async () => {
    expect(await probes("select pg_relation_size('billing.invoices'::regclass), 'x'::regnamespace")).toEqual([
      { via: '::regclass', kind: 'relation', name: { schema: 'billing', name: 'invoices' } },
      { via: '::regnamespace', kind: 'schema', name: { schema: undefined, name: 'x' } },
    ]);
    expect(await probes('select tableoid::regclass, app.to_regclass(x) from t')).toEqual([]);
  });
});
