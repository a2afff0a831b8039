import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort, type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresApprovalStore } from '../src/stores/postgres/index.ts';
import { runToExit, startServerProcess, testApiKey } from '../src/testing/index.ts';
import { approvalIdOf, errorCodeOf, eventually } from './fixtures.ts';

// Two server PROCESSES (the example server's entry, as deployed) on one PostgreSQL: what one replica knows, the
// other must honour. Replica A allows reads while the audit store is down, replica B refuses them.
const main = fileURLToPath(new URL('../example/main.ts', import.meta.url));
const RATE_CAPACITY = 20;
const PASSWORD = 'replicas-test';

const alice = testApiKey('alice', ['writer']);
const dana = testApiKey('dana', ['writer']);
const loaders = Array.from({ length: 20 }, (_, i) => testApiKey(`load-${i}`, ['writer']));

let dir: string;
let cluster: RunningPostgres;
let databaseUrl: string;
let pool: pg.Pool;
let replicaA: Replica;
let replicaB: Replica;

interface Replica {
  readonly url: string;
  readonly auditLog: string;
  connect(key: string): Promise<Client>;
  stop(): Promise<void>;
}

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const auditLog = join(dir, `${name}-audit.log`);
  const server = await startServerProcess(main, {
    GATEHOUSE_DATABASE_URL: databaseUrl,
    GATEHOUSE_API_KEYS: JSON.stringify([alice, dana, ...loaders].map((k) => k.entry)),
    GATEHOUSE_SIGNING_KEY: SIGNING_KEY,
    GATEHOUSE_RATE_LIMIT_CAPACITY: String(RATE_CAPACITY),
    GATEHOUSE_RATE_LIMIT_REFILL_PER_SECOND: '0.001',
    GATEHOUSE_AUDIT_LOG: auditLog,
    ...env,
  });
  const url = server.url;
  const clients: Client[] = [];
  return {
    url,
    auditLog,
    async connect(key) {
      const client = new Client({ name: `replicas-test-${name}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        }),
      );
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) await client.close().catch(() => {});
      await server.stop();
    },
  };
}

const SIGNING_KEY = randomBytes(32).toString('base64');

async function ready(replica: Replica): Promise<number> {
  return (await fetch(new URL('/readyz', replica.url))).status;
}

async function auditCount(where: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM gatehouse.audit_log WHERE ${where}`,
    params,
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-replicas-'));
  await chmod(dir, 0o755); // under root, the cluster runs as a postgres user that must reach its folder
  cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), password: PASSWORD });
  databaseUrl = cluster.url();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => {});
  // Both start at once: their migrations take turns on the advisory lock.
  [replicaA, replicaB] = await Promise.all([
    startReplica('a', { GATEHOUSE_AUDIT_UNAVAILABLE_READS: 'allow' }),
    startReplica('b', { GATEHOUSE_AUDIT_UNAVAILABLE_READS: 'refuse' }),
  ]);
}, 90_000);

afterAll(async () => {
  await replicaA?.stop();
  await replicaB?.stop();
  await pool?.end();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two replicas on one PostgreSQL', () => {
  it('hold one rate limit between them: capacity in total, not per replica', async () => {
    const clients = [await replicaA.connect(alice.key), await replicaB.connect(alice.key)];
    const results = await Promise.all(
      Array.from({ length: 3 * RATE_CAPACITY }, (_, i) =>
        clients[i % 2]!.callTool({ name: 'list_notes', arguments: {} }),
      ),
    );
    const codes = results.map((r) => errorCodeOf(r) ?? 'ok');
    expect(codes.filter((c) => c === 'ok')).toHaveLength(RATE_CAPACITY);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(2 * RATE_CAPACITY);
  });

  it('honour an approval requested through one replica on the other, exactly once', async () => {
    const [viaA, viaB] = [await replicaA.connect(alice.key), await replicaB.connect(alice.key)];
    const call = { name: 'add_note', arguments: { title: 'shared approval', body: 'b' } };
    const first = await viaA.callTool(call);
    expect(errorCodeOf(first)).toBe('approval_required');
    const id = approvalIdOf(first);
    // A person grants it out of band, straight in the shared store.
    await createPostgresApprovalStore(pool).grant(id, { by: 'carol', via: 'cli' });
    const granted = await viaB.callTool({ ...call, _meta: { 'dev.gatehouse/approval': id } });
    expect(granted.isError).toBeFalsy();
    expect(granted.structuredContent).toMatchObject({ id: expect.stringMatching(/^n\d+$/) });
    const again = await viaA.callTool({ ...call, _meta: { 'dev.gatehouse/approval': id } });
    expect(errorCodeOf(again)).toBe('approval_invalid');
    expect(JSON.stringify(again.content)).toContain('has already been used');
    const ran = await eventually(
      () => auditCount(`approval_id = $1 AND outcome = 'ok'`, [id]),
      (n) => n >= 1,
    );
    expect(ran).toBe(1);
  });

  it('store the audit records of both in one table, none lost under concurrent load', async () => {
    const perActor = RATE_CAPACITY; // every call allowed: exactly the shared capacity per actor and tool
    const clients = await Promise.all(
      loaders.flatMap((k) => [replicaA.connect(k.key), replicaB.connect(k.key)]),
    );
    const results = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: perActor / 2 }, (_, i) =>
          client.callTool({ name: 'get_note', arguments: { id: `n${1 + ((c + i) % 3)}` } }),
        ),
      ),
    );
    const calls = loaders.length * perActor;
    expect(results).toHaveLength(calls);
    expect(results.filter((r) => r.isError)).toEqual([]);
    const stored = await eventually(
      () => auditCount(`actor LIKE 'load-%'`),
      (n) => n >= calls,
    );
    expect(stored).toBe(calls);
    // Each replica wrote its half (its own log file holds the same records).
    for (const replica of [replicaA, replicaB]) {
      const lines = (await readFile(replica.auditLog, 'utf8')).split('\n');
      expect(lines.filter((l) => l.includes('"actor":"load-')).length).toBe(calls / 2);
      const metrics = await (await fetch(new URL('/metrics', replica.url))).text();
      expect(metrics).toContain('gatehouse_audit_pg_lost_total 0');
      expect(metrics).toContain('gatehouse_audit_pg_up 1');
    }
  }, 60_000);

  it('fail closed while PostgreSQL is down, then flush what they buffered when it is back', async () => {
    const [viaA, viaB] = [await replicaA.connect(dana.key), await replicaB.connect(dana.key)];
    const port = cluster.port;
    await cluster.stop();
    try {
      // Each replica notices on its own (liveness check) and stops reporting ready.
      for (const replica of [replicaA, replicaB]) {
        expect(
          await eventually(
            () => ready(replica),
            (s) => s === 503,
          ),
        ).toBe(503);
      }
      const write = { name: 'add_note', arguments: { title: 'during outage', body: 'b' } };
      expect(errorCodeOf(await viaA.callTool(write))).toBe('audit_unavailable');
      expect(errorCodeOf(await viaB.callTool(write))).toBe('audit_unavailable');
      // Reads follow each replica's GATEHOUSE_AUDIT_UNAVAILABLE_READS: A allows, B refuses.
      const readA = await viaA.callTool({ name: 'get_note', arguments: { id: 'n2' } });
      expect(readA.isError).toBeFalsy();
      const readB = await viaB.callTool({ name: 'get_note', arguments: { id: 'n2' } });
      expect(errorCodeOf(readB)).toBe('audit_unavailable');
    } finally {
      cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), password: PASSWORD, port });
    }
    for (const replica of [replicaA, replicaB]) {
      expect(
        await eventually(
          () => ready(replica),
          (s) => s === 200,
        ),
      ).toBe(200);
    }
    // All four calls are on the record, in the shared table, once each.
    const rows = await eventually(
      async () =>
        (
          await pool.query<{ name: string; outcome: string; code: string | null }>(
            `SELECT name, outcome, code FROM gatehouse.audit_log WHERE actor = 'dana' ORDER BY name, outcome`,
          )
        ).rows,
      (r) => r.length >= 4,
    );
    expect(rows).toEqual([
      { name: 'add_note', outcome: 'not_run', code: 'audit_unavailable' },
      { name: 'add_note', outcome: 'not_run', code: 'audit_unavailable' },
      { name: 'get_note', outcome: 'not_run', code: 'audit_unavailable' },
      { name: 'get_note', outcome: 'ok', code: null },
    ]);
  }, 90_000);
});

describe('a replica with GATEHOUSE_DATABASE_URL set', () => {
  it('refuses to start while migrations are pending and GATEHOUSE_MIGRATE=off', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE unmigrated');
    await admin.end();
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_DATABASE_URL: cluster.url('unmigrated'),
      GATEHOUSE_MIGRATE: 'off',
      GATEHOUSE_PORT: '0',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_MIGRATE: off, but the database (GATEHOUSE_DATABASE_URL) lacks');
    expect(stderr).toContain('0001-initial');
  });

  it('refuses to start when the database cannot be reached, naming the setting and hiding the password', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_DATABASE_URL: `postgres://gatehouse:s3cret-pw@127.0.0.1:${await freeLoopbackPort()}/gatehouse`,
      GATEHOUSE_PORT: '0',
    });
    expect(code).toBe(78);
    expect(stderr).toMatch(/GATEHOUSE_DATABASE_URL: cannot prepare the kit's database: .*ECONNREFUSED/);
    expect(stderr).not.toContain('s3cret-pw');
  });
});
