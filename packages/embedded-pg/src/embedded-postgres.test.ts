import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('startEmbeddedPostgres', () => {
  it('serves a real PostgreSQL on loopback that accepts only its password, and removes a temporary cluster on stop', async () => {
    const server = await startEmbeddedPostgres();
    try {
      const client = new pg.Client({ connectionString: server.url() });
      await client.connect();
      const { rows } = await client.query<{ v: string }>('select current_setting($1) as v', [
        'server_version_num',
      ]);
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(180000);
      await client.end();

      const wrong = new pg.Client({
        connectionString: server.url().replace(server.password, 'not-the-password'),
      });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
      await server.stop();
    }
    const stillListening = new pg.Client({ connectionString: server.url(), connectionTimeoutMillis: 1000 });
    await expect(stillListening.connect()).rejects.toThrow();
  });

  it('keeps a cluster in a given folder and starts it again with its data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-pg-kept-'));
    await chmod(dataDir, 0o755);
    try {
      const first = await startEmbeddedPostgres({ dataDir, password: 'kept-password' });
      const client = new pg.Client({ connectionString: first.url() });
      await client.connect();
      await client.query('create table kept (n int); insert into kept values (42)');
      await client.end();
      await first.stop();
      expect(await exists(join(dataDir, 'cluster', 'PG_VERSION'))).toBe(true);

      const second = await startEmbeddedPostgres({ dataDir, password: 'kept-password' });
      const again = new pg.Client({ connectionString: second.url() });
      await again.connect();
      const { rows } = await again.query<{ n: number }>('select n from kept');
      expect(rows).toEqual([{ n: 42 }]);
      await again.end();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
