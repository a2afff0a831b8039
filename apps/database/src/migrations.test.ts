import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, recentMigrations } from './migrations.ts';

let server: RunningPostgres;
let client: pg.Client;

// Each tool's table as the tool creates it (columns that matter for detection), with two applied entries.
const TOOLS_SQL = `
CREATE SCHEMA flyway; CREATE TABLE flyway.flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
  description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int,
  installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
INSERT INTO flyway.flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'ci', '2026-01-01', 5, true),
  (2, '2', 'add orders', 'SQL', 'V2__add_orders.sql', 2, 'ci', '2026-02-01', 7, false);
CREATE SCHEMA liquibase; CREATE TABLE liquibase.databasechangelog (id varchar(255), author varchar(255), filename varchar(255),
  dateexecuted timestamp, orderexecuted int, exectype varchar(10), md5sum varchar(35), description varchar(255));
INSERT INTO liquibase.databasechangelog VALUES ('1', 'ana', 'a.xml', '2026-01-01', 1, 'EXECUTED', 'x', 'createTable'),
  ('2', 'bo', 'a.xml', '2026-01-02', 2, 'EXECUTED', 'y', 'addColumn');
CREATE SCHEMA prisma; CREATE TABLE prisma._prisma_migrations (id varchar(36), checksum varchar(64), finished_at timestamptz,
  migration_name varchar(255), logs text, rolled_back_at timestamptz, started_at timestamptz DEFAULT now(), applied_steps_count int);
INSERT INTO prisma._prisma_migrations VALUES ('a', 'c', '2026-01-01', '20260101_init', NULL, NULL, '2026-01-01', 1),
  ('b', 'c', NULL, '20260201_broken', 'boom', NULL, '2026-02-01', 0);
CREATE SCHEMA knex; CREATE TABLE knex.knex_migrations (id serial, name varchar(255), batch int, migration_time timestamptz);
INSERT INTO knex.knex_migrations (name, batch, migration_time) VALUES ('001_init.js', 1, '2026-01-01'), ('002_more.js', 2, '2026-01-05');
CREATE SCHEMA rails; CREATE TABLE rails.schema_migrations (version varchar PRIMARY KEY);
INSERT INTO rails.schema_migrations VALUES ('20260101000000'), ('20260301000000');
CREATE SCHEMA gomigrate; CREATE TABLE gomigrate.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO gomigrate.schema_migrations VALUES (42, true);
CREATE SCHEMA alembic; CREATE TABLE alembic.alembic_version (version_num varchar(32) PRIMARY KEY);
INSERT INTO alembic.alembic_version VALUES ('ae1027a6acf');
CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY, change text, project text, note text,
  committed_at timestamptz, committer_name text, planned_at timestamptz);
INSERT INTO sqitch.changes VALUES ('x1', 'appschema', 'shop', 'Add schema', '2026-01-01', 'ana', '2026-01-01'),
  ('x2', 'users', 'shop', 'Add users', '2026-01-02', 'ana', '2026-01-02');
CREATE TABLE public.schema_migrations (version text, applied text, extra int);
`;

const SCHEMAS = ['flyway', 'liquibase', 'prisma', 'knex', 'rails', 'gomigrate', 'alembic', 'public'];

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  await client.query(TOOLS_SQL);
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

describe('recentMigrations against real PostgreSQL', () => {
  it('detects all eight tools, newest first, and ignores a look-alike table', async () => {
    const histories = await recentMigrations(client, SCHEMAS, 10);
    const byTool = Object.fromEntries(histories.map((h) => [h.tool, h]));
    expect(Object.keys(byTool).sort()).toEqual(
      ['alembic', 'flyway', 'golang-migrate', 'knex', 'liquibase', 'prisma', 'rails', 'sqitch'].sort(),
    );
    expect(byTool.flyway?.entries.map((e) => [e.version, e.success])).toEqual([
      ['2', false],
      ['1', true],
    ]);
    expect(byTool.liquibase?.entries[0]?.version).toBe('2 (bo)');
    expect(byTool.prisma?.entries[0]).toMatchObject({ version: '20260201_broken', success: false });
    expect(byTool.knex?.entries[0]?.version).toBe('002_more.js');
    expect(byTool.rails?.entries.map((e) => e.version)).toEqual(['20260301000000', '20260101000000']);
    expect(byTool['golang-migrate']).toMatchObject({
      table: 'gomigrate.schema_migrations',
      entries: [{ version: '42', success: false }],
    });
    expect(byTool['golang-migrate']?.note).toContain('only the current version');
    expect(byTool.alembic?.entries[0]?.version).toBe('ae1027a6acf');
    expect(byTool.sqitch?.entries[0]).toMatchObject({ version: 'users', description: 'Add users' });
  });

  it('honours the limit and the allow filter', async () => {
    const histories = await recentMigrations(client, SCHEMAS, 1, (schema) => schema === 'flyway');
    expect(histories).toHaveLength(1);
    expect(histories[0]?.entries).toHaveLength(1);
  });

  it('classifies by columns, not by name alone', () => {
    expect(
      classify({ schema: 'x', table: 'schema_migrations', columns: ['version', 'applied', 'extra'] }),
    ).toBeUndefined();
    expect(
      classify({ schema: 'public', table: 'changes', columns: ['change', 'committed_at'] }),
    ).toBeUndefined();
  });
});
