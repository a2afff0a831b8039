import { isToolError } from '@gatehouse/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColumnMask, type ReadOnlyLimits, runReadOnlyQuery } from '../src/read-only-query.ts';
import { ATTACK_CORPUS, type Attack } from './attack-corpus.ts';
import {
  CANARY_VALUE,
  type FixtureDatabase,
  SECRET_TOKEN,
  startFixtureDatabase,
} from './fixture-database.ts';

const limits: ReadOnlyLimits = {
  statementTimeoutMs: 1000,
  lockTimeoutMs: 500,
  idleInTransactionTimeoutMs: 1000,
  maxRows: 100,
  maxBytes: 64_000,
  searchPath: ['app', 'public'],
};
/** Time past statement_timeout a call may take (connection set-up, cancel, catalog lookups). */
const MARGIN_MS = 1500;
const masks: ColumnMask[] = [
  { schema: 'app', table: 'customers', column: 'email' },
  { schema: 'app', table: 'customers', column: 'ssn' },
];

let fixture: FixtureDatabase;
let verifier: pg.Pool;
let baseline: Record<string, string>;

/**
 * A digest of everything an attack could change, read as the superuser on a separate connection: data of
 * every fixture table and sequence, schemas, relations (temporary ones included), roles and their password
 * hashes, memberships, functions, databases, extensions, large objects, slots, prepared transactions, and
 * settings (server-wide, per role/database, and in postgresql.auto.conf).
 */
async function fingerprint(): Promise<Record<string, string>> {
  const parts: Record<string, string> = {
    schemas: 'select nspname, nspowner::regrole::text, nspacl::text from pg_namespace',
    relations: `select n.nspname, c.relname, c.relkind, c.relpersistence, c.relacl::text from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname <> 'pg_toast'`,
    roles: `select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
      rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil from pg_authid`,
    memberships: 'select roleid::regrole::text, member::regrole::text from pg_auth_members',
    functions: 'select oid, proname, provolatile, prosecdef, md5(prosrc), proacl::text from pg_proc',
    databases: 'select datname, datacl::text, datallowconn from pg_database',
    extensions: 'select extname, extversion from pg_extension',
    largeObjects: 'select oid from pg_largeobject_metadata',
    slots: 'select slot_name from pg_replication_slots',
    preparedXacts: 'select gid from pg_prepared_xacts',
    settings: "select name, reset_val from pg_settings where name not in ('transaction_read_only')",
    roleSettings: 'select setdatabase, setrole, setconfig::text from pg_db_role_setting',
    fileSettings: 'select sourcefile, name, setting from pg_file_settings',
    // Comments on objects created after initdb (FirstNormalObjectId); the built-ins' thousands are fixed.
    comments: 'select objoid, classoid, objsubid, description from pg_description where objoid >= 16384',
    customers: 'select * from app.customers',
    orders: 'select * from app.orders',
    canary: 'select * from app.canary',
    apiKeys: 'select * from secrets.api_keys',
    sequence: 'select last_value, is_called from app.orders_id_seq',
  };
  // One round trip: a digest per part, so a failure says which part changed.
  const columns = Object.entries(parts).map(
    ([name, sql]) =>
      `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from (${sql}) as t) as "${name}"`,
  );
  const { rows } = await verifier.query<Record<string, string>>(`select ${columns.join(', ')}`);
  return rows[0]!;
}

/**
 * Session state of the pool's (only) connection, as a later call would find it. The server's own statements,
 * prepared through the protocol once per connection (not from SQL), are meant to stay.
 */
const SESSION_PROBE = `select current_user as usr, session_user as sess,
  current_setting('search_path') as search_path, current_setting('statement_timeout') as statement_timeout,
  current_setting('lock_timeout') as lock_timeout, current_setting('work_mem') as work_mem,
  current_setting('default_transaction_read_only') as dtro, current_setting('transaction_isolation') as iso,
  (select count(*) from pg_listening_channels())::int as listening,
  (select count(*) from pg_prepared_statements where from_sql)::int as prepared,
  (select count(*) from pg_cursors)::int as cursors,
  (select count(*) from pg_locks where pid = pg_backend_pid() and locktype = 'advisory')::int as advisory,
  (select count(*) from pg_class where relpersistence = 't')::int as temp_relations`;

const FILE_OR_HASH = [/root:x:0:0/, /SCRAM-SHA-256\$/, /md5[0-9a-f]{32}/, /local\s+all\s+all/];
const MASKED_DATA = [/\d{3}-12-3456/, /customer\d+@example\.com/];

function outputOf(outcome: unknown): string {
  if (isToolError(outcome))
    return `${outcome.code} ${outcome.message} ${JSON.stringify(outcome.details ?? {})}`;
  if (outcome instanceof Error) return `${outcome.name} ${outcome.message}`;
  return JSON.stringify(outcome);
}

beforeAll(async () => {
  fixture = await startFixtureDatabase();
  verifier = new pg.Pool({ connectionString: fixture.superuserUrl, max: 1 });
  // An attack that terminates backends must fail the assertions, not crash the run through an idle client.
  verifier.on('error', () => {});
  baseline = await fingerprint();
});

afterAll(async () => {
  await verifier?.end();
  await fixture?.stop();
});

it('holds at least 60 named attempts in every category the requirements list', () => {
  expect(ATTACK_CORPUS.length).toBeGreaterThanOrEqual(60);
  expect(new Set(ATTACK_CORPUS.map((a) => `${a.category}/${a.name}`)).size).toBe(ATTACK_CORPUS.length);
  expect(new Set(ATTACK_CORPUS.map((a) => a.category))).toEqual(
    new Set([
      'stacked_statements',
      'transaction_control',
      'writable_cte',
      'explain_analyze',
      'side_effect_function',
      'session_state',
      'file_or_secret_read',
      'copy',
      'do_block_or_ddl',
      'comment_and_quoting',
      'locking_and_select_into',
      'mask_bypass',
      'denial_of_service',
    ]),
  );
});

describe.each([
  { role: 'the read-only role', asReader: true, url: () => fixture.readerUrl },
  { role: 'the superuser (a misconfigured role)', asReader: false, url: () => fixture.superuserUrl },
])('every attack as $role', ({ asReader, url }) => {
  let pool: pg.Pool;
  let cleanSession: Record<string, unknown>;

  beforeAll(async () => {
    // One connection: whatever a call leaves behind, the next call gets.
    pool = new pg.Pool({ connectionString: url(), max: 1 });
    pool.on('error', () => {});
    cleanSession = (await pool.query(SESSION_PROBE)).rows[0];
  });

  afterAll(async () => {
    await pool?.end();
  });

  it.each(ATTACK_CORPUS.map((attack) => [`${attack.category}: ${attack.name}`, attack] as const))(
    '%s',
    async (_, attack: Attack) => {
      const started = performance.now();
      const outcome = await runReadOnlyQuery(pool, attack.sql, { offset: 0, limits, masks }).catch(
        (error: unknown) => error,
      );
      const elapsed = performance.now() - started;

      // Refused with a stable code, or returned; never a crash.
      if (outcome instanceof Error) expect(isToolError(outcome), outputOf(outcome)).toBe(true);
      if (attack.expect === 'refused' || (attack.expect === 'refused_as_reader' && asReader)) {
        expect(isToolError(outcome), `expected a refusal, got ${outputOf(outcome).slice(0, 300)}`).toBe(true);
      }
      expect(elapsed).toBeLessThan(limits.statementTimeoutMs + MARGIN_MS);

      // Nothing leaked: no file, no password hash, no masked value, no data path, no secret for the reader.
      const text = outputOf(outcome);
      for (const pattern of [...FILE_OR_HASH, ...MASKED_DATA]) expect(text).not.toMatch(pattern);
      expect(text).not.toContain(fixture.dataDirectory);
      if (asReader) expect(text).not.toContain(SECRET_TOKEN);

      // Nothing changed, and nothing stays with the connection for the next call.
      const { rows } = await verifier.query<{ value: string }>('select value from app.canary');
      expect(rows).toEqual([{ value: CANARY_VALUE }]);
      expect(await fingerprint()).toEqual(baseline);
      expect((await pool.query(SESSION_PROBE)).rows[0]).toEqual(cleanSession);
    },
  );
});
