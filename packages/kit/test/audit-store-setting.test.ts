// GATEHOUSE_AUDIT_STORE: with a database, the audit goes to the table and the log (database) or the log only (log);
// approvals and rate limits live in PostgreSQL either way.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesServer } from '../example/notes-server.ts';
import { KitSettingsSchema } from '../src/config/settings.ts';
import { buildFromSettings } from '../src/run.ts';
import { connectInMemory } from '../src/testing/harness.ts';

const POLICY = fileURLToPath(new URL('../example/policy.yaml', import.meta.url));
let cluster: RunningPostgres;
let folder: string;

beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-audit-store-'));
});
afterAll(async () => {
  await cluster.stop();
  await rm(folder, { recursive: true, force: true });
});

async function callAs(
  actor: string,
  auditStore: 'database' | 'log',
): Promise<{ rows: number; lines: number }> {
  const auditLog = join(folder, `${actor}.jsonl`);
  const settings = KitSettingsSchema.parse({ databaseUrl: cluster.url(), auditStore, auditLog });
  const kit = await buildFromSettings(notesServer(), settings, { defaultPolicyFile: POLICY });
  const connection = await connectInMemory(notesServer(), {
    kit,
    policy: undefined as never,
    identity: { actor, roles: ['writer'], scopes: [], via: 'stdio' },
  });
  const result = await connection.client.callTool({ name: 'list_notes', arguments: {} });
  expect(result.isError).toBeFalsy();
  await connection.close();
  await kit.close();
  const pool = new pg.Pool({ connectionString: cluster.url() });
  // pool.end() resolves before its sockets close; the cluster stopping then must not be an unhandled error.
  pool.on('error', () => {});
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM gatehouse.audit_log WHERE actor = $1',
    [actor],
  );
  const buckets = await pool.query<{ n: string }>('SELECT count(*) AS n FROM gatehouse.rate_limit_buckets');
  await pool.end();
  // Rate limits are in PostgreSQL in both modes.
  expect(Number(buckets.rows[0]?.n)).toBeGreaterThan(0);
  const lines = (await readFile(auditLog, 'utf8')).split('\n').filter((line) => line.includes(actor)).length;
  return { rows: Number(rows[0]?.n), lines };
}

describe('GATEHOUSE_AUDIT_STORE', () => {
  it('database (the default): every record is in the audit table and in the log', async () => {
    expect(KitSettingsSchema.parse({}).auditStore).toBe('database');
    expect(await callAs('ada', 'database')).toEqual({ rows: 1, lines: 1 });
  });

  it('log: records stay in the log, the table gets none, limits still live in PostgreSQL', async () => {
    expect(await callAs('grace', 'log')).toEqual({ rows: 0, lines: 1 });
  });
});
