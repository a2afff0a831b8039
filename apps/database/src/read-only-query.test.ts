import { ToolError } from '@gatehouse/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_VALUE,
  type FixtureDatabase,
  SECRET_TOKEN,
  startFixtureDatabase,
} from '../test/fixture-database.ts';
import { records } from '../test/records.ts';
import { type ColumnMask, type ReadOnlyLimits, runReadOnlyQuery } from './read-only-query.ts';

let fixture: FixtureDatabase;
let admin: pg.Pool;
let reader: pg.Pool;
let superuser: pg.Pool;

const limits: ReadOnlyLimits = {
  statementTimeoutMs: 2000,
  lockTimeoutMs: 500,
  idleInTransactionTimeoutMs: 2000,
  maxRows: 100,
  maxBytes: 100_000,
  searchPath: ['app', 'public'],
};
const masks: ColumnMask[] = [
  { schema: 'app', table: 'customers', column: 'email' },
  { schema: 'app', table: 'customers', column: 'ssn' },
];

/** The result, with its rows also as records for assertions. */
async function run(
  pool: pg.Pool,
  sql: string,
  options: {
    offset?: number;
    limits?: Partial<ReadOnlyLimits>;
    masks?: ColumnMask[];
    signal?: AbortSignal;
    allowFunctions?: string[];
  } = {},
) {
  const result = await runReadOnlyQuery(pool, sql, {
    offset: options.offset ?? 0,
    limits: { ...limits, ...options.limits },
    masks: options.masks ?? [],
    allowFunctions: options.allowFunctions ?? [],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...result, records: records(result) };
}

async function refusal(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolError);
  return error as ToolError;
}

async function backendPid(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
}

async function canary(): Promise<string> {
  return (await admin.query<{ value: string }>('select value from app.canary where id = 1')).rows[0]!.value;
}

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  admin = new pg.Pool({ connectionString: fixture.superuserUrl, max: 2 });
  // The reader's connection pipelines (as the server's pools do); the superuser's waits for each reply in turn.
  reader = new pg.Pool({ connectionString: fixture.readerUrl, max: 1, pipeline: true });
  superuser = new pg.Pool({ connectionString: fixture.superuserUrl, max: 1 });
  for (const pool of [admin, reader, superuser]) pool.on('error', () => {});
});

afterAll(async () => {
  await Promise.all([admin?.end(), reader?.end(), superuser?.end()]);
  await fixture?.stop();
});

describe('runReadOnlyQuery: results', () => {
  it('returns column names and JSON-exact values', async () => {
    const result = await run(
      reader,
      'select id, total, 9007199254740993::int8 as big, true as ok, \'{"a":1}\'::jsonb as doc, ' +
        "timestamptz '2024-01-01 00:00:00+00' as at, array[1,2] as ids from orders where id = 1",
    );
    expect(result.columns).toEqual(['id', 'total', 'big', 'ok', 'doc', 'at', 'ids']);
    expect(result.records).toEqual([
      {
        // A bigint is a number while it is one exactly, else its digits.
        id: 1,
        total: '1.25',
        big: '9007199254740993',
        ok: true,
        doc: { a: 1 },
        at: '2024-01-01 00:00:00+00',
        ids: [1, 2],
      },
    ]);
    expect(result.rows).toHaveLength(1);
    expect(result.truncated).toBe(false);
  });

  it('pages with maxRows and an offset, and says when rows were cut', async () => {
    const sql = 'select id from app.customers order by id';
    const first = await run(reader, sql, { limits: { maxRows: 20 } });
    expect(first.records.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(first.truncated).toEqual({ reason: 'rows', limit: 20 });
    const last = await run(reader, sql, { offset: 40, limits: { maxRows: 20 } });
    expect(last.records.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 41));
    expect(last.truncated).toBe(false);
  });

  it('keeps the paging wrapper intact when the statement ends in a line comment', async () => {
    const result = await run(reader, 'select id from app.customers order by id -- the last line', {
      limits: { maxRows: 3 },
    });
    expect(result.records).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(result.truncated).toEqual({ reason: 'rows', limit: 3 });
  });

  it('cuts a result at maxBytes of JSON and says so', async () => {
    const result = await run(reader, 'select id, customer_id, total, note from app.orders order by id', {
      limits: { maxBytes: 2000 },
    });
    expect(result.truncated).toEqual({ reason: 'bytes', limit: 2000 });
    expect(Buffer.byteLength(JSON.stringify(result.rows))).toBeLessThanOrEqual(2000);
    expect(result.rows.length).toBeGreaterThan(5);
  });

  it('cuts a result too large for the wire before it is all in memory', async () => {
    const result = await run(
      reader,
      "select n, repeat('x', 300000) as pad from generate_series(1, 1000) as n",
      {
        limits: { maxBytes: 10_000 },
      },
    );
    expect(result.truncated).toEqual({ reason: 'bytes', limit: 10_000 });
    expect(result.rows.length).toBe(1);
    const error = await refusal(
      run(reader, "select repeat('x', 5000000) as huge", { limits: { maxBytes: 1000 } }),
    );
    expect(error.code).toBe('sql_result_too_large');
  });

  it('runs EXPLAIN ANALYZE of a read only when the caller allows it', async () => {
    const sql = 'explain analyze select count(*) from app.orders';
    expect((await refusal(run(reader, sql))).code).toBe('sql_explain_analyze');
    const allowed = await runReadOnlyQuery(reader, sql, {
      offset: 0,
      limits,
      masks: [],
      allowExplainAnalyze: true,
    });
    expect(allowed.rows.map((r) => r[0]).join('\n')).toMatch(/actual time=/);
  });

  it('runs SHOW and EXPLAIN as they are', async () => {
    const show = await run(reader, 'show search_path');
    expect(show.records).toEqual([{ search_path: 'app, public' }]);
    const plan = await run(reader, 'explain select * from app.customers where id = 1');
    expect(plan.columns).toEqual(['QUERY PLAN']);
    expect(String(plan.rows[0]?.[0])).toMatch(/customers/);
  });
});

describe('runReadOnlyQuery: masking', () => {
  it('masks columns by the table column they come from, also under another name', async () => {
    const direct = await run(reader, 'select id, email, ssn, name from app.customers where id = 1', {
      masks,
    });
    expect(direct.records).toEqual([{ id: 1, email: '[masked]', ssn: '[masked]', name: 'Customer 1' }]);
    expect(direct.masked).toEqual(['email', 'ssn']);
    const aliased = await run(reader, 'select email as contact from app.customers order by id limit 1', {
      masks,
    });
    expect(aliased.records).toEqual([{ contact: '[masked]' }]);
    expect(aliased.masked).toEqual(['contact']);
  });

  it('masks view columns by their lineage, expressions by name, and leaves other columns alone', async () => {
    const view = await run(
      reader,
      'select name, email, ssn as x from app.customer_contacts order by id limit 1',
      { masks },
    );
    expect(view.records).toEqual([{ name: 'Customer 1', email: '[masked]', x: '[masked]' }]);
    // An expression named like a masked column of a table the statement reads is masked too.
    const named = await run(reader, "select 'a@b.c' as email from app.customers limit 1", { masks });
    expect(named.records).toEqual([{ email: '[masked]' }]);
    // A literal written into the statement is not the database's data.
    const values = await run(reader, "select * from (values ('a@b.c')) as v(email)", { masks });
    expect(values.records).toEqual([{ email: 'a@b.c' }]);
    const unmasked = await run(reader, 'select id, email from app.customers where id = 2', { masks: [] });
    expect(unmasked.records).toEqual([{ id: 2, email: 'customer2@example.com' }]);
    expect(unmasked.masked).toEqual([]);
  });

  it('keeps null values null', async () => {
    await admin.query('update app.customers set ssn = null where id = 50');
    const result = await run(reader, 'select ssn from app.customers where id = 50', { masks });
    expect(result.records).toEqual([{ ssn: null }]);
  });
});

describe('runReadOnlyQuery: refusals and errors', () => {
  it('refuses what the SQL guard refuses before anything reaches the database', async () => {
    const before = await backendPid(reader);
    const error = await refusal(run(reader, "update app.canary set value = 'x'"));
    expect(error.code).toBe('sql_not_read_only');
    expect(await canary()).toBe(CANARY_VALUE);
    expect(await backendPid(reader)).toBe(before);
  });

  it('refuses a PL/pgSQL function it cannot look into, unless the operator trusts it', async () => {
    const error = await refusal(run(superuser, 'select app.sneaky_stable()'));
    expect(error.code).toBe('sql_function_unresolvable');
    expect(error.message).toContain('allowFunctions');
  });

  it('holds with a trusted function that writes after all: the READ ONLY transaction refuses the write', async () => {
    const error = await refusal(
      run(superuser, 'select app.sneaky_stable()', { allowFunctions: ['app.sneaky_stable'] }),
    );
    expect(error.code).toBe('sql_read_only');
    expect(await canary()).toBe(CANARY_VALUE);
  });

  it('reports missing privileges without the data', async () => {
    const error = await refusal(run(reader, 'select token from secrets.api_keys'));
    expect(error.code).toBe('sql_permission_denied');
    expect(error.message).toMatch(/permission denied for schema secrets/);
    expect(error.message).not.toContain(SECRET_TOKEN);
  });

  it('stops a statement at statement_timeout and destroys its connection', async () => {
    const before = await backendPid(reader);
    const started = Date.now();
    const error = await refusal(
      run(reader, 'select count(*) from generate_series(1, 10000000000)', {
        limits: { statementTimeoutMs: 300 },
      }),
    );
    expect(error.code).toBe('sql_timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await backendPid(reader)).not.toBe(before);
  });

  it('gives up on a lock after lock_timeout', async () => {
    const holder = await admin.connect();
    try {
      await holder.query('begin; lock table app.canary in access exclusive mode');
      const error = await refusal(
        run(reader, 'select * from app.canary', { limits: { lockTimeoutMs: 200 } }),
      );
      expect(error.code).toBe('sql_lock_timeout');
    } finally {
      await holder.query('rollback');
      holder.release();
    }
  });

  it('cancels the running statement in the database when the caller aborts', async () => {
    const controller = new AbortController();
    const sql = 'select count(*) from generate_series(1, 10000000001)';
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = await refusal(
      run(reader, sql, { limits: { statementTimeoutMs: 20_000 }, signal: controller.signal }),
    );
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1500);
    await expect
      .poll(
        async () =>
          (
            await admin.query(
              "select count(*)::int as n from pg_stat_activity where query like '%10000000001%' and state = 'active' and pid <> pg_backend_pid()",
            )
          ).rows[0].n,
      )
      .toBe(0);
    const aborted = AbortSignal.abort();
    expect((await refusal(run(reader, 'select 1', { signal: aborted }))).code).toBe('cancelled');
  });

  it('gives up waiting for a busy pool when the caller aborts', async () => {
    const holder = await reader.connect(); // the pool's only connection
    try {
      const controller = new AbortController();
      const waiting = run(reader, 'select 1', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      expect((await refusal(waiting)).code).toBe('cancelled');
    } finally {
      holder.release();
    }
    expect((await run(reader, 'select 1 as one')).records).toEqual([{ one: 1 }]);
  });

  it('refuses limits that are not positive integers', async () => {
    const error = await refusal(run(reader, 'select 1', { limits: { statementTimeoutMs: 0 } }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/statementTimeoutMs/);
  });
});

describe('runReadOnlyQuery: connection state', () => {
  it('returns a clean connection to the pool: no setting of the call outlives it', async () => {
    const before = await backendPid(reader);
    await run(reader, 'select 1', { limits: { searchPath: ['secrets'], statementTimeoutMs: 1234 } });
    expect(await backendPid(reader)).toBe(before);
    const { rows } = await reader.query(
      "select current_setting('search_path') as sp, current_setting('statement_timeout') as st, " +
        "current_setting('transaction_read_only') as ro, current_setting('lock_timeout') as lt",
    );
    expect(rows[0]).toEqual({ sp: '"$user", public', st: '0', ro: 'off', lt: '0' });
  });

  it('resets session state that a statement changed behind the guard’s back', async () => {
    // app.sneaky_session() is labelled STABLE but sets work_mem for the session and takes an advisory lock.
    const before = await backendPid(reader);
    const result = await run(reader, 'select app.sneaky_session() as n', {
      allowFunctions: ['app.sneaky_session'],
    });
    expect(result.records).toEqual([{ n: 1 }]);
    expect(await backendPid(reader)).toBe(before);
    const { rows } = await reader.query(
      "select current_setting('work_mem') as work_mem, " +
        "(select count(*)::int from pg_locks where pid = pg_backend_pid() and locktype = 'advisory') as advisory",
    );
    expect(rows[0]).toEqual({ work_mem: '4MB', advisory: 0 });
  });
});
