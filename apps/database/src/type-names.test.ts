import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureDatabase, startFixtureDatabase } from '../test/fixture-database.ts';
import { TypeNames } from './type-names.ts';

let fixture: FixtureDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  pool = new pg.Pool({ connectionString: fixture.readerUrl, max: 1 });
});

afterAll(async () => {
  await pool?.end();
  await fixture?.stop();
});

describe('TypeNames', () => {
  it('names each field’s type as PostgreSQL formats it, typmod included, asking once per type', async () => {
    const result = await pool.query({
      text: "select 1::int8 as a, 1.5::numeric(6,2) as b, 'x'::varchar(12) as c, now() as d, 2::int8 as e",
      rowMode: 'array',
    });
    const names = new TypeNames();
    let asked = 0;
    const counting = {
      query: (...args: Parameters<pg.Pool['query']>) => {
        asked++;
        return (pool.query as (...a: unknown[]) => unknown)(...args);
      },
    } as unknown as pg.Pool;
    expect(await names.of(counting, result.fields)).toEqual([
      'bigint',
      'numeric(6,2)',
      'character varying(12)',
      'timestamp with time zone',
      'bigint',
    ]);
    expect(await names.of(counting, result.fields.slice(0, 2))).toEqual(['bigint', 'numeric(6,2)']);
    expect(asked).toBe(1);
    expect(await names.of(counting, [])).toEqual([]);
  });
});
