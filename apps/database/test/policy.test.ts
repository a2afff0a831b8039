import { connectInMemory, parsePolicy } from '@gatehouse/kit/testing';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseServer } from '../src/server.ts';
import {
  BILLING_ONLY,
  type DemoHarness,
  data,
  PUBLIC_ONLY,
  READER,
  refusal,
  startDemoHarness,
  table,
} from './demo-fixture.ts';

// The policy reaches inside SQL: a query is authorized on its database before it is parsed, then on every table
// it reads (`db:<database>/<schema>.<table>`). PUBLIC_ONLY's role allows db:demo, db:demo/public and
// db:demo/public.* — nothing in billing — while the database's own lists offer both schemas.

let harness: DemoHarness;
let publicOnly: Client;
let reader: Client;

beforeAll(async () => {
  harness = await startDemoHarness();
  publicOnly = (await harness.connect(PUBLIC_ONLY)).client;
  reader = (await harness.connect(READER)).client;
});
afterAll(() => harness?.close());

const records = (actor: string, name: string) =>
  harness.audit.records.filter((r) => r.actor === actor && r.name === name);

describe('query under a policy limited to public tables', () => {
  it('refuses billing.invoices with forbidden, naming the table, and audits the refused target', async () => {
    const result = refusal(
      await publicOnly.callTool({
        name: 'query',
        arguments: { database: 'demo', sql: 'SELECT count(*) FROM billing.invoices' },
      }),
    );
    expect(result.isError).toBe(true);
    expect(result.text).toContain('forbidden');
    expect(result.text).toContain('target db:demo/billing.invoices is not in any allowlist of bo');
    expect(result.meta).toContain('"code":"forbidden"');
    expect(records('bo', 'query').at(-1)).toMatchObject({
      target: 'db:demo/billing.invoices',
      targets: ['db:demo', 'db:demo/billing.invoices'],
      decision: 'denied',
      code: 'forbidden',
    });
  });

  it('reads public.customers, found on the search path, and records the table it read', async () => {
    const result = table(
      await publicOnly.callTool({
        name: 'query',
        arguments: { database: 'demo', sql: 'SELECT count(*)::int AS n FROM customers' },
      }),
    );
    expect(result.records).toEqual([{ n: 600 }]);
    expect(records('bo', 'query').at(-1)).toMatchObject({
      target: 'db:demo',
      targets: ['db:demo', 'db:demo/public.customers'],
      decision: 'allowed',
      outcome: 'ok',
    });
  });

  it('finds a billing table hidden in a join, a subquery or a CTE', async () => {
    for (const [sql, table] of [
      [
        'SELECT c.id FROM customers c JOIN billing.subscriptions s ON s.customer_id = c.id LIMIT 1',
        'billing.subscriptions',
      ],
      [
        'SELECT id FROM customers WHERE id IN (SELECT customer_id FROM billing.invoices) LIMIT 1',
        'billing.invoices',
      ],
      ['WITH i AS (SELECT id FROM billing.invoices) SELECT count(*) FROM i', 'billing.invoices'],
    ] as const) {
      const result = refusal(
        await publicOnly.callTool({ name: 'query', arguments: { database: 'demo', sql } }),
      );
      expect(result.text, sql).toContain(`forbidden: target db:demo/${table} is not in any allowlist`);
    }
  });

  it('treats system catalogs as tables of their schema: not granted, not read', async () => {
    const result = refusal(
      await publicOnly.callTool({
        name: 'query',
        arguments: { database: 'demo', sql: 'SELECT relname FROM pg_class LIMIT 1' },
      }),
    );
    expect(result.text).toContain('target db:demo/pg_catalog.pg_class');
  });

  it('leaves a caller whose policy allows billing to read it', async () => {
    const result = table(
      await reader.callTool({
        name: 'query',
        arguments: { database: 'demo', sql: 'SELECT count(*)::int AS n FROM billing.invoices' },
      }),
    );
    expect(result.records[0]?.n).toBeGreaterThan(0);
  });
});

describe('explain_query under the same policy', () => {
  it('refuses to show the plan of a billing read, and explains a public one', async () => {
    const refused = refusal(
      await publicOnly.callTool({
        name: 'explain_query',
        arguments: { database: 'demo', sql: 'SELECT * FROM billing.invoices WHERE customer_id = 1' },
      }),
    );
    expect(refused.text).toContain('forbidden: target db:demo/billing.invoices');
    expect(refused.text).not.toContain('Scan');
    const plan = await publicOnly.callTool({
      name: 'explain_query',
      arguments: { database: 'demo', sql: 'SELECT * FROM orders WHERE customer_id = 1' },
    });
    expect(plan.isError, refusal(plan).text).toBeFalsy();
  });
});

describe('listings under the same policy', () => {
  const tableNames = async (client: Client) =>
    data<{ tables: { schema: string; name: string }[] }>(
      await client.callTool({ name: 'list_tables', arguments: { database: 'demo' } }),
    ).tables.map((t) => `${t.schema}.${t.name}`);

  it('lists only the tables the caller may read', async () => {
    const visible = await tableNames(publicOnly);
    expect(visible).toContain('public.customers');
    expect(visible.every((name) => name.startsWith('public.'))).toBe(true);
    expect(await tableNames(reader)).toContain('billing.invoices');
  });

  it('lists only the schemas the caller may use', async () => {
    const schemas = (client: Client) =>
      client.callTool({ name: 'list_schemas', arguments: { database: 'demo' } }).then((r) =>
        data<{ schemas: { name: string }[] }>(r)
          .schemas.map((s) => s.name)
          .sort(),
      );
    expect(await schemas(publicOnly)).toEqual(['public']);
    expect(await schemas(reader)).toEqual(['billing', 'public']);
  });

  it('does not name billing tables among the foreign keys into a public table', async () => {
    const incoming = async (client: Client) =>
      data<{ foreignKeysIn: string[] }>(
        await client.callTool({
          name: 'describe_table',
          arguments: { database: 'demo', table: 'customers' },
        }),
      ).foreignKeysIn;
    expect((await incoming(reader)).some((fk) => fk.startsWith('billing.'))).toBe(true);
    const seen = await incoming(publicOnly);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((fk) => fk.includes('billing'))).toBe(false);
  });

  it('does not name public tables among the foreign keys out of a billing table for a billing-only caller', async () => {
    const billingOnly = (await harness.connect(BILLING_ONLY)).client;
    const outgoing = async (client: Client) =>
      data<{ foreignKeysOut: string[] }>(
        await client.callTool({
          name: 'describe_table',
          arguments: { database: 'demo', schema: 'billing', table: 'invoices' },
        }),
      ).foreignKeysOut;
    const all = await outgoing(reader);
    expect(all.some((fk) => fk.includes('public.customers'))).toBe(true);
    expect(all.some((fk) => fk.includes('billing.subscriptions'))).toBe(true);
    const seen = await outgoing(billingOnly);
    expect(seen.some((fk) => fk.includes('billing.subscriptions'))).toBe(true);
    expect(seen.some((fk) => fk.includes('public.'))).toBe(false);
  });
});

/** The JSON-RPC error a refused prompt get or resource read ends with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { message: string; data?: { code?: string } },
  );

const promptText = (result: { messages: { content: unknown }[] }) =>
  result.messages.map((m) => (m.content as { text: string }).text).join('\n');

describe('prompts under the same policy', () => {
  it('explain_slow_query refuses the plan of a billing read, naming the table, and audits it', async () => {
    const refused = await failure(
      publicOnly.getPrompt({
        name: 'explain_slow_query',
        arguments: {
          database: 'demo',
          sql: 'SELECT * FROM customers c JOIN billing.invoices i ON i.customer_id = c.id',
        },
      }),
    );
    expect(refused?.data?.code).toBe('forbidden');
    expect(refused?.message).toContain('target db:demo/billing.invoices is not in any allowlist of bo');
    expect(refused?.message).not.toContain('Scan');
    expect(records('bo', 'explain_slow_query').at(-1)).toMatchObject({
      kind: 'prompt',
      target: 'db:demo/billing.invoices',
      targets: ['db:demo', 'db:demo/public.customers', 'db:demo/billing.invoices'],
      decision: 'denied',
      code: 'forbidden',
    });
  });

  it('explain_slow_query explains a public read for the same caller, recording the tables it checked', async () => {
    const body = promptText(
      await publicOnly.getPrompt({
        name: 'explain_slow_query',
        arguments: { database: 'demo', sql: 'SELECT * FROM orders WHERE customer_id = 1' },
      }),
    );
    expect(body).toContain('- public.orders (about 2400 rows');
    expect(records('bo', 'explain_slow_query').at(-1)).toMatchObject({
      target: 'db:demo',
      targets: ['db:demo', 'db:demo/public.orders'],
      decision: 'allowed',
      outcome: 'ok',
    });
  });

  it('review_migration refuses a migration touching a billing table, naming it, and audits it', async () => {
    const refused = await failure(
      publicOnly.getPrompt({
        name: 'review_migration',
        arguments: {
          database: 'demo',
          sql: 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE billing.invoices ADD COLUMN note text;',
        },
      }),
    );
    expect(refused?.data?.code).toBe('forbidden');
    expect(refused?.message).toContain('target db:demo/billing.invoices is not in any allowlist of bo');
    expect(refused?.message).not.toMatch(/rows|ACCESS EXCLUSIVE/);
    expect(records('bo', 'review_migration').at(-1)).toMatchObject({
      kind: 'prompt',
      target: 'db:demo/billing.invoices',
      targets: ['db:demo', 'db:demo/public.orders', 'db:demo/billing.invoices'],
      decision: 'denied',
      code: 'forbidden',
    });
  });

  it('review_migration reviews a public migration for the same caller, and the billing one for a reader', async () => {
    const sql = 'ALTER TABLE billing.invoices ADD COLUMN note text;';
    expect(
      promptText(await reader.getPrompt({ name: 'review_migration', arguments: { database: 'demo', sql } })),
    ).toMatch(/billing\.invoices \(about \d+ rows/);
    const body = promptText(
      await publicOnly.getPrompt({
        name: 'review_migration',
        arguments: { database: 'demo', sql: 'ALTER TABLE orders ADD COLUMN note text;' },
      }),
    );
    expect(body).toMatch(/public\.orders \(about 2400 rows/);
  });
});

describe('resources under the same policy', () => {
  const document = async (client: Client, uri: string) =>
    ((await client.readResource({ uri })).contents[0] as { text: string }).text;

  it('the schema document of public.customers names no billing table among its foreign keys', async () => {
    expect(await document(reader, 'db://demo/public/customers')).toContain('in from billing.');
    const doc = await document(publicOnly, 'db://demo/public/customers');
    expect(doc).toContain('in from public.orders');
    expect(doc).not.toContain('billing.');
  });

  it('the migrations resource reads a history table only when the caller may read that table', async () => {
    expect(await document(publicOnly, 'db://demo/migrations')).toContain(
      '## flyway (public.flyway_schema_history)',
    );
    // May use the database and its customers, not the history table: the resource opens, the history stays shut.
    const policy = parsePolicy(
      `
roles:
  customers-only:
    scopes: [db:read]
    tools: ["*"]
    targets: ["db:demo", "db:demo/public.customers"]
`,
      'customers-only-policy',
    );
    const connection = await connectInMemory(databaseServer(harness.connections), {
      policy,
      boundaries: harness.connections.boundaries(),
      audit: harness.audit,
      identity: { actor: 'cy', roles: ['customers-only'], scopes: [], via: 'stdio' },
    });
    try {
      const doc = await document(connection.client, 'db://demo/migrations');
      expect(doc).toContain('No migration table of a known tool');
      expect(doc).not.toContain('flyway_schema_history');
    } finally {
      await connection.close();
    }
  });
});
