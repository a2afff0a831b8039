import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHarness, PUBLIC_ONLY, startDemoHarness } from './demo-fixture.ts';

let harness: DemoHarness;
let client: Client;

beforeAll(async () => {
  harness = await startDemoHarness();
  client = (await harness.connect()).client;
});
afterAll(() => harness?.close());

const text = (result: { contents: unknown[] }) => (result.contents[0] as { text: string }).text;
const promptText = (result: { messages: { content: unknown }[] }) =>
  result.messages.map((m) => (m.content as { text: string }).text).join('\n');

describe('resources', () => {
  it('lists a schema document per offered table and a migration history per database', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('db://demo/public/customers');
    expect(uris).toContain('db://demo/billing/invoices');
    expect(uris).not.toContain('db://restricted/billing/invoices');
    expect(uris.some((u) => u.startsWith('db://demo/internal/'))).toBe(false);
    expect(uris).toContain('db://demo/migrations');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(
      expect.arrayContaining(['db://{database}/{schema}/{table}', 'db://{database}/migrations']),
    );
  });

  it('reads a table as a Markdown document with masked columns marked', async () => {
    const doc = text(await client.readResource({ uri: 'db://demo/public/customers' }));
    expect(doc).toContain('# public.customers');
    expect(doc).toContain('about 600 rows');
    expect(doc).toContain('One row per paying or trial customer account');
    expect(doc).toMatch(/\| email \(masked\) \| text \| no \|/);
    expect(doc).toContain('customers_email_key');
    expect(doc).toContain('in from public.orders');
  });

  it('reads the migration history', async () => {
    const doc = text(await client.readResource({ uri: 'db://demo/migrations' }));
    expect(doc).toContain('## flyway (public.flyway_schema_history)');
    expect(doc).toMatch(/\| 12 \| one active subscription per customer \|/);
    expect(doc.indexOf('| 12 |')).toBeLessThan(doc.indexOf('| 1 | create customers'));
  });

  it('refuses denied tables and tables outside the caller policy', async () => {
    await expect(client.readResource({ uri: 'db://restricted/billing/invoices' })).rejects.toThrow(
      /denyTables/,
    );
    const other = await harness.connect(PUBLIC_ONLY);
    await expect(other.client.readResource({ uri: 'db://demo/billing/invoices' })).rejects.toThrow();
    expect(text(await other.client.readResource({ uri: 'db://demo/public/orders' }))).toContain(
      '# public.orders',
    );
  });
});

describe('prompts', () => {
  it('review_migration gives locks, rewrites and the sizes of the touched tables', async () => {
    const result = await client.getPrompt({
      name: 'review_migration',
      arguments: {
        database: 'demo',
        sql: `ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
CREATE INDEX orders_status_idx ON orders (status);
ALTER TABLE billing.invoices ADD COLUMN note text;
CREATE TABLE audit_events (id bigint);`,
      },
    });
    const body = promptText(result);
    expect(body).toContain('lock: ACCESS EXCLUSIVE');
    expect(body).toContain('REWRITES THE TABLE');
    expect(body).toContain('gen_random_uuid() is volatile');
    expect(body).toMatch(/lock: SHARE \(blocks all writes/);
    expect(body).toMatch(/public\.orders \(about 2400 rows, \d/);
    expect(body).toMatch(/billing\.invoices \(about \d+ rows/);
    expect(body).toContain('audit_events (does not exist yet)');
    expect(body).toContain('rollback plan');
  });

  it('review_migration reports SQL that does not parse', async () => {
    await expect(
      client.getPrompt({ name: 'review_migration', arguments: { database: 'demo', sql: 'ALTER TABEL x' } }),
    ).rejects.toThrow(/does not parse/);
  });

  it('explain_slow_query gives the plan and the indexes of the tables read', async () => {
    const result = await client.getPrompt({
      name: 'explain_slow_query',
      arguments: {
        database: 'demo',
        sql: "SELECT c.country, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'paid' GROUP BY 1",
      },
    });
    const body = promptText(result);
    expect(body).toMatch(/Seq Scan on (orders|customers)/);
    expect(body).toMatch(/- public\.orders \(about 2400 rows, [^)]*\): .*orders_customer_id_idx/);
    expect(body).toContain('- public.customers (about 600 rows');
  });

  it('explain_slow_query refuses what query would refuse', async () => {
    await expect(
      client.getPrompt({
        name: 'explain_slow_query',
        arguments: { database: 'demo', sql: 'DELETE FROM orders' },
      }),
    ).rejects.toThrow(/not_read_only|read/);
  });
});
