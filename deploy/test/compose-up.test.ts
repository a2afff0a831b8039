import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectHttpClient } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { machineContainersEnv, podman } from '../src/engine.ts';
import { type DeployTarget, deployTargets, REPOSITORY_ROOT } from '../src/targets.ts';
import { apiKeys, freePort, reader, waitUntilReady } from './support.ts';

// deploy/compose.yaml as a team uses it, with podman-compose and local images only (images.setup.ts): the docs and
// database servers with shared state in compose's PostgreSQL (the stand-in for the official image), hardened as
// the file says. The docs server's audit records land in that PostgreSQL, and the database server's demo database
// lives there: the state store is real and reached by its service name.

const ready = inject('docsImage') !== '' && inject('databaseImage') !== '';
const composeAvailable = spawnSync('podman-compose', ['version'], { stdio: 'ignore' }).status === 0;
if (ready && !composeAvailable) {
  process.stderr.write(
    'deploy compose test SKIPPED: podman-compose is not installed (.ci/run installs it)\n',
  );
}
const execFileAsync = promisify(execFile);
const server = (name: string) => deployTargets().find((t) => t.server === name)!;
const docs = server('docs');
const database = server('database');

const project = `gatehouse-deploy-test-${process.pid}`;
const container = (service: string) => `${project}_${service}_1`;
const ports = new Map<DeployTarget, number>();
const url = (target: DeployTarget) => `http://127.0.0.1:${ports.get(target)}`;
let env: NodeJS.ProcessEnv;
const compose = (args: string[]) =>
  execFileAsync(
    'podman-compose',
    ['-f', join(REPOSITORY_ROOT, 'deploy/compose.yaml'), '-p', project, ...args],
    {
      env,
      timeout: 120_000,
    },
  );
const sql = (query: string) =>
  podman([
    'exec',
    container('postgres'),
    'psql',
    '--username=gatehouse',
    '--dbname=gatehouse',
    '-tAc',
    query,
  ]);

describe.skipIf(!ready || !composeAvailable)('deploy/compose.yaml under podman-compose', () => {
  beforeAll(async () => {
    env = {
      ...machineContainersEnv(),
      GATEHOUSE_API_KEYS: apiKeys(),
      // The `state` profile's URL, as the README tells a team to put it in deploy/.env.
      GATEHOUSE_DATABASE_URL: 'postgres://gatehouse:gatehouse-local@postgres:5432/gatehouse',
    };
    for (const target of [docs, database]) {
      ports.set(target, await freePort());
      env[`${target.settingsPrefix}HOST_PORT`] = String(ports.get(target));
    }
    // podman-compose 1.0 has no profiles: it starts the services named, and what they depend on (the database
    // server's PostgreSQL). Servers start again (restart: on-failure) until PostgreSQL answers.
    await compose(['up', '-d', '--no-build', docs.server, database.server]);
    for (const target of [docs, database]) {
      const logs = () => podman(['logs', container(target.server)]).catch((e: Error) => e.message);
      await waitUntilReady(url(target), logs, 90_000);
    }
  });

  afterAll(async () => {
    await compose(['down', '--volumes']).catch(() => undefined);
    const names = ['postgres', docs.server, database.server].map(container);
    await podman(['rm', '--force', '--volumes', '--time', '0', ...names]).catch(() => undefined);
    await podman(['volume', 'rm', '--force', `${project}_gatehouse-postgres`]).catch(() => undefined);
    await podman(['network', 'rm', `${project}_default`]).catch(() => undefined);
  });

  it('runs the docs server hardened, its audit in PostgreSQL 15', async () => {
    const client = await connectHttpClient(`${url(docs)}/mcp`, reader.key);
    expect((await client.callTool({ name: 'list_docs', arguments: {} })).isError).toBeFalsy();
    await client.close();

    const name = container(docs.server);
    const status = await podman(['exec', name, 'sh', '-c', 'id -u; grep CapEff /proc/1/status']);
    expect(status).toMatch(/^1000\nCapEff:\s+0+$/);
    await expect(podman(['exec', name, 'touch', '/app/written'])).rejects.toThrow(/Read-only file system/);

    // The audit writer batches: the record is in the table within moments of the answer.
    const deadline = Date.now() + 15_000;
    let recorded = 0;
    while (recorded === 0 && Date.now() < deadline) {
      recorded = Number(
        await sql(
          `SELECT count(*) FROM gatehouse.audit_log WHERE actor = '${reader.actor}' AND server = 'docs'`,
        ),
      );
      if (recorded === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recorded).toBeGreaterThan(0);
    expect(await sql('SHOW server_version')).toMatch(/^15\./);
  });

  it("serves the database server's demo from compose's PostgreSQL, not from one inside its container", async () => {
    const client = await connectHttpClient(`${url(database)}/mcp`, reader.key);
    const tables = await client.callTool({ name: 'list_tables', arguments: { database: 'demo' } });
    expect(tables.isError).toBeFalsy();
    expect(JSON.stringify(tables.structuredContent)).toContain('invoices');
    await client.close();

    expect(await sql("SELECT count(*) FROM pg_database WHERE datname = 'demo'")).toBe('1');
    // No PostgreSQL of its own: its container runs the server (PID 1) and nothing named postgres.
    const name = container(database.server);
    const processes = await podman(['exec', name, 'sh', '-c', 'cat /proc/[0-9]*/comm']);
    expect(processes.split('\n')).not.toContain('postgres');
    expect(await podman(['exec', name, 'cat', '/proc/1/cmdline'])).toContain('/app/entry.ts');
  });
});
