import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { acceptsConnections, runToExit, startServerProcess } from '@gatehouse/kit/testing';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** Where Node keeps its compile cache when NODE_COMPILE_CACHE names no other folder: <tmpdir>/node-compile-cache. */
const COMPILE_CACHE = 'node-compile-cache';

let server: RunningPostgres;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  await client.query(`CREATE TABLE public.accounts (id int PRIMARY KEY, email text);
    INSERT INTO accounts VALUES (1, 'ana@example.com'), (2, 'bo@example.com')`);
  await client.end();
});
afterAll(() => server?.stop());

/** The server process over stdio, with its stderr collected. */
async function spawnServer(env: Record<string, string>) {
  const { GATEHOUSE_DATABASE_DATABASES: _ignored, ...base } = process.env;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [main],
    env: { ...base, GATEHOUSE_TRANSPORT: 'stdio', ...env } as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const client = new Client({ name: 'database-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe('database server process', () => {
  it('starts on the embedded demo with no configuration, through the read-only role', async () => {
    const { client, stderr } = await spawnServer({});
    try {
      const who = await client.callTool({
        name: 'query',
        arguments: { database: 'demo', sql: 'SELECT current_user AS who' },
      });
      expect((who.structuredContent as { rows: unknown[] }).rows).toEqual([['gatehouse_reader']]);
      const sample = await client.callTool({
        name: 'sample_rows',
        arguments: { database: 'demo', table: 'customers', limit: 2 },
      });
      const sampled = sample.structuredContent as { columns: string[]; rows: unknown[][] };
      const email = sampled.columns.indexOf('email');
      expect(sampled.rows.map((r) => r[email])).toEqual(['[masked]', '[masked]']);
      expect(stderr()).toContain('serving the embedded demo database');
      // The demo role is read-only: no warning.
      expect(stderr()).not.toContain('WARNING');
    } finally {
      await client.close();
    }
  }, 60_000);

  it('refuses to start on a role that can write (a superuser), with the SQL to fix it and no password', async () => {
    const databases = JSON.stringify([{ name: 'main', url: server.url(), masks: ['accounts.email'] }]);
    const { code, stderr } = await runToExit(main, { GATEHOUSE_DATABASE_DATABASES: databases });
    expect(code).toBe(78);
    expect(stderr).toContain('database main (postgres://postgres:***@127.0.0.1');
    expect(stderr).toContain('role postgres is a SUPERUSER');
    expect(stderr).toContain('CREATE ROLE "gatehouse_reader" LOGIN');
    expect(stderr).toContain('set allowPrivilegedRole: true for database main');
    expect(stderr).not.toContain(server.password);
  });

  it('serves it when the configuration allows the privileged role: warned loudly and audited at start', async () => {
    const databases = JSON.stringify([
      { name: 'main', url: server.url(), masks: ['accounts.email'], allowPrivilegedRole: true },
    ]);
    const { client, stderr } = await spawnServer({ GATEHOUSE_DATABASE_DATABASES: databases });
    try {
      const result = await client.callTool({
        name: 'query',
        arguments: { database: 'main', sql: 'SELECT id, email FROM accounts ORDER BY id' },
      });
      expect((result.structuredContent as { rows: unknown[] }).rows).toEqual([
        [1, '[masked]'],
        [2, '[masked]'],
      ]);
      expect(stderr()).toContain('role postgres is a SUPERUSER');
      expect(stderr()).toContain('allowPrivilegedRole is true for this database');
      expect(stderr()).toContain('CREATE ROLE "gatehouse_reader" LOGIN');
      expect(stderr()).toContain('postgres://postgres:***@127.0.0.1');
      expect(stderr()).not.toContain(server.password);
      // The audit log (stderr by default) has the start-up record.
      const startup = stderr()
        .split('\n')
        .filter((line) => line.includes('"name":"startup"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(startup).toEqual([
        expect.objectContaining({
          actor: 'gatehouse',
          via: 'startup',
          target: 'db:main',
          code: 'database_role_privileged',
        }),
      ]);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('stops the embedded demo on SIGTERM: the postmaster is gone and its temporary folder removed', async () => {
    // A folder of its own for the demo's temporary cluster, so the test sees exactly what this process leaves.
    const tmp = await mkdtemp(join(tmpdir(), 'gatehouse-main-test-'));
    await chmod(tmp, 0o755); // the cluster runs as the postgres user when the tests run as root
    try {
      const running = await startServerProcess(main, { TMPDIR: tmp }, 45_000);
      // Node's compile cache (turned on by every server's entry) lives in TMPDIR too, and outlives the process
      // on purpose: the next start reuses it. Only the demo's own folder must come and go.
      const demoFolders = async () => (await readdir(tmp)).filter((name) => name !== COMPILE_CACHE);
      const [folder, ...others] = await demoFolders();
      expect(others).toEqual([]);
      expect(folder).toMatch(/^gatehouse-pg-/);
      // postmaster.pid: pid, data directory, start time, port, ...
      const pidFile = await readFile(join(tmp, folder as string, 'cluster', 'postmaster.pid'), 'utf8');
      const port = Number(pidFile.split('\n')[3]);
      expect(await acceptsConnections(port)).toBe(true);

      expect(await running.stop()).toBe(0);
      expect(await demoFolders()).toEqual([]);
      expect(await acceptsConnections(port)).toBe(false);
      expect(running.stderr()).not.toContain('failed');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to start on a bad setting with exit code 78, naming it and hiding the password', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_DATABASE_DATABASES: '[{"name":"main","url":"mysql://root:hunter2@db/main","maxRows":0}]',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_DATABASE_DATABASES at 0.url: expected a postgres://');
    expect(stderr).toContain('GATEHOUSE_DATABASE_DATABASES at 0.maxRows');
    expect(stderr).not.toContain('hunter2');
    // A bad kit setting stops start-up too, before any embedded cluster is started.
    const kit = await runToExit(main, { GATEHOUSE_PORT: 'not-a-port' });
    expect(kit.code).toBe(78);
    expect(kit.stderr).toContain('GATEHOUSE_PORT');
    expect(kit.stderr).not.toContain('embedded demo');
  });
});
