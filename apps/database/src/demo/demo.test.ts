import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataSql, seededRandom } from './data.ts';
import { DEMO_ROLE, type RunningDemo, startDemo } from './index.ts';

describe('demo data', () => {
  it('is the same for a seed and different for another', () => {
    expect(demoDataSql()).toEqual(demoDataSql());
    expect(demoDataSql(1)).not.toEqual(demoDataSql(2));
    const random = seededRandom(7);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });
});

describe('the embedded demo database', () => {
  let demo: RunningDemo;
  let reader: pg.Client;
  let admin: pg.Client;

  beforeAll(async () => {
    demo = await startDemo();
    reader = new pg.Client({ connectionString: demo.readerUrl });
    admin = new pg.Client({ connectionString: demo.superuserUrl });
    await reader.connect();
    await admin.connect();
  });
  afterAll(async () => {
    await reader?.end();
    await admin?.end();
    await demo?.stop();
  });

  it('holds a few thousand realistic rows, with comments and a Flyway history', async () => {
    const { rows } = await admin.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM orders)::int AS orders,
      (SELECT count(*) FROM billing.invoices)::int AS invoices, (SELECT count(*) FROM billing.subscriptions)::int AS subscriptions,
      (SELECT count(*) FROM support_tickets)::int AS tickets, (SELECT count(*) FROM flyway_schema_history)::int AS migrations,
      (SELECT count(*) FROM customers WHERE email !~ '^[a-z.]+[0-9]+@[a-z.]+$')::int AS odd_emails,
      (SELECT count(*) FROM customers WHERE national_id !~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$')::int AS odd_ids,
      (SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'billing'))::int AS comments`);
    const counts = rows[0] ?? {};
    expect(counts).toMatchObject({
      customers: 600,
      orders: 2400,
      tickets: 700,
      migrations: 12,
      odd_emails: 0,
      odd_ids: 0,
    });
    expect(counts.invoices).toBeGreaterThan(500);
    expect(counts.subscriptions).toBeGreaterThan(300);
    expect(counts.comments).toBeGreaterThan(10);
  });

  it('connects through a role that can read the offered schemas and nothing else, and cannot write', async () => {
    const { rows } = await reader.query<{ who: string; ro: string }>(
      "SELECT current_user AS who, current_setting('default_transaction_read_only') AS ro",
    );
    expect(rows).toEqual([{ who: DEMO_ROLE, ro: 'on' }]);
    await expect(reader.query('SELECT * FROM internal.api_tokens')).rejects.toThrow(/permission denied/);
    // Even with the read-only default turned off in its own session, the role has no write privilege.
    await reader.query('SET default_transaction_read_only = off');
    await expect(reader.query("UPDATE customers SET name = 'x'")).rejects.toThrow(/permission denied/);
    await expect(reader.query('CREATE TABLE public.x (id int)')).rejects.toThrow(/permission denied/);
    expect(new URL(demo.readerUrl).password).not.toBe(new URL(demo.superuserUrl).password);
  });
});
