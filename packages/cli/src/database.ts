import pg from 'pg';
import type { CommandContext } from './context.ts';
import { CommandFailure, UsageError } from './errors.ts';
import { isRunning, readLocalState, stateDir } from './local-state.ts';

export const DATABASE_URL_HELP = `  --database-url <url>   the Gatehouse PostgreSQL store (default: env GATEHOUSE_DATABASE_URL, else the one a
                         running ./gatehouse start uses, from .gatehouse/local.json),
                         e.g. postgres://gatehouse@db.internal:5432/gatehouse`;

/**
 * The store's URL from `--database-url`, GATEHOUSE_DATABASE_URL, or the local state of a running `./gatehouse
 * start` (so the CLI needs no flags beside it), checked to be a PostgreSQL URL.
 */
export function databaseUrl(option: string | undefined, ctx: CommandContext, help: string): URL {
  const configured = option ?? ctx.env.GATEHOUSE_DATABASE_URL;
  const text =
    configured === undefined || configured.trim() === '' ? localDatabaseUrl(ctx, help) : configured;
  const source =
    option !== undefined ? '--database-url' : text === configured ? 'GATEHOUSE_DATABASE_URL' : 'local state';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    // The value is not echoed: it may hold a password.
    throw new UsageError(`${source}: not a URL; expected postgres://user:password@host:port/database`, help);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError(
      `${source}: expected a postgres:// URL, got ${url.protocol.replace(/:$/, '')}://`,
      help,
    );
  }
  return url;
}

/** The database of the `./gatehouse start` running from this checkout (or GATEHOUSE_STATE_DIR). */
function localDatabaseUrl(ctx: CommandContext, help: string): string {
  let state: ReturnType<typeof readLocalState>;
  const dir = stateDir(ctx.env);
  try {
    state = readLocalState(dir);
  } catch (error) {
    throw new CommandFailure((error as Error).message);
  }
  if (isRunning(state?.running)) return state.running.databaseUrl;
  throw new UsageError(
    `no database: start the local servers (./gatehouse start, which keeps its state in ${dir}), or pass --database-url or set GATEHOUSE_DATABASE_URL`,
    help,
  );
}

/** `user@host:port/database`: where the store is, never with its password. */
export function describeDatabase(url: URL): string {
  const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
  const database = url.pathname.replace(/^\//, '') || '(default database)';
  return `${user}${url.hostname || 'localhost'}:${url.port || '5432'}/${decodeURIComponent(database)}`;
}

export interface Database {
  readonly pool: pg.Pool;
  /** Turns a failed query into a CommandFailure that says where, and never shows the password. */
  failure(error: unknown, doing: string): CommandFailure;
  close(): Promise<void>;
}

/** A small pool, checked with one round trip so an unreachable store fails here with a clear message. */
export async function openDatabase(url: URL): Promise<Database> {
  const where = describeDatabase(url);
  const secrets = [url.password, safeDecode(url.password)].filter((s) => s.length > 0);
  const scrub = (text: string) => secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  const pool = new pg.Pool({ connectionString: url.href, max: 2, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the CLI; the next query reports it.
  pool.on('error', () => undefined);
  const failure = (error: unknown, doing: string) => {
    const code = (error as { code?: string } | undefined)?.code;
    if (code === '42P01') {
      return new CommandFailure(
        `${doing}: the Gatehouse tables do not exist in ${where}; run "gatehouse migrate" against it, or start a server configured with it (servers apply migrations at start)`,
      );
    }
    return new CommandFailure(scrub(`${doing} at ${where}: ${reason(error)}`));
  };
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw failure(error, 'cannot connect to PostgreSQL');
  }
  return { pool, failure, close: () => pool.end() };
}

/** Runs `work` against the store named by the options, always closing the pool. */
export async function withDatabase<T>(url: URL, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reason))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return error.message || code || error.name;
  }
  return String(error);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
