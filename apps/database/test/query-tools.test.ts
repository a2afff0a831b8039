import { connectInMemory } from '@gatehouse/kit/testing';
import type { Client } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabaseConfig } from '../src/config.ts';
import { Connections } from '../src/connections.ts';
import { databaseServer } from '../src/server.ts';
import { type DemoHarness, data, POLICY, READER, refusal, startDemoHarness, table } from './demo-fixture.ts';

let harness: DemoHarness;
let client: Client;

beforeAll(async () => {
  harness = await startDemoHarness();
  client = (await harness.connect()).client;
});
afterAll(() => harness?.close());

const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

describe('sample_rows', () => {
  it('shows a few rows with the personal-data columns masked', async () => {
    const result = table(await call('sample_rows', { database: 'demo', table: 'customers', limit: 3 }));
    expect(result.rows).toHaveLength(3);
    expect(result.masked.sort()).toEqual(['email', 'national_id', 'phone']);
    for (const row of result.records) {
      expect(row.email).toBe('[masked]');
      expect(row.national_id).toBe('[masked]');
      expect([null, '[masked]']).toContain(row.phone);
      expect(typeof row.name).toBe('string');
      expect(row.name).not.toBe('[masked]');
    }
    // The same rows, read directly: the values exist and are not what the caller saw.
    const direct = new pg.Client({ connectionString: harness.demo.superuserUrl });
    await direct.connect();
    const { rows } = await direct.query<{ email: string }>('SELECT email FROM customers LIMIT 3');
    await direct.end();
    expect(rows.every((r) => r.email.includes('@'))).toBe(true);
  });

  it('applies the masks of the database it is asked about, and refuses denied tables', async () => {
    const restricted = table(await call('sample_rows', { database: 'restricted', table: 'customers' }));
    expect(restricted.masked.sort()).toEqual(['email', 'name']);
    expect(restricted.records[0]?.name).toBe('[masked]');
    const denied = refusal(
      await call('sample_rows', { database: 'restricted', schema: 'billing', table: 'invoices' }),
    );
    expect(denied.text).toContain('forbidden');
    expect(denied.text).toContain('databases[restricted].denyTables excludes it');
  });
});

describe('query', () => {
  it('runs a read through the read-only role and masks by source column, even renamed', async () => {
    const who = table(await call('query', { database: 'demo', sql: 'SELECT current_user AS who' }));
    expect(who.records).toEqual([{ who: 'gatehouse_reader' }]);
    const result = table(
      await call('query', {
        database: 'demo',
        sql: 'SELECT c.id, c.email AS contact, c.country FROM customers c ORDER BY c.id LIMIT 2',
      }),
    );
    expect(result.rows).toHaveLength(2);
    expect(result.records.every((r) => r.contact === '[masked]')).toBe(true);
    expect(result.masked).toEqual(['contact']);
    expect(result.columns).toEqual(['id', 'contact', 'country']);
    const count = table(
      await call('query', { database: 'demo', sql: 'SELECT count(*)::int AS n FROM orders' }),
    );
    expect(count.records).toEqual([{ n: 2400 }]);
  });

  it('refuses to filter on a masked column, so the mask cannot be bypassed', async () => {
    const result = refusal(
      await call('query', { database: 'demo', sql: "SELECT id FROM customers WHERE email LIKE 'a%'" }),
    );
    expect(result.isError).toBe(true);
    expect(result.text).toContain('sql_masked_column');
  });

  it('refuses writes and stacked statements with the guard code, and nothing changes', async () => {
    for (const [sql, code] of [
      ['DELETE FROM orders', 'sql_not_read_only'],
      ['SELECT 1; DELETE FROM orders', 'sql_multiple_statements'],
      ['SELECT * FROM orders FOR UPDATE', 'sql_locking_clause'],
    ] as const) {
      const result = refusal(await call('query', { database: 'demo', sql }));
      expect(result.isError, sql).toBe(true);
      expect(result.text, sql).toContain(code);
    }
    const count = table(
      await call('query', { database: 'demo', sql: 'SELECT count(*)::int AS n FROM orders' }),
    );
    expect(count.records).toEqual([{ n: 2400 }]);
  });

  it('refuses relations outside the allow/deny lists (kit boundaries), qualified or found on the search path, audited', async () => {
    const cases = [
      [
        'demo',
        'SELECT * FROM internal.api_tokens',
        'internal.api_tokens',
        'it is not in databases[demo].allowSchemas',
      ],
      [
        'restricted',
        'SELECT count(*) FROM billing.invoices',
        'billing.invoices',
        'databases[restricted].denyTables excludes it',
      ],
      [
        'restricted',
        'SELECT * FROM flyway_schema_history',
        'public.flyway_schema_history',
        'databases[restricted].denyTables excludes it',
      ],
      [
        'restricted',
        'SELECT o.id FROM orders o WHERE o.customer_id IN (SELECT customer_id FROM billing.invoices)',
        'billing.invoices',
        'databases[restricted].denyTables excludes it',
      ],
    ] as const;
    for (const [database, sql, relation, reason] of cases) {
      const result = refusal(await call('query', { database, sql }));
      expect(result.text, sql).toContain('forbidden');
      expect(result.text, sql).toContain(
        `target db:${database}/${relation} is outside this server's boundary: ${reason}`,
      );
      expect(harness.audit.records.at(-1), sql).toMatchObject({
        name: 'query',
        target: `db:${database}/${relation}`,
        decision: 'denied',
        code: 'forbidden',
      });
    }
    // A WITH query named like nothing in the catalog is not mistaken for a table.
    const cte = table(
      await call('query', {
        database: 'restricted',
        sql: 'WITH recent AS (SELECT id FROM orders) SELECT count(*)::int AS n FROM recent',
      }),
    );
    expect(cte.records).toEqual([{ n: 2400 }]);
  });

  it('pages through a long result with the cursor, at the page size or the database row cap', async () => {
    const sql = 'SELECT id FROM orders ORDER BY id';
    const first = table(await call('query', { database: 'demo', sql }));
    expect(first.records.map((r) => Number(r.id))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(first.truncated).toMatchObject({ reason: 'rows' });
    expect(first.nextCursor).toBeTypeOf('string');
    const second = table(await call('query', { database: 'demo', sql, cursor: first.nextCursor }));
    expect(second.records[0]?.id).toBe(101);

    const capped = table(await call('query', { database: 'restricted', sql }));
    expect(capped.records.map((r) => Number(r.id))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(capped.truncated).toEqual({ reason: 'rows', limit: 7 });
    const next = table(await call('query', { database: 'restricted', sql, cursor: capped.nextCursor }));
    expect(next.records.map((r) => Number(r.id))).toEqual([8, 9, 10, 11, 12, 13, 14]);
    // A cursor is bound to its arguments.
    const reused = refusal(
      await call('query', { database: 'restricted', sql: 'SELECT 1', cursor: capped.nextCursor }),
    );
    expect(reused.text).toContain('invalid_cursor');
  });

  it('stops a statement at the database statement timeout, and the next call works', async () => {
    const started = Date.now();
    const slow = refusal(
      await call('query', {
        database: 'restricted',
        sql: 'SELECT count(*) FROM orders a, orders b, orders c',
      }),
    );
    expect(slow.text).toContain('sql_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
    const next = table(await call('query', { database: 'restricted', sql: 'SELECT 1 AS one' }));
    expect(next.records).toEqual([{ one: 1 }]);
    // The limits are the database's own, set LOCAL for each statement.
    const setting = table(await call('query', { database: 'restricted', sql: 'SHOW statement_timeout' }));
    expect(setting.records).toEqual([{ statement_timeout: '500ms' }]);
  });

  it('reports an unreachable database as a clear error without crashing', async () => {
    const gone = new Connections([
      demoDatabaseConfig('postgres://gatehouse_reader:secret-pw@127.0.0.1:1/demo'),
    ]);
    const connection = await connectInMemory(databaseServer(gone), {
      policy: POLICY,
      boundaries: gone.boundaries(),
      identity: READER,
    });
    try {
      for (const [name, args] of [
        ['list_schemas', { database: 'demo' }],
        ['query', { database: 'demo', sql: 'SELECT 1' }],
      ] as const) {
        const result = refusal(await connection.client.callTool({ name, arguments: args }));
        expect(result.isError, name).toBe(true);
        expect(result.text, name).toMatch(/upstream_unavailable: Could not connect to the database/);
        expect(result.text, name).not.toContain('secret-pw');
      }
    } finally {
      await connection.close();
      await gone.close();
    }
  });

  it('audits refused and answered queries alike', async () => {
    const before = harness.audit.records.length;
    await call('query', { database: 'demo', sql: 'DROP TABLE orders' });
    await call('query', { database: 'demo', sql: 'SELECT 1 AS one' });
    const records = harness.audit.records.slice(before).filter((r) => r.name === 'query');
    expect(records.map((r) => [r.target, r.outcome])).toEqual([
      ['db:demo', 'error'],
      ['db:demo', 'ok'],
    ]);
  });
});

describe('explain_query', () => {
  it('summarises the plan instead of dumping it', async () => {
    const plan = data<{
      totalCost: number;
      estimatedRows: number;
      nodes: { node: string; condition?: string }[];
      warnings: string[];
    }>(await call('explain_query', { database: 'demo', sql: 'SELECT * FROM orders WHERE customer_id = 42' }));
    expect(plan.totalCost).toBeGreaterThan(0);
    expect(plan.estimatedRows).toBeGreaterThan(0);
    expect(plan.nodes.some((n) => n.node.includes('orders_customer_id_idx'))).toBe(true);
    expect(plan.nodes.some((n) => n.condition?.includes('customer_id = 42'))).toBe(true);
  });

  it('refuses ANALYZE where the database does not allow it, and runs it where it does', async () => {
    const refused = refusal(
      await call('explain_query', { database: 'demo', sql: 'SELECT 1', analyze: true }),
    );
    expect(refused.text).toContain('sql_explain_analyze');
    expect(refused.text).toContain('allowExplainAnalyze is false');
    const analyzed = data<{ executionTimeMs?: number; nodes: { actualRows?: number }[] }>(
      await call('explain_query', {
        database: 'restricted',
        sql: 'SELECT count(*) FROM orders',
        analyze: true,
      }),
    );
    expect(analyzed.executionTimeMs).toBeTypeOf('number');
    expect(analyzed.nodes[0]?.actualRows).toBe(1);
  });

  it('explains only reads it would run, and not EXPLAIN itself', async () => {
    expect(
      refusal(await call('explain_query', { database: 'demo', sql: 'DELETE FROM orders' })).text,
    ).toContain('sql_not_read_only');
    expect(
      refusal(await call('explain_query', { database: 'demo', sql: 'EXPLAIN SELECT 1' })).text,
    ).toContain('without EXPLAIN');
  });
});
