import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureDatabase, startFixtureDatabase } from '../test/fixture-database.ts';
import { functionCatalogFor, loadFunctionCatalog } from './function-catalog.ts';

let fixture: FixtureDatabase;
let admin: pg.Pool;
let reader: pg.Pool;

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  admin = new pg.Pool({ connectionString: fixture.superuserUrl, max: 1 });
  reader = new pg.Pool({ connectionString: fixture.readerUrl, max: 1 });
  // A connection still closing when the cluster stops reports its end: not a failure of these tests.
  for (const pool of [admin, reader]) pool.on('error', () => {});
});

afterAll(async () => {
  await admin?.end();
  await reader?.end();
  await fixture?.stop();
});

describe('loadFunctionCatalog', () => {
  it('reports the volatility PostgreSQL records for built-in functions, and undefined for unknown ones', async () => {
    const catalog = await loadFunctionCatalog(reader);
    expect(catalog.volatilityOf('lower', undefined)).toBe('i');
    expect(catalog.volatilityOf('now', undefined)).toBe('s');
    expect(catalog.volatilityOf('random', undefined)).toBe('v');
    expect(catalog.volatilityOf('pg_sleep', 'pg_catalog')).toBe('v');
    expect(catalog.volatilityOf('count', undefined)).toBe('i');
    expect(catalog.volatilityOf('no_such_function', undefined)).toBeUndefined();
    expect(catalog.volatilityOf('now', 'no_such_schema')).toBeUndefined();
  });

  it('finds user functions by schema, and bare names only in pg_catalog and the search path', async () => {
    const catalog = await loadFunctionCatalog(reader);
    expect(catalog.volatilityOf('bump_canary', 'app')).toBe('v');
    expect(catalog.volatilityOf('sneaky_stable', 'app')).toBe('s');
    expect(catalog.volatilityOf('bump_canary', undefined)).toBeUndefined(); // default search path: public
    expect(catalog.volatilityOf('bump_canary', undefined, ['app'])).toBe('v');
    const appFirst = await loadFunctionCatalog(reader, { searchPath: ['app', 'public'] });
    expect(appFirst.volatilityOf('sneaky_stable', undefined)).toBe('s');
  });

  it('takes the most volatile overload of a bare name, and sees new functions after refresh()', async () => {
    const catalog = await loadFunctionCatalog(reader);
    expect(catalog.volatilityOf('upper', undefined)).toBe('i');
    // A volatile overload of a safe built-in name, in a schema on the search path.
    await admin.query(
      'create function public.upper(n int) returns int language sql volatile as $$ select n $$; ' +
        'create function public.gatehouse_added() returns int language sql immutable as $$ select 1 $$',
    );
    try {
      expect(catalog.volatilityOf('upper', undefined)).toBe('i');
      await catalog.refresh();
      expect(catalog.volatilityOf('upper', undefined)).toBe('v');
      expect(catalog.volatilityOf('upper', undefined, ['app'])).toBe('i');
      expect(catalog.volatilityOf('upper', 'pg_catalog')).toBe('i');
      expect(catalog.volatilityOf('gatehouse_added', undefined)).toBe('i');
    } finally {
      await admin.query('drop function public.upper(int); drop function public.gatehouse_added()');
    }
  });
});

describe('functionCatalogFor', () => {
  it('loads once per pool and shares the catalog', async () => {
    const first = functionCatalogFor(reader);
    const second = functionCatalogFor(reader);
    expect(second).toBe(first);
    expect(await functionCatalogFor(admin)).not.toBe(await first);
    expect((await first).volatilityOf('lower', undefined)).toBe('i');
  });

  it('does not keep a failed load: the next call tries again', async () => {
    const broken = new pg.Pool({
      connectionString: fixture.readerUrl.replace(/:[^:@/]+@/, ':wrong@'),
      max: 1,
    });
    try {
      const failed = functionCatalogFor(broken);
      await expect(failed).rejects.toThrow(/password authentication failed/);
      expect(functionCatalogFor(broken)).not.toBe(failed);
      await functionCatalogFor(broken).catch(() => {});
    } finally {
      await broken.end();
    }
  });
});
