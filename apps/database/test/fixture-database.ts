import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';

/** Name of the fixture's login role that may only read the `app` schema. */
export const READER_ROLE = 'gatehouse_reader';
/** A value stored where the reader may not look; it must never show up in any output. */
export const SECRET_TOKEN = 'sk_live_FIXTURE_SECRET_4f9c2a';
/** The canary row's value; any change means an attack wrote to the database. */
export const CANARY_VALUE = 'untouched';

export interface FixtureDatabase {
  /** Superuser URL of the fixture database: for setup and verification only. */
  readonly superuserUrl: string;
  /** URL that logs in as the read-only role. */
  readonly readerUrl: string;
  /** The cluster's data directory (a path that must never leak to a caller). */
  readonly dataDirectory: string;
  stop(): Promise<void>;
}

const FIXTURE_SQL = `
create schema app;
create table app.customers (
  id int primary key,
  name text not null,
  email text not null,
  ssn text,
  created_at timestamptz not null default '2024-01-01T00:00:00Z'
);
insert into app.customers (id, name, email, ssn)
  select n, 'Customer ' || n, 'customer' || n || '@example.com', lpad(n::text, 3, '0') || '-12-3456'
  from generate_series(1, 50) as n;
create table app.orders (
  id bigint generated always as identity primary key,
  customer_id int not null references app.customers (id),
  total numeric(10, 2) not null,
  note text
);
insert into app.orders (customer_id, total, note)
  select 1 + (n % 50), n * 1.25, case when n % 7 = 0 then null else 'order ' || n end
  from generate_series(1, 200) as n;
create table app.canary (id int primary key, value text not null);
insert into app.canary values (1, '${CANARY_VALUE}');
create view app.customer_contacts as select id, name, email, ssn from app.customers;
-- Volatile: writes. The guard must refuse to call it.
create function app.bump_canary() returns int language sql volatile as
  $$ update app.canary set value = 'bumped' returning id $$;
-- Mislabelled STABLE and SECURITY DEFINER: the guard cannot know, the READ ONLY transaction must hold.
create function app.sneaky_stable() returns int language plpgsql stable security definer as
  $$ begin perform app.bump_canary(); return 1; end $$;
-- Mislabelled STABLE, changes session state that outlives a transaction unless the connection is reset.
create function app.sneaky_session() returns int language plpgsql stable as
  $$ begin perform set_config('work_mem', '77MB', false); perform pg_advisory_lock(7); return 1; end $$;

create schema secrets;
create table secrets.api_keys (id int primary key, token text not null);
insert into secrets.api_keys values (1, '${SECRET_TOKEN}');

revoke all on schema secrets from public;
grant connect on database gatehouse_fixture to ${READER_ROLE};
grant usage on schema app to ${READER_ROLE};
grant select on all tables in schema app to ${READER_ROLE};
grant execute on function app.sneaky_stable(), app.sneaky_session() to ${READER_ROLE};
`;

/**
 * Stops the server once the test's own sessions are gone. `pool.end()` resolves before its sockets close, and a
 * session still open when PostgreSQL shuts down gets FATAL 57P01, which pg emits as an error no listener is left
 * to catch: vitest then fails the run on an "unhandled error" after every test passed.
 */
async function stopAfterSessionsEnd(
  server: Awaited<ReturnType<typeof startEmbeddedPostgres>>,
  url: string,
): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    for (let i = 0; i < 100; i++) {
      const { rows } = await probe.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await probe.end().catch(() => undefined);
  }
  await server.stop();
}

/**
 * Starts an embedded PostgreSQL holding the `gatehouse_fixture` database (schema `app` with customers,
 * orders, a canary row, a view and three functions; schema `secrets` the reader may not read) and a login role
 * `gatehouse_reader` with only USAGE and SELECT on `app`.
 */
export async function startFixtureDatabase(): Promise<FixtureDatabase> {
  const server = await startEmbeddedPostgres();
  try {
    const readerPassword = randomBytes(12).toString('hex');
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    try {
      await admin.query('create database gatehouse_fixture');
      await admin.query(`create role ${READER_ROLE} login password '${readerPassword}'`);
    } finally {
      await admin.end();
    }
    const superuserUrl = server.url('gatehouse_fixture');
    const setup = new pg.Client({ connectionString: superuserUrl });
    await setup.connect();
    let dataDirectory: string;
    try {
      await setup.query(FIXTURE_SQL);
      const { rows } = await setup.query<{ dir: string }>('select current_setting($1) as dir', [
        'data_directory',
      ]);
      dataDirectory = rows[0]!.dir;
    } finally {
      await setup.end();
    }
    const readerUrl = `postgres://${READER_ROLE}:${readerPassword}@${server.host}:${server.port}/gatehouse_fixture`;
    return { superuserUrl, readerUrl, dataDirectory, stop: () => stopAfterSessionsEnd(server, superuserUrl) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
