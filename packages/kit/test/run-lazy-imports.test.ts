import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../src/testing/index.ts';

// Start-up cost: what only one setup needs is loaded only in that setup (run.ts). A stdio server with no database
// and no OAuth issuer must not load the PostgreSQL driver, jose or the HTTP stack; an HTTP one loads the HTTP stack
// but still neither pg nor jose. Checked on a real process, from the modules it loaded.
const entry = fileURLToPath(new URL('./fixtures/settings-main.ts', import.meta.url));
const recorder = fileURLToPath(new URL('./fixtures/record-modules.mjs', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-lazy-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const PACKAGES = {
  pg: /\/node_modules\/pg\//,
  jose: /\/node_modules\/jose\//,
  hono: /\/node_modules\/(hono|@hono\/node-server)\//,
  'the SDK’s Node HTTP adapter': /\/node_modules\/@modelcontextprotocol\/node\//,
};

function loadedPackages(modules: string[]): string[] {
  return Object.entries(PACKAGES).flatMap(([name, pattern]) =>
    modules.some((m) => pattern.test(m)) ? [name] : [],
  );
}

describe('runServer loads what the configured setup uses', () => {
  it('a stdio server with no database or OAuth serves tools without loading pg, jose or the HTTP stack', async () => {
    const record = join(dir, 'stdio.txt');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', recorder, entry],
      env: { ...process.env, GATEHOUSE_TRANSPORT: 'stdio', RECORD_MODULES: record } as Record<string, string>,
      stderr: 'ignore',
    });
    const client = new Client({ name: 'lazy-imports-test', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await client.close();
    await expect.poll(() => readFile(record, 'utf8').catch(() => ''), { timeout: 10_000 }).not.toBe('');
    const modules = (await readFile(record, 'utf8')).split('\n');
    expect(modules.some((m) => m.endsWith('/src/transport/stdio.ts'))).toBe(true);
    expect(loadedPackages(modules)).toEqual([]);
  });

  it('an HTTP server loads the HTTP stack, and still neither pg nor jose', async () => {
    const record = join(dir, 'http.txt');
    const server = await startServerProcess(entry, {
      RECORD_MODULES: record,
      NODE_OPTIONS: `--import ${recorder}`,
    });
    await server.stop();
    const modules = (await readFile(record, 'utf8')).split('\n');
    expect(loadedPackages(modules)).toEqual(['hono', 'the SDK’s Node HTTP adapter']);
  });
});
