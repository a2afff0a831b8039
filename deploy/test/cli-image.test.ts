import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POSTGRES_IMAGE } from '../src/compose.ts';
import { PODMAN_RUNTIME_FLAGS, podman } from '../src/engine.ts';

// The CLI's image as the migration Job runs it (deploy/k8s/common/migrate-job.yaml): `gatehouse migrate`, hardened
// like the Job's container, against a real PostgreSQL (compose's, the local stand-in) reached over a podman network.

const image = inject('cliImage');
const id = `gatehouse-deploy-cli-${process.pid}`;
const network = `${id}-net`;
const postgres = `${id}-pg`;
const url = `postgres://gatehouse:cli-test@${postgres}:5432/gatehouse`;

const migrate = () =>
  podman([
    'run',
    '--rm',
    ...PODMAN_RUNTIME_FLAGS,
    '--network',
    network,
    '--read-only',
    '--read-only-tmpfs=false',
    '--cap-drop=ALL',
    '--security-opt=no-new-privileges',
    '--env',
    `GATEHOUSE_DATABASE_URL=${url}`,
    image,
    'migrate',
  ]);

describe.skipIf(image === '')("the CLI's image (the migration Job's)", () => {
  beforeAll(async () => {
    await podman(['network', 'create', network]);
    await podman([
      'run',
      '--detach',
      '--name',
      postgres,
      ...PODMAN_RUNTIME_FLAGS,
      '--network',
      network,
      '--env',
      'POSTGRES_USER=gatehouse',
      '--env',
      'POSTGRES_PASSWORD=cli-test',
      '--env',
      'POSTGRES_DB=gatehouse',
      POSTGRES_IMAGE,
    ]);
    const deadline = Date.now() + 60_000;
    while (
      !(await podman(['exec', postgres, 'pg_isready', '-h', '127.0.0.1', '-U', 'gatehouse']).then(
        () => true,
        () => false,
      ))
    ) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL never got ready:\n${await podman(['logs', postgres])}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    await podman(['rm', '--force', '--volumes', '--time', '0', postgres]).catch(() => undefined);
    await podman(['network', 'rm', network]).catch(() => undefined);
  });

  it('is a command, not a server: no health check, uid 1000', async () => {
    const [inspected] = JSON.parse(await podman(['image', 'inspect', image]));
    expect(inspected.Config.User).toBe('1000:1000');
    expect(inspected.Config.Labels['org.opencontainers.image.title']).toBe('gatehouse-cli');
    expect(inspected.Healthcheck?.Test ?? ['NONE']).toEqual(['NONE']);
  });

  it('applies the state store schema read-only and with no capabilities, then finds nothing to do', async () => {
    expect(await migrate()).toMatch(/: applied 0001-initial, /);
    expect(await migrate()).toMatch(/: up to date$/);
    const tables = await podman([
      'exec',
      postgres,
      'psql',
      '-U',
      'gatehouse',
      '-tAc',
      "SELECT count(*) FROM pg_tables WHERE schemaname = 'gatehouse' AND tablename = 'audit_log'",
    ]);
    expect(tables).toBe('1');
  }, 60_000);
});
