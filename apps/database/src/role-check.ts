import { quoteIdent, readOnly } from './catalog.ts';
import { redactUrl } from './config.ts';
import type { Database } from './connections.ts';

const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The statements that make a login role read-only on the given schemas: what the README tells operators to run. */
export function readOnlyRoleSql(
  role: string,
  password: string,
  database: string,
  schemas: readonly string[],
): string[] {
  const r = quoteIdent(role);
  const list = schemas.map(quoteIdent).join(', ');
  return [
    `CREATE ROLE ${r} LOGIN PASSWORD ${quoteLiteral(password)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
    `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${list} TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${list} TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${list} GRANT SELECT ON TABLES TO ${r}`,
    `ALTER ROLE ${r} SET default_transaction_read_only = on`,
  ];
}

export interface RoleReport {
  readonly role: string;
  readonly superuser: boolean;
  /** `schema` (CREATE) or `schema.table (INSERT, ...)` the role can write. */
  readonly writable: readonly string[];
}

/** What the configured role could change, if the SQL guard and the READ ONLY transaction were not there. */
export async function inspectRole(database: Database): Promise<RoleReport> {
  return readOnly(database.pool, async (client) => {
    const role = await client.query<{ role: string; superuser: boolean }>(
      'SELECT current_user AS role, rolsuper AS superuser FROM pg_catalog.pg_roles WHERE rolname = current_user',
    );
    const schemas = await client.query<{ name: string; create: boolean }>(
      `SELECT n.nspname AS name, pg_catalog.has_schema_privilege(n.oid, 'CREATE') AS create FROM pg_catalog.pg_namespace n
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
    );
    const offered = schemas.rows.filter((s) => database.rules.schema(s.name).allowed);
    const tables = await client.query<{ schema: string; table: string; privileges: string[] }>(
      `SELECT n.nspname AS schema, c.relname AS table,
         ARRAY(SELECT p FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p
               WHERE pg_catalog.has_table_privilege(c.oid, p))::text[] AS privileges
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[]) ORDER BY 1, 2`,
      [offered.map((s) => s.name)],
    );
    const row = role.rows[0];
    return {
      role: row?.role ?? 'unknown',
      superuser: row?.superuser ?? false,
      writable: [
        ...offered.filter((s) => s.create).map((s) => `${s.name} (CREATE)`),
        ...tables.rows
          .filter((t) => t.privileges.length > 0)
          .map((t) => `${t.schema}.${t.table} (${t.privileges.join(', ')})`),
      ],
    };
  });
}

/** A loud warning for an over-privileged role, with the SQL to create a read-only one; undefined when fine. */
export function roleWarning(database: Database, report: RoleReport): string | undefined {
  if (!report.superuser && report.writable.length === 0) return undefined;
  const url = new URL(database.config.url);
  const dbName = decodeURIComponent(url.pathname.slice(1)) || 'postgres';
  const schemas = database.config.allowSchemas.filter((s) => !/[*?]/.test(s));
  const problem = report.superuser
    ? `role ${report.role} is a SUPERUSER`
    : `role ${report.role} can write: ${report.writable.slice(0, 8).join('; ')}${report.writable.length > 8 ? `; and ${report.writable.length - 8} more` : ''}`;
  const sql = readOnlyRoleSql(
    'gatehouse_reader',
    '<a strong password>',
    dbName,
    schemas.length > 0 ? schemas : ['public'],
  );
  return [
    '!'.repeat(78),
    `WARNING [database ${database.name}] ${redactUrl(database.config.url)}: ${problem}.`,
    'Every query still runs parsed, in a READ ONLY transaction, with timeouts; but connect as a read-only role',
    'so that a bug in those defences cannot write. Create one (as an administrator) and put it in the URL:',
    '',
    ...sql.map((s) => `  ${s};`),
    '!'.repeat(78),
  ].join('\n');
}
