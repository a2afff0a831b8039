import type { Client } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabaseConfig } from '../src/config.ts';
import {
  type DemoHarness,
  data,
  PUBLIC_ONLY,
  READER,
  refusal,
  startDemoHarness,
  table,
} from './demo-fixture.ts';

// The policy sees what a statement really reads. PUBLIC_ONLY may read db:demo/public.* and nothing in billing;
// each object below hands billing rows (or metadata, settings, side effects) to whoever names only public ones.
// Every test here was a way through before the server followed views, functions, partitions and children.

const OBJECTS = `
-- Relations in public that read billing.
CREATE VIEW public.invoice_digest AS
  SELECT i.customer_id, count(*) AS invoices, sum(i.amount_cents) AS total_cents FROM billing.invoices i GROUP BY 1;
CREATE VIEW public.digest_of_digest AS SELECT customer_id, total_cents FROM public.invoice_digest;
CREATE MATERIALIZED VIEW public.invoice_snapshot AS SELECT id, customer_id, amount_cents, status FROM billing.invoices;
CREATE FUNCTION public.open_invoices(c bigint) RETURNS SETOF billing.invoices LANGUAGE sql STABLE
  AS $$ SELECT * FROM billing.invoices WHERE customer_id = c AND status = 'open' $$;
CREATE FUNCTION public.invoice_total(c bigint) RETURNS bigint LANGUAGE sql STABLE
  AS 'SELECT sum(amount_cents) FROM billing.invoices WHERE customer_id = $1';
CREATE FUNCTION public.invoice_count(c bigint) RETURNS bigint LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT count(*) FROM billing.invoices WHERE customer_id = c; END;
CREATE FUNCTION public.invoice_total_plpgsql(c bigint) RETURNS bigint LANGUAGE plpgsql STABLE
  AS $$ BEGIN RETURN (SELECT sum(amount_cents) FROM billing.invoices WHERE customer_id = c); END $$;
CREATE FUNCTION public.order_count(c bigint) RETURNS bigint LANGUAGE sql STABLE
  AS 'SELECT count(*) FROM orders WHERE customer_id = c';
CREATE TABLE public.ledger (id int, region text, amount_cents int) PARTITION BY LIST (region);
CREATE TABLE public.ledger_eu PARTITION OF public.ledger FOR VALUES IN ('eu');
CREATE TABLE billing.ledger_us PARTITION OF public.ledger FOR VALUES IN ('us');
INSERT INTO public.ledger VALUES (1, 'eu', 100), (2, 'us', 999);
CREATE TABLE public.notes (id int, body text);
CREATE TABLE billing.dunning_notes () INHERITS (public.notes);
INSERT INTO billing.dunning_notes VALUES (1, 'customer 7 owes 1200 EUR');
-- Objects only billing may see, for metadata probes.
CREATE VIEW billing.overdue AS SELECT id, customer_id FROM billing.invoices WHERE status = 'open' AND due_at < now();
COMMENT ON VIEW billing.overdue IS 'Overdue invoices, for the dunning run';
CREATE FUNCTION billing.dunning_level(days int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 / 30';
-- Masked data through views and functions.
CREATE VIEW public.customer_refs AS
  SELECT id, 'ID-' || national_id AS ref, upper(name) AS shout, lower(email) AS contact FROM public.customers;
CREATE VIEW public.customer_ids AS SELECT c.id, x.nid FROM public.customers c
  JOIN (SELECT id, national_id AS nid FROM public.customers) x ON x.id = c.id;
CREATE FUNCTION public.contact_of(c bigint) RETURNS text LANGUAGE sql STABLE
  AS 'SELECT email FROM public.customers WHERE id = c';
-- Settings and side effects behind harmless names.
CREATE VIEW public.config_dump AS SELECT name, setting FROM pg_catalog.pg_settings;
CREATE VIEW public.session_killer AS
  SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity WHERE application_name = 'victim';
CREATE VIEW public.notifier AS SELECT 1 AS sent FROM (SELECT pg_notify('gatehouse', 'hello')) AS n;
CREATE VIEW public.locker AS SELECT 1 AS locked FROM (SELECT pg_advisory_lock(42)) AS l;
CREATE FUNCTION public.terminate(p int) RETURNS boolean LANGUAGE sql STABLE AS 'SELECT pg_terminate_backend(p)';
CREATE VIEW public.data_dir AS SELECT current_setting('data_directory') AS dir;
CREATE VIEW public.server_zone AS SELECT current_setting('TimeZone') AS zone;
CREATE EXTENSION dblink;
CREATE VIEW public.remote AS SELECT * FROM dblink('dbname=demo', 'SELECT 1') AS t(x int);
CREATE EXTENSION postgres_fdw;
CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'demo');
CREATE USER MAPPING FOR PUBLIC SERVER loopback;
CREATE FOREIGN TABLE public.remote_invoices (id bigint, amount_cents int)
  SERVER loopback OPTIONS (schema_name 'billing', table_name 'invoices');
GRANT SELECT ON public.remote_invoices TO gatehouse_reader;
`;

let harness: DemoHarness;
let publicOnly: Client;
let reader: Client;

beforeAll(async () => {
  harness = await startDemoHarness({
    prepare: (superuser) => superuser.query(OBJECTS).then(() => undefined),
    configs: (demo) => [
      demoDatabaseConfig(demo.readerUrl),
      { ...demoDatabaseConfig(demo.readerUrl), name: 'trusting', allowFunctions: ['public.invoice_total_*'] },
      // The operator's lists, for a caller whose policy allows every table: they bound the same reach.
      { ...demoDatabaseConfig(demo.readerUrl), name: 'walled', allowSchemas: ['public'] },
      { ...demoDatabaseConfig(demo.readerUrl), name: 'denying', denyTables: ['billing.invoices'] },
    ],
  });
  publicOnly = (await harness.connect(PUBLIC_ONLY)).client;
  reader = (await harness.connect(READER)).client;
}, 120_000);
afterAll(() => harness?.close());

const query = (client: Client, sql: string, database = 'demo') =>
  client.callTool({ name: 'query', arguments: { database, sql } });

async function expectRefused(client: Client, sql: string, ...mentions: string[]) {
  const result = refusal(await query(client, sql));
  expect(result.isError, `${sql} should be refused`).toBe(true);
  for (const mention of mentions) expect(result.text, sql).toContain(mention);
  return result.text;
}

const forbidden = (table: string) => `forbidden: target db:demo/${table} is not in any allowlist of bo`;
const lastRecord = (actor: string) => harness.audit.records.filter((r) => r.actor === actor).at(-1);

describe('relations reached without being named', () => {
  it('refuses a view over billing, naming the billing table and the view, and audits the refused target', async () => {
    await expectRefused(publicOnly, 'SELECT * FROM invoice_digest', forbidden('billing.invoices'));
    expect(lastRecord('bo')).toMatchObject({
      target: 'db:demo/billing.invoices',
      decision: 'denied',
      code: 'forbidden',
    });
  });

  it('follows views over views, and materialized views', async () => {
    await expectRefused(
      publicOnly,
      'SELECT total_cents FROM digest_of_digest',
      forbidden('billing.invoices'),
    );
    await expectRefused(publicOnly, 'SELECT count(*) FROM invoice_snapshot', forbidden('billing.invoices'));
  });

  it('reads SQL function bodies: set-returning, scalar, and BEGIN ATOMIC', async () => {
    await expectRefused(publicOnly, 'SELECT * FROM open_invoices(1)', forbidden('billing.invoices'));
    await expectRefused(publicOnly, 'SELECT invoice_total(1)', forbidden('billing.invoices'));
    await expectRefused(publicOnly, 'SELECT invoice_count(1)', forbidden('billing.invoices'));
  });

  it('lets a SQL function that reads only public tables run', async () => {
    const result = await query(publicOnly, 'SELECT order_count(1) AS n');
    expect(result.isError, refusal(result).text).toBeFalsy();
    expect(table(result).records[0]?.n).toBeGreaterThan(0);
  });

  it('refuses a partitioned table with a partition in billing, and a parent with a child in billing', async () => {
    await expectRefused(publicOnly, 'SELECT sum(amount_cents) FROM ledger', forbidden('billing.ledger_us'));
    await expectRefused(publicOnly, 'SELECT body FROM notes', forbidden('billing.dunning_notes'));
    // The caller whose policy allows billing reads them.
    const all = table(await query(reader, 'SELECT sum(amount_cents)::int AS total FROM ledger'));
    expect(all.records).toEqual([{ total: 1099 }]);
  });

  it('checks the same reach in explain_query and sample_rows', async () => {
    const plan = refusal(
      await publicOnly.callTool({
        name: 'explain_query',
        arguments: { database: 'demo', sql: 'SELECT * FROM invoice_digest' },
      }),
    );
    expect(plan.text).toContain(forbidden('billing.invoices'));
    const sample = refusal(
      await publicOnly.callTool({
        name: 'sample_rows',
        arguments: { database: 'demo', table: 'invoice_digest' },
      }),
    );
    expect(sample.text).toContain(forbidden('billing.invoices'));
  });
});

describe("the database's allow and deny lists bound the same reach", () => {
  const outside = (database: string, table: string, reason: string) =>
    `target db:${database}/${table} is outside this server's boundary: ${reason}`;

  it.each([
    ['SELECT * FROM invoice_digest', 'billing.invoices'],
    ['SELECT count(*) FROM invoice_snapshot', 'billing.invoices'],
    ['SELECT invoice_total(1)', 'billing.invoices'],
    ['SELECT sum(amount_cents) FROM ledger', 'billing.ledger_us'],
    ['SELECT body FROM notes', 'billing.dunning_notes'],
  ])('allowSchemas refuses %s, reaching %s', async (sql, table) => {
    const text = refusal(await query(reader, sql, 'walled')).text;
    expect(text).toContain('forbidden');
    expect(text).toContain(outside('walled', table, 'it is not in databases[walled].allowSchemas'));
    expect(lastRecord('ana')).toMatchObject({ target: `db:walled/${table}`, decision: 'denied' });
  });

  it('denyTables refuses a view and a function over the denied table, and runs what does not reach it', async () => {
    for (const sql of ['SELECT * FROM digest_of_digest', 'SELECT * FROM open_invoices(1)']) {
      const text = refusal(await query(reader, sql, 'denying')).text;
      expect(text, sql).toContain(
        outside('denying', 'billing.invoices', 'databases[denying].denyTables excludes it'),
      );
    }
    const result = await query(reader, 'SELECT order_count(1) AS n', 'denying');
    expect(result.isError, refusal(result).text).toBeFalsy();
  });
});

describe('functions the server cannot look into', () => {
  it('refuses a PL/pgSQL function, naming it and the setting that would trust it', async () => {
    await expectRefused(
      reader,
      'SELECT invoice_total_plpgsql(1)',
      'sql_function_unresolvable',
      'public.invoice_total_plpgsql()',
      'plpgsql',
      'allowFunctions',
    );
  });

  it('runs it where the operator trusts it in allowFunctions', async () => {
    const result = await query(reader, 'SELECT invoice_total_plpgsql(1) AS total', 'trusting');
    expect(result.isError, refusal(result).text).toBeFalsy();
  });

  it('refuses functions denied by name wherever they are called: in a view, in a SQL function', async () => {
    await expectRefused(
      reader,
      'SELECT * FROM notifier',
      'sql_function_denied',
      'pg_notify()',
      'view public.notifier',
    );
    await expectRefused(reader, 'SELECT * FROM locker', 'sql_function_denied', 'pg_advisory_lock()');
    await expectRefused(reader, 'SELECT terminate(1)', 'sql_function_denied', 'pg_terminate_backend()');
    await expectRefused(reader, 'SELECT * FROM remote', 'sql_function_denied', 'dblink');
  });

  it('refuses a foreign table (postgres_fdw opens a connection a rollback does not close)', async () => {
    await expectRefused(
      reader,
      'SELECT count(*) FROM remote_invoices',
      'sql_foreign_table',
      'public.remote_invoices',
      'allowForeignTables',
    );
  });

  it('refuses a view that would cancel another session, and the session is not cancelled', async () => {
    const victim = new pg.Client({ connectionString: harness.demo.readerUrl, application_name: 'victim' });
    await victim.connect();
    try {
      const sleeping = victim.query('SELECT pg_sleep(1.5) AS slept').then(
        () => 'finished',
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectRefused(
        reader,
        'SELECT * FROM session_killer',
        'pg_cancel_backend()',
        'view public.session_killer',
      );
      expect(await sleeping).toBe('finished');
    } finally {
      await victim.end();
    }
  });
});

describe('metadata of objects the caller may not read', () => {
  it.each([
    ["SELECT obj_description('billing.invoices'::regclass, 'pg_class')", 'billing.invoices'],
    ["SELECT col_description('billing.invoices'::regclass, 2)", 'billing.invoices'],
    ["SELECT pg_get_viewdef('billing.overdue')", 'billing.overdue'],
    ["SELECT pg_get_functiondef('billing.dunning_level'::regproc)", 'billing.dunning_level'],
    ["SELECT to_regclass('billing.invoices')", 'billing.invoices'],
    ["SELECT has_table_privilege('billing.invoices', 'SELECT')", 'billing.invoices'],
    ["SELECT pg_total_relation_size('billing.invoices')", 'billing.invoices'],
    ["SELECT 'billing.overdue'::regclass::oid", 'billing.overdue'],
  ])('refuses %s', async (sql, table) => {
    await expectRefused(publicOnly, sql, forbidden(table));
  });

  it('refuses a probe of a computed object unless the caller may read the catalog of all of them', async () => {
    await expectRefused(
      publicOnly,
      "SELECT obj_description(x.oid, 'pg_class') FROM (VALUES (1259::oid)) AS x(oid)",
      forbidden('pg_catalog.pg_class'),
    );
    await expectRefused(publicOnly, "SELECT has_schema_privilege('billing', 'USAGE')", 'db:demo/billing');
  });

  it('answers the same probes about public objects', async () => {
    const result = table(
      await query(
        publicOnly,
        "SELECT obj_description('public.customers'::regclass, 'pg_class') AS comment, to_regclass('orders')::text AS t, pg_total_relation_size('customers') > 0 AS sized",
      ),
    );
    expect(result.records).toEqual([
      { comment: 'One row per paying or trial customer account', t: 'orders', sized: true },
    ]);
  });
});

describe('server settings and file paths', () => {
  it.each([
    ['SELECT name, setting FROM pg_settings', 'sql_system_catalog'],
    ['SELECT * FROM pg_show_all_settings()', 'sql_function_denied'],
    ['SELECT * FROM pg_config', 'sql_system_catalog'],
    ['SELECT * FROM pg_config()', 'sql_function_denied'],
    ['SELECT * FROM pg_file_settings', 'sql_system_catalog'],
    ['SELECT * FROM pg_hba_file_rules', 'sql_system_catalog'],
    ['SELECT * FROM pg_hba_file_rules()', 'sql_function_denied'],
    ["SELECT current_setting('data_directory')", 'sql_function_denied'],
    ["SELECT current_setting('config_file')", 'sql_function_denied'],
    ["SELECT current_setting('hba_file')", 'sql_function_denied'],
    ['SELECT * FROM config_dump', 'sql_system_catalog'],
    ['SELECT * FROM data_dir', 'sql_function_denied'],
  ])('refuses %s', async (sql, code) => {
    const text = await expectRefused(reader, sql, code);
    // The demo cluster lives in a temporary folder named gatehouse-pg-*: no path of it is shown.
    expect(text).not.toContain('gatehouse-pg-');
  });

  it('lets a view read a setting SHOW may reveal', async () => {
    const result = await query(reader, 'SELECT zone FROM server_zone');
    expect(result.isError, refusal(result).text).toBeFalsy();
  });
});

describe('masks follow columns through views and functions', () => {
  it('masks a view column computed from a masked column, and leaves the others', async () => {
    const result = table(
      await query(reader, 'SELECT id, ref, shout, contact FROM customer_refs ORDER BY id LIMIT 2'),
    );
    expect(result.masked).toEqual(['ref', 'contact']);
    expect(result.records.every((r) => r.ref === '[masked]' && r.contact === '[masked]')).toBe(true);
    expect(result.records.every((r) => typeof r.shout === 'string' && r.shout !== '[masked]')).toBe(true);
  });

  it('masks a masked column renamed in a join inside a view, and refuses computing with it', async () => {
    const result = data<{ masked: string[] }>(
      await query(reader, 'SELECT id, nid FROM customer_ids LIMIT 1'),
    );
    expect(result.masked).toEqual(['nid']);
    await expectRefused(
      reader,
      "SELECT id FROM customer_refs WHERE ref LIKE 'ID-1%'",
      'sql_masked_column',
      'ref',
    );
  });

  it('refuses a SQL function that reads a masked column', async () => {
    await expectRefused(reader, 'SELECT contact_of(1)', 'sql_masked_column', 'public.contact_of()', 'email');
  });
});

describe('plans follow the catalog', () => {
  it('sees a view redefined after its plan was cached', async () => {
    const sql = 'SELECT count(*)::int AS n FROM shifting';
    const superuser = new pg.Client({ connectionString: harness.demo.superuserUrl });
    await superuser.connect();
    try {
      await superuser.query('CREATE VIEW public.shifting AS SELECT id FROM public.orders');
      const before = await query(publicOnly, sql);
      expect(before.isError, refusal(before).text).toBeFalsy();
      expect(await query(publicOnly, sql)).toMatchObject({ structuredContent: { rows: [[2400]] } });
      await superuser.query('CREATE OR REPLACE VIEW public.shifting AS SELECT id FROM billing.invoices');
      await expectRefused(publicOnly, sql, forbidden('billing.invoices'));
    } finally {
      await superuser.end();
    }
  });

  it('sees a partition attached after the plan was cached', async () => {
    const superuser = new pg.Client({ connectionString: harness.demo.superuserUrl });
    await superuser.connect();
    try {
      await superuser.query(`CREATE TABLE public.visits (id int, region text) PARTITION BY LIST (region);
        CREATE TABLE public.visits_eu PARTITION OF public.visits FOR VALUES IN ('eu');
        CREATE TABLE billing.visits_us (id int, region text)`);
      const sql = 'SELECT count(*) FROM visits';
      const before = await query(publicOnly, sql);
      expect(before.isError, refusal(before).text).toBeFalsy();
      await superuser.query(
        "ALTER TABLE public.visits ATTACH PARTITION billing.visits_us FOR VALUES IN ('us')",
      );
      await expectRefused(publicOnly, sql, forbidden('billing.visits_us'));
    } finally {
      await superuser.end();
    }
  });
});
