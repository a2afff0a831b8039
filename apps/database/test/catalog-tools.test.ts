import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHarness, data, PUBLIC_ONLY, refusal, startDemoHarness } from './demo-fixture.ts';

let harness: DemoHarness;
let client: Client;

beforeAll(async () => {
  harness = await startDemoHarness();
  client = (await harness.connect()).client;
});
afterAll(() => harness?.close());

const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

describe('the tool list', () => {
  it('offers the nine tools, all read-only', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'describe_table',
        'explain_query',
        'list_databases',
        'list_schemas',
        'list_tables',
        'query',
        'recent_migrations',
        'sample_rows',
        'table_health',
      ].sort(),
    );
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });
});

describe('list_databases', () => {
  it('shows each database with its role and limits, never a password', async () => {
    const result = await call('list_databases', {});
    const { databases } = data<{
      databases: { name: string; role: string; database: string; maxRows: number }[];
    }>(result);
    expect(databases.map((d) => [d.name, d.role, d.database, d.maxRows])).toEqual([
      ['demo', 'gatehouse_reader', 'demo', 200],
      ['restricted', 'gatehouse_reader', 'demo', 7],
    ]);
    const password = new URL(harness.demo.readerUrl).password;
    expect(JSON.stringify(result)).not.toContain(password);
  });
});

describe('list_schemas and list_tables', () => {
  it('lists only the offered schemas, with comments and sizes', async () => {
    const { schemas } = data<{
      schemas: { name: string; comment: string | null; tables: number; bytes: number }[];
    }>(await call('list_schemas', { database: 'demo' }));
    expect(schemas.map((s) => s.name)).toEqual(['billing', 'public']);
    expect(schemas[0]).toMatchObject({
      tables: 2,
      comment: 'Invoices and subscriptions, owned by team-billing',
    });
    expect(schemas[1]?.bytes).toBeGreaterThan(100_000);
  });

  it('lists tables with row estimates, sizes and comments, minus denied ones', async () => {
    const { tables } = data<{
      tables: { schema: string; name: string; rowEstimate: number; comment: string }[];
    }>(await call('list_tables', { database: 'demo' }));
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'billing.invoices',
      'billing.subscriptions',
      'public.customers',
      'public.flyway_schema_history',
      'public.orders',
      'public.support_tickets',
    ]);
    expect(tables.find((t) => t.name === 'customers')).toMatchObject({
      rowEstimate: 600,
      comment: 'One row per paying or trial customer account',
    });
    const restricted = data<{ tables: { schema: string; name: string }[] }>(
      await call('list_tables', { database: 'restricted' }),
    ).tables.map((t) => `${t.schema}.${t.name}`);
    expect(restricted).not.toContain('billing.invoices');
    expect(restricted).not.toContain('public.flyway_schema_history');
    expect(restricted).toContain('public.orders');
  });

  it('refuses a schema outside the lists and an unknown database, naming them', async () => {
    const internal = refusal(await call('list_tables', { database: 'demo', schema: 'internal' }));
    expect(internal.isError).toBe(true);
    expect(internal.text).toContain('forbidden');
    expect(internal.text).toContain(
      "target db:demo/internal is outside this server's boundary: it is not in databases[demo].allowSchemas",
    );
    const unknown = refusal(await call('list_schemas', { database: 'nope' }));
    expect(unknown.text).toContain('No database named nope; configured: demo, restricted');
  });
});

describe('describe_table', () => {
  it('describes columns, masks, indexes, constraints and foreign keys both ways', async () => {
    const table = data<{
      kind: string;
      rowEstimate: number;
      comment: string;
      columns: { name: string; type: string; nullable: boolean; default?: string; masked?: boolean }[];
      indexes: string[];
      constraints: string[];
      foreignKeysIn: string[];
    }>(await call('describe_table', { database: 'demo', table: 'customers' }));
    expect(table).toMatchObject({
      kind: 'table',
      rowEstimate: 600,
      comment: 'One row per paying or trial customer account',
    });
    const columns = Object.fromEntries(table.columns.map((c) => [c.name, c]));
    expect(columns.email).toMatchObject({ type: 'text', nullable: false, masked: true });
    expect(columns.national_id?.masked).toBe(true);
    expect(columns.phone).toMatchObject({ nullable: true, masked: true });
    expect(columns.name?.masked).toBeUndefined();
    expect(columns.id?.default).toBe('generated always as identity');
    expect(columns.plan?.default).toBe("'free'::text");
    expect(columns.name?.default).toBeUndefined();
    expect(table.indexes.map((i) => /INDEX (\S+) ON/.exec(i)?.[1])).toEqual([
      'customers_pkey',
      'customers_country_idx',
      'customers_created_at_idx',
      'customers_email_key',
    ]);
    expect(table.indexes[0]).toMatch(
      /^UNIQUE INDEX customers_pkey ON public\.customers USING btree \(id\) \(\d/,
    );
    expect(
      table.constraints.some((c) => c.startsWith('customers_plan_check CHECK') && c.includes('enterprise')),
    ).toBe(true);
    expect(table.foreignKeysIn.map((f) => f.split(':')[0]).sort()).toEqual([
      'billing.invoices',
      'billing.subscriptions',
      'public.orders',
      'public.support_tickets',
    ]);
  });

  it('gives outgoing foreign keys as PostgreSQL prints them, and hides denied tables pointing in', async () => {
    const orders = data<{ foreignKeysOut: string[] }>(
      await call('describe_table', { database: 'demo', table: 'orders' }),
    );
    expect(orders.foreignKeysOut).toEqual([
      'orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id)',
    ]);
    const restricted = data<{ foreignKeysIn: string[] }>(
      await call('describe_table', { database: 'restricted', table: 'customers' }),
    );
    expect(restricted.foreignKeysIn).toHaveLength(3);
    expect(restricted.foreignKeysIn.some((f) => f.startsWith('billing.invoices'))).toBe(false);
  });

  it('refuses denied tables and reports missing ones', async () => {
    const denied = refusal(
      await call('describe_table', { database: 'restricted', schema: 'billing', table: 'invoices' }),
    );
    expect(denied.text).toContain(
      "target db:restricted/billing.invoices is outside this server's boundary: databases[restricted].denyTables excludes it",
    );
    const missing = refusal(await call('describe_table', { database: 'demo', table: 'nope' }));
    expect(missing.text).toContain('not_found');
  });

  it('is limited by the policy per table: a public-only caller cannot describe billing', async () => {
    const other = await harness.connect(PUBLIC_ONLY);
    const billing = await other.client.callTool({
      name: 'describe_table',
      arguments: { database: 'demo', schema: 'billing', table: 'invoices' },
    });
    expect(refusal(billing).text).toContain('forbidden');
    const customers = await other.client.callTool({
      name: 'describe_table',
      arguments: { database: 'demo', table: 'customers' },
    });
    expect(customers.isError).toBeFalsy();
    const audited = harness.audit.records.filter((r) => r.name === 'describe_table' && r.actor === 'bo');
    expect(audited.map((r) => r.decision)).toEqual(['denied', 'allowed']);
    expect(audited[0]?.target).toBe('db:demo/billing.invoices');
  });
});

describe('table_health and recent_migrations', () => {
  it('reports health per table with index use and findings', async () => {
    const { tables } = data<{
      tables: {
        table: string;
        liveRows: number;
        bytes: number;
        lastAnalyze?: string;
        indexScans: Record<string, number>;
        findings: string[];
      }[];
    }>(await call('table_health', { database: 'demo', table: 'orders' }));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ table: 'public.orders', liveRows: 2400 });
    expect(tables[0]?.bytes).toBeGreaterThan(100_000);
    expect(Date.parse(tables[0]?.lastAnalyze ?? '')).toBeGreaterThan(Date.now() - 3_600_000);
    expect(Object.keys(tables[0]?.indexScans ?? {}).sort()).toEqual([
      'orders_customer_id_idx',
      'orders_pkey',
      'orders_placed_at_idx',
    ]);
    expect(tables[0]?.findings.join(' ')).toMatch(/orders_placed_at_idx .* never used/);
    const schema = data<{ tables: { table: string }[] }>(
      await call('table_health', { database: 'demo', schema: 'billing' }),
    );
    expect(schema.tables.map((t) => t.table).sort()).toEqual(['billing.invoices', 'billing.subscriptions']);
  });

  it('lists the latest Flyway migrations newest first, and nothing where the table is denied', async () => {
    const { histories } = data<{
      histories: { tool: string; table: string; entries: { version: string; success: boolean }[] }[];
    }>(await call('recent_migrations', { database: 'demo', limit: 3 }));
    expect(histories).toHaveLength(1);
    expect(histories[0]).toMatchObject({ tool: 'flyway', table: 'public.flyway_schema_history' });
    expect(histories[0]?.entries.map((e) => e.version)).toEqual(['12', '11', '10']);
    const restricted = data<{ histories: unknown[] }>(
      await call('recent_migrations', { database: 'restricted' }),
    );
    expect(restricted.histories).toEqual([]);
  });
});
