import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSettingsSchema } from './config.ts';
import { Database } from './connections.ts';
import { ensureSafeRole, inspectRole, readOnlyRoleSql, roleRefusal, roleWarning } from './role-check.ts';

let server: RunningPostgres;
const open: Database[] = [];

function database(url: string, allowSchemas: string[] = [], allowPrivilegedRole = false): Database {
  const [config] = DatabaseSettingsSchema.parse({
    databases: [{ name: 'shop', url, allowSchemas, allowPrivilegedRole }],
  }).databases;
  const db = new Database(config as NonNullable<typeof config>);
  open.push(db);
  return db;
}

const urlFor = (role: string, password: string) =>
  `postgres://${role}:${password}@${server.host}:${server.port}/shop`;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE shop');
  await admin.end();
  const owner = new pg.Client({ connectionString: server.url('shop') });
  await owner.connect();
  await owner.query(`CREATE SCHEMA app; CREATE TABLE app.orders (id int); CREATE TABLE app.notes (id int);
    CREATE TABLE public.other (id int)`);
  for (const statement of readOnlyRoleSql('reader', 'reader-pw', 'shop', ['app']))
    await owner.query(statement);
  await owner.query(`CREATE ROLE writer LOGIN PASSWORD 'writer-pw';
    GRANT USAGE ON SCHEMA app TO writer; GRANT SELECT, INSERT, DELETE ON app.orders TO writer;
    GRANT SELECT ON app.notes TO writer; GRANT CREATE ON SCHEMA app TO writer`);
  await owner.end();
});

afterAll(async () => {
  await Promise.all(open.map((d) => d.close()));
  await server?.stop();
});

describe('role check against real PostgreSQL', () => {
  it('is quiet for a role made with readOnlyRoleSql, and that role really cannot write', async () => {
    const reader = database(urlFor('reader', 'reader-pw'), ['app']);
    const report = await inspectRole(reader);
    expect(report).toEqual({ role: 'reader', superuser: false, writable: [] });
    expect(roleWarning(reader, report)).toBeUndefined();
    // Outside a read-only transaction too: the role itself has no write privilege.
    const client = new pg.Client({ connectionString: urlFor('reader', 'reader-pw') });
    await client.connect();
    try {
      await client.query('SET default_transaction_read_only = off');
      await expect(client.query('INSERT INTO app.orders VALUES (1)')).rejects.toThrow(/permission denied/);
      await expect(client.query('CREATE TABLE app.x (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('warns about a superuser, with the SQL to create a read-only role and without the password', async () => {
    const superuser = database(server.url('shop'), ['app']);
    const report = await inspectRole(superuser);
    expect(report.superuser).toBe(true);
    const warning = roleWarning(superuser, report) ?? '';
    expect(warning).toContain('role postgres is a SUPERUSER');
    expect(warning).toContain('CREATE ROLE "gatehouse_reader" LOGIN');
    expect(warning).toContain('GRANT SELECT ON ALL TABLES IN SCHEMA "app" TO "gatehouse_reader"');
    expect(warning).not.toContain(server.password);
  });

  it('lists what a non-superuser can write in the offered schemas only', async () => {
    const writer = database(urlFor('writer', 'writer-pw'), ['app']);
    const report = await inspectRole(writer);
    expect(report.superuser).toBe(false);
    expect(report.writable).toEqual(['app (CREATE)', 'app.orders (INSERT, DELETE)']);
    expect(roleWarning(writer, report)).toContain(
      'role writer can write: app (CREATE); app.orders (INSERT, DELETE)',
    );
  });

  it('refuses a role that can write unless the database allows it, and says how to fix it', async () => {
    const writer = database(urlFor('writer', 'writer-pw'), ['app']);
    const refusal = roleRefusal(writer, await inspectRole(writer)) ?? '';
    expect(refusal).toContain('role writer can write: app (CREATE)');
    expect(refusal).toContain('set allowPrivilegedRole: true for database shop');
    expect(refusal).not.toContain('writer-pw');
    await expect(ensureSafeRole(writer)).rejects.toMatchObject({ code: 'database_role_privileged' });
    const allowed = database(urlFor('writer', 'writer-pw'), ['app'], true);
    expect(roleRefusal(allowed, await inspectRole(allowed))).toBeUndefined();
    await expect(ensureSafeRole(allowed)).resolves.toBeUndefined();
    await expect(ensureSafeRole(database(urlFor('reader', 'reader-pw'), ['app']))).resolves.toBeUndefined();
  });
});
