import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectHttpClient } from '@gatehouse/kit/testing';
import { describe, expect, inject, it } from 'vitest';
import { machineContainersEnv, podman } from '../src/engine.ts';
import { deployTargets, REPOSITORY_ROOT } from '../src/targets.ts';
import { apiKeys, freePort, reader, waitUntilReady } from './support.ts';

// deploy/compose.yaml as a team uses it, with podman-compose and local images only: the docs server with shared
// state in the compose PostgreSQL (the stand-in for the official image, images.setup.ts), hardened as the file says.
// Its audit records land in that PostgreSQL, which proves the state store is real and reached by service name.

const image = inject('docsImage');
const composeAvailable = spawnSync('podman-compose', ['version'], { stdio: 'ignore' }).status === 0;
if (image !== '' && !composeAvailable) {
  process.stderr.write(
    'deploy compose test SKIPPED: podman-compose is not installed (.ci/run installs it)\n',
  );
}
const execFileAsync = promisify(execFile);
const target = deployTargets().find((t) => t.server === 'docs')!;

describe.skipIf(image === '' || !composeAvailable)('deploy/compose.yaml under podman-compose', () => {
  it('brings the docs server up hardened, its audit in the compose PostgreSQL', async () => {
    const project = `gatehouse-deploy-test-${process.pid}`;
    const port = await freePort();
    const env = {
      ...machineContainersEnv(),
      GATEHOUSE_API_KEYS: apiKeys(),
      // The `state` profile's URL, as the README tells a team to put it in deploy/.env.
      GATEHOUSE_DATABASE_URL: 'postgres://gatehouse:gatehouse-local@postgres:5432/gatehouse',
      [`${target.settingsPrefix}HOST_PORT`]: String(port),
    };
    const compose = (args: string[]) =>
      execFileAsync(
        'podman-compose',
        ['-f', join(REPOSITORY_ROOT, 'deploy/compose.yaml'), '-p', project, ...args],
        {
          env,
          timeout: 120_000,
        },
      );
    const server = `${project}_${target.server}_1`;
    const postgres = `${project}_postgres_1`;
    const logs = () => podman(['logs', server]).catch((e: Error) => e.message);
    try {
      // podman-compose 1.0 has no profiles: it starts the services named.
      await compose(['up', '-d', '--no-build', 'postgres', target.server]);
      // The server restarts (restart: on-failure) until PostgreSQL answers, then migrates and serves.
      await waitUntilReady(`http://127.0.0.1:${port}`, logs, 90_000);
      const client = await connectHttpClient(`http://127.0.0.1:${port}/mcp`, reader.key);
      expect((await client.callTool({ name: 'list_docs', arguments: {} })).isError).toBeFalsy();
      await client.close();

      const status = await podman(['exec', server, 'sh', '-c', 'id -u; grep CapEff /proc/1/status']);
      expect(status).toMatch(/^1000\nCapEff:\s+0+$/);
      await expect(podman(['exec', server, 'touch', '/app/written'])).rejects.toThrow(
        /Read-only file system/,
      );

      const sql = (query: string) =>
        podman(['exec', postgres, 'psql', '--username=gatehouse', '--dbname=gatehouse', '-tAc', query]);
      // The audit writer batches: the record is in the table within moments of the answer.
      const deadline = Date.now() + 15_000;
      let recorded = 0;
      while (recorded === 0 && Date.now() < deadline) {
        recorded = Number(
          await sql(`SELECT count(*) FROM gatehouse.audit_log WHERE actor = '${reader.actor}'`),
        );
        if (recorded === 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recorded).toBeGreaterThan(0);
      expect(await sql('SHOW server_version')).toMatch(/^15\./);
    } finally {
      await compose(['down', '--volumes']).catch(() => undefined);
      await podman(['rm', '--force', '--time', '0', server, postgres]).catch(() => undefined);
      await podman(['volume', 'rm', '--force', `${project}_gatehouse-postgres`]).catch(() => undefined);
      await podman(['network', 'rm', `${project}_default`]).catch(() => undefined);
    }
  }, 180_000);
});
