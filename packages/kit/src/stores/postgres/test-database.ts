import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { migratePostgres } from './migrations.ts';

/**
 * For tests: a pool on its own database of a running embedded cluster. Replicas are simulated by several pools
 * (each its own connections), as separate processes would hold.
 */
export async function createTestDatabase(
  cluster: RunningPostgres,
  name: string,
): Promise<{ url: string; pool: (max?: number) => pg.Pool }> {
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = cluster.url(name);
  return {
    url,
    pool: (max = 10) => {
      const pool = new pg.Pool({ connectionString: url, max });
      // An idle connection dropped by the server must not crash the test process.
      pool.on('error', () => {});
      return pool;
    },
  };
}

export { startEmbeddedPostgres };

/**
 * For store tests: a migrated database of its own on a fresh cluster, and two pools standing for two replicas
 * (`a` and `b`), opened before the file's tests and closed after them.
 */
export function useMigratedReplicas(name: string): { readonly a: pg.Pool; readonly b: pg.Pool } {
  let cluster: RunningPostgres | undefined;
  let a: pg.Pool | undefined;
  let b: pg.Pool | undefined;
  beforeAll(async () => {
    cluster = await startEmbeddedPostgres();
    const db = await createTestDatabase(cluster, name);
    a = db.pool();
    b = db.pool();
    await migratePostgres(a);
  }, 60_000);
  afterAll(async () => {
    await a?.end();
    await b?.end();
    await cluster?.stop();
  });
  const opened = (pool: pg.Pool | undefined) => {
    if (pool === undefined) throw new Error('the replicas open in beforeAll');
    return pool;
  };
  return {
    get a() {
      return opened(a);
    },
    get b() {
      return opened(b);
    },
  };
}

/**
 * For tests that need a database of their own per case: one cluster for the file, and `fresh()` creating a new
 * database on it (named `<prefix>_<n>`) whose pools (`open()`, one per simulated replica) close after the file.
 */
export function useFreshDatabases(prefix: string): () => Promise<{ open(): pg.Pool }> {
  let cluster: RunningPostgres | undefined;
  const pools: pg.Pool[] = [];
  let databases = 0;
  beforeAll(async () => {
    cluster = await startEmbeddedPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await cluster?.stop();
  });
  return async () => {
    if (cluster === undefined) throw new Error('the cluster starts in beforeAll');
    const db = await createTestDatabase(cluster, `${prefix}_${++databases}`);
    return {
      open() {
        const pool = db.pool();
        pools.push(pool);
        return pool;
      },
    };
  };
}
