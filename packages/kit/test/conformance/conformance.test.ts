import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConformanceFixture } from './fixture-server.ts';

// The official MCP conformance suite (its CLI, as a child process) against a kit server over loopback HTTP,
// compared with baseline.json. A new failure fails this test, and so does a baseline entry that now passes.

const cli = join(
  dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')),
  'dist/index.js',
);

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
}
interface Baseline {
  expectedFailures: { expect: string[]; why: string }[];
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Scenario name → its checks, from the CLI's output directory (`server-<scenario>-<timestamp>/checks.json`). */
async function readResults(dir: string): Promise<Map<string, Check[]>> {
  const results = new Map<string, Check[]>();
  for (const entry of await readdir(dir)) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(entry)?.[1];
    if (!scenario) continue;
    results.set(scenario, JSON.parse(await readFile(join(dir, entry, 'checks.json'), 'utf8')) as Check[]);
  }
  return results;
}

let fixture: Awaited<ReturnType<typeof startConformanceFixture>>;
let outDir: string;
let results: Map<string, Check[]>;
let scenarios: string[];

beforeAll(async () => {
  fixture = await startConformanceFixture();
  outDir = await mkdtemp(join(tmpdir(), 'gatehouse-conformance-'));
  const listed = await runCli(['list', '--server']);
  scenarios = [...listed.stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] as string);
  // `--suite all` includes the pending scenarios too (json-schema-2020-12, server-sse-polling).
  const run = await runCli(['server', '--suite', 'all', '--url', fixture.http.url, '-o', outDir]);
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`conformance CLI crashed (${run.code}): ${run.stderr}`);
  results = await readResults(outDir);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('MCP conformance suite (2025-06-18 and 2025-11-25 server scenarios) over HTTP', () => {
  it('ran every server scenario the suite lists', () => {
    expect(scenarios.length).toBeGreaterThan(25);
    expect([...results.keys()].sort()).toEqual([...scenarios].sort());
  });

  it('fails only where baseline.json says, and every baseline entry still fails', async () => {
    const baseline = JSON.parse(
      await readFile(new URL('./baseline.json', import.meta.url), 'utf8'),
    ) as Baseline;
    const failing = new Map<string, Check[]>();
    for (const [scenario, checks] of results) {
      const failed = checks.filter((c) => c.status === 'FAILURE');
      if (failed.length) failing.set(scenario, failed);
    }
    const entries = baseline.expectedFailures.flatMap((e) => {
      expect(e.why.length, `baseline entry ${e.expect.join(', ')} needs a why`).toBeGreaterThan(20);
      return e.expect;
    });
    const covered = (scenario: string, check: Check) =>
      entries.includes(scenario) || entries.includes(`${scenario}/${check.id}`);
    const unexpected = [...failing].flatMap(([scenario, checks]) =>
      checks.filter((c) => !covered(scenario, c)).map((c) => `${scenario}/${c.id}: ${c.errorMessage}`),
    );
    const stale = entries.filter((entry) => {
      const [scenario, checkId] = entry.split(/\/(.*)/s) as [string, string | undefined];
      const failed = failing.get(scenario) ?? [];
      return checkId === undefined ? failed.length === 0 : !failed.some((c) => c.id === checkId);
    });
    expect(unexpected, 'failures not in baseline.json').toEqual([]);
    expect(stale, 'baseline.json entries that now pass (delete them)').toEqual([]);
  });

  it('passes DNS-rebinding protection, and audits the refused request', () => {
    const checks = results.get('dns-rebinding-protection') ?? [];
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['localhost-host-rebinding-rejected', 'SUCCESS'],
      ['localhost-host-valid-accepted', 'SUCCESS'],
    ]);
    expect(fixture.audit.records.some((r) => r.kind === 'request' && r.code === 'forbidden')).toBe(true);
  });

  it('passes the core scenarios outright', () => {
    for (const scenario of [
      'server-initialize',
      'ping',
      'tools-list',
      'tools-call-simple-text',
      'tools-call-error',
      'resources-list',
      'resources-read-text',
      'resources-read-binary',
      'resources-templates-read',
      'prompts-list',
      'prompts-get-simple',
      'prompts-get-with-args',
    ]) {
      const checks = results.get(scenario) ?? [];
      expect(checks.length, scenario).toBeGreaterThan(0);
      expect(
        checks.filter((c) => c.status !== 'SUCCESS'),
        scenario,
      ).toEqual([]);
    }
  });
});

// The installed suite (0.1.16) has no 2026-07-28 server scenarios. The same requirements, asserted the way
// the suite asserts them, through the official SDK client on the 2026-07-28 wire (the kit's SDK-served path).
describe('the same scenario requirements on the 2026-07-28 wire', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client(
      { name: 'conformance-2026', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(fixture.http.url)));
    expect(client.getProtocolEra()).toBe('modern');
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists tools, resources and prompts with the required fields', async () => {
    const { tools } = await client.listTools();
    for (const tool of tools)
      expect(tool).toMatchObject({
        name: expect.any(String),
        description: expect.any(String),
        inputSchema: expect.any(Object),
      });
    const schema = tools.find((t) => t.name === 'json_schema_2020_12_tool')?.inputSchema as Record<
      string,
      unknown
    >;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$defs).toHaveProperty('address');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['test://static-binary', 'test://static-text']);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['test_prompt_with_arguments', 'test_simple_prompt']);
  });

  it('calls tools: text content, and isError with a message', async () => {
    const ok = await client.callTool({ name: 'test_simple_text' });
    expect((ok.content as { type: string; text: string }[]).find((c) => c.type === 'text')?.text).toContain(
      'simple text response',
    );
    const failed = await client.callTool({ name: 'test_error_handling', arguments: {} });
    expect(failed.isError).toBe(true);
    expect((failed.content as { text: string }[])[0]?.text).toContain('intentionally returns an error');
  });

  it('reads text, binary and templated resources', async () => {
    const text = await client.readResource({ uri: 'test://static-text' });
    expect(text.contents[0]).toMatchObject({
      uri: 'test://static-text',
      mimeType: 'text/plain',
      text: expect.any(String),
    });
    const binary = await client.readResource({ uri: 'test://static-binary' });
    expect(binary.contents[0]).toMatchObject({ mimeType: 'image/png', blob: expect.any(String) });
    const templated = await client.readResource({ uri: 'test://template/123/data' });
    expect(JSON.parse((templated.contents[0] as { text: string }).text)).toMatchObject({
      id: '123',
      templateTest: true,
    });
  });

  it('gets prompts with their arguments substituted', async () => {
    const simple = await client.getPrompt({ name: 'test_simple_prompt' });
    expect(simple.messages[0]).toMatchObject({ role: 'user', content: { type: 'text' } });
    const withArgs = await client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'hello', arg2: 'world' },
    });
    expect(JSON.stringify(withArgs.messages)).toContain("arg1='hello', arg2='world'");
  });
});
