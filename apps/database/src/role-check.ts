import { ToolError } from '@gatehouse/kit';
import { withinBoundaries } from './boundaries.ts';
import { quoteIdent, readOnly } from './catalog.ts';
import { redactUrl } from './config.ts';
import type { Database } from './connections.ts';
import { isSystemSchema, schemaTarget } from './targets.ts';

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
    const offered = schemas.rows.filter(
      (s) =>
        !isSystemSchema(s.name) && withinBoundaries(database.boundaries, schemaTarget(database.name, s.name)),
    );
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

/** What is wrong with the role, in a few words; undefined when it cannot write. */
export function roleProblem(report: RoleReport): string | undefined {
  if (report.superuser) return `role ${report.role} is a SUPERUSER`;
  if (report.writable.length === 0) return undefined;
  const more = report.writable.length > 8 ? `; and ${report.writable.length - 8} more` : '';
  return `role ${report.role} can write: ${report.writable.slice(0, 8).join('; ')}${more}`;
}

/** The statements that create a read-only role for this database's offered schemas. */
function fixSql(database: Database): string[] {
  const schemas = database.config.allowSchemas.filter((s) => !/[*?]/.test(s));
  return readOnlyRoleSql(
    'gatehouse_reader',
    '<a strong password>',
    database.databaseName,
    schemas.length > 0 ? schemas : ['public'],
  ).map((s) => `  ${s};`);
}

/** A loud warning for an over-privileged role the configuration allows, with the SQL to create a read-only one. */
export function roleWarning(database: Database, report: RoleReport): string | undefined {
  const problem = roleProblem(report);
  if (problem === undefined) return undefined;
  return [
    '!'.repeat(78),
    `WARNING [database ${database.name}] ${redactUrl(database.config.url)}: ${problem}.`,
    'allowPrivilegedRole is true for this database, so the server serves it anyway. Every query still runs parsed,',
    'in a READ ONLY transaction, with timeouts; but connect as a read-only role so that a bug in those defences',
    'cannot write. Create one (as an administrator) and put it in the URL:',
    '',
    ...fixSql(database),
    '!'.repeat(78),
  ].join('\n');
}

/** Why the server will not serve a database through its role (the configuration does not allow it), or undefined. */
export function roleRefusal(database: Database, report: RoleReport): string | undefined {
  const problem = roleProblem(report);
  if (problem === undefined || database.config.allowPrivilegedRole) return undefined;
  return [
    `database ${database.name} (${redactUrl(database.config.url)}): ${problem}; the server does not serve a database`,
    'through a role that can write. Connect as a read-only role — create one (as an administrator) and put it in the URL:',
    ...fixSql(database),
    `or, knowing what it means, set allowPrivilegedRole: true for database ${database.name}.`,
  ].join('\n');
}

/** Stable code of a call refused because the database's role can write. */
export const ROLE_PRIVILEGED = 'database_role_privileged';

const checked = new WeakMap<Database, Promise<void>>();

/**
 * Refuses user SQL on a database whose role can write, unless its configuration allows it. Checked once per
 * database (at start when it was reachable, else on its first use); a failed check is tried again.
 */
export function ensureSafeRole(database: Database): Promise<void> {
  let check = checked.get(database);
  if (check === undefined) {
    check = inspectRole(database).then((report) => {
      const refusal = roleRefusal(database, report);
      if (refusal) throw new ToolError(ROLE_PRIVILEGED, `Refused: ${refusal}`);
    });
    checked.set(database, check);
    check.catch((error: unknown) => {
      if (!(error instanceof ToolError && error.code === ROLE_PRIVILEGED)) checked.delete(database);
    });
  }
  return check;
}

/** Marks a database's role as checked (at start, with the report already in hand). */
export function roleChecked(database: Database, report: RoleReport): void {
  const refusal = roleRefusal(database, report);
  checked.set(
    database,
    refusal ? Promise.reject(new ToolError(ROLE_PRIVILEGED, `Refused: ${refusal}`)) : Promise.resolve(),
  );
  checked.get(database)?.catch(() => {});
}
