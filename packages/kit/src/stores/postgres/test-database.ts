import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';

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
