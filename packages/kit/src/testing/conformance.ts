import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BearerProxy, startBearerProxy } from './bearer-proxy.ts';
import {
  type BaselineComparison,
  type ConformanceCheck,
  compareWithBaselineFile,
  type ScenarioResults,
} from './conformance-baseline.ts';
import { testApiKey } from './harness.ts';
import { type ServerProcess, startServerProcess } from './process.ts';

/** The protocol revisions the official suite is run for, each by the suite release that holds its requirements. */
export type ConformanceRevision = '2025-11-25' | '2026-07-28';
export const CONFORMANCE_REVISIONS: readonly ConformanceRevision[] = ['2025-11-25', '2026-07-28'];

// 0.1.x is the released suite (2025-06-18 and 2025-11-25 scenarios; `--suite all` adds the pending ones).
// 0.2.x holds the frozen 2026-07-28 requirement set and runs it at the 2026 (stateless) wire; it also runs, without
// scoring them, the extension and pending scenarios, which are compared with the baseline like the rest.
const SUITES: Record<ConformanceRevision, { pkg: string; run: string[]; list: string[] }> = {
  '2025-11-25': {
    pkg: '@modelcontextprotocol/conformance',
    run: ['server', '--suite', 'all'],
    list: ['list', '--server'],
  },
  '2026-07-28': {
    pkg: '@modelcontextprotocol/conformance-next',
    run: ['server', '--requirements', '2026-07-28'],
    list: ['list', '--server', '--requirements', '2026-07-28'],
  },
};

const require = createRequire(import.meta.url);
const cliOf = (revision: ConformanceRevision) =>
  join(dirname(require.resolve(`${SUITES[revision].pkg}/package.json`)), 'dist/index.js');

function runCli(
  cli: string,
  args: string[],
  timeoutMs = 120_000,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Scenario name → its checks, from the CLI's output directory (`server-<scenario>-<timestamp>/checks.json`). */
async function readResults(dir: string): Promise<Map<string, ConformanceCheck[]>> {
  const results = new Map<string, ConformanceCheck[]>();
  for (const entry of await readdir(dir)) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(entry)?.[1];
    if (!scenario) continue;
    results.set(scenario, JSON.parse(await readFile(join(dir, entry, 'checks.json'), 'utf8')));
  }
  return results;
}

/** The server scenarios a `list` output names (the section under "Server scenarios", one `  - name` a line). */
function serverScenariosOf(listing: string): string[] {
  const section = listing.split(/^Server scenarios.*$/m)[1]?.split(/\n\s*\n/)[0] ?? '';
  return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] as string);
}

export interface ConformanceRun {
  readonly revision: ConformanceRevision;
  /** The server scenarios the suite says this revision runs (each must have results). */
  readonly listed: readonly string[];
  readonly results: ScenarioResults;
}

/** Runs the official suite's server scenarios for `revision` against the MCP endpoint at `url`. */
export async function runConformanceSuite(
  url: string,
  revision: ConformanceRevision,
): Promise<ConformanceRun> {
  const cli = cliOf(revision);
  const outDir = await mkdtemp(join(tmpdir(), `gatehouse-conformance-${revision}-`));
  try {
    const [listing, run] = await Promise.all([
      runCli(cli, SUITES[revision].list),
      runCli(cli, [...SUITES[revision].run, '--url', url, '-o', outDir]),
    ]);
    // Exit code 1 means "some scenario failed", which the baseline judges; anything else is the CLI failing.
    if (run.code !== 0 && run.code !== 1)
      throw new Error(`conformance CLI (${revision}) ended with ${run.code}: ${run.out.slice(-4000)}`);
    return { revision, listed: serverScenariosOf(listing.out), results: await readResults(outDir) };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export interface ConformanceReport extends BaselineComparison {
  readonly revision: ConformanceRevision;
  readonly results: ScenarioResults;
}

/**
 * Runs the suite for `revision` against `url` and compares the outcome with `<baselineDir>/<revision>.json`.
 * `problems` also names a listed scenario that produced no results and one of `MUST_PASS` that did not pass.
 */
export async function checkConformance(
  url: string,
  revision: ConformanceRevision,
  baselineDir: string | URL,
): Promise<ConformanceReport> {
  const run = await runConformanceSuite(url, revision);
  const dir = baselineDir instanceof URL ? fileURLToPath(baselineDir) : baselineDir;
  const comparison = await compareWithBaselineFile(run.results, join(dir, `${revision}.json`));
  const problems = [...comparison.problems];
  if (run.listed.length === 0) problems.push(`conformance CLI (${revision}) listed no server scenarios`);
  for (const scenario of run.listed)
    if (!run.results.has(scenario))
      problems.push(`${scenario} (${revision}) is listed by the suite but did not run`);
  for (const scenario of MUST_PASS[revision])
    if (!comparison.passed.includes(scenario))
      problems.push(`${scenario} (${revision}) must pass outright on every Gatehouse server, and did not`);
  return { ...comparison, problems, revision, results: run.results };
}

/** Both revisions against one endpoint, run at once (the suites are separate processes). */
export async function checkAllRevisions(
  url: string,
  baselineDir: string | URL,
): Promise<Record<ConformanceRevision, ConformanceReport>> {
  const reports = await Promise.all(CONFORMANCE_REVISIONS.map((r) => checkConformance(url, r, baselineDir)));
  return Object.fromEntries(reports.map((r) => [r.revision, r])) as Record<
    ConformanceRevision,
    ConformanceReport
  >;
}

/**
 * Scenarios every Gatehouse server passes whatever its tools: they exercise the protocol and transport the kit
 * provides (lifecycle, listings, DNS-rebinding protection, 2026 headers, caching, concurrent streams, the
 * resource-not-found error), not the suite's fixtures.
 */
export const MUST_PASS: Record<ConformanceRevision, readonly string[]> = {
  '2025-11-25': [
    'server-initialize',
    'ping',
    'tools-list',
    'resources-list',
    'prompts-list',
    'dns-rebinding-protection',
  ],
  '2026-07-28': [
    'tools-list',
    'resources-list',
    'prompts-list',
    'dns-rebinding-protection',
    'caching',
    'http-header-validation',
    'server-sse-multiple-streams',
    'sep-2164-resource-not-found',
    'input-required-result-unsupported-methods',
  ],
};

export interface ConformanceTarget {
  /** Where to point the suite: the server through a proxy that adds the API key. */
  readonly url: string;
  readonly server: ServerProcess;
  close(): Promise<void>;
}

/**
 * A server entry as its own process on loopback HTTP, configured with one API key for the given roles, behind a
 * proxy that adds that key to every request: the suite's CLI sends no credentials, and a real server rightly
 * refuses a request without them. The rate limit is raised because the suite makes a few hundred calls at once.
 */
export async function startConformanceTarget(
  entry: string | URL,
  options: { roles?: readonly string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ConformanceTarget> {
  const { key, entry: keyEntry } = testApiKey('conformance-suite', options.roles ?? ['writer']);
  const server = await startServerProcess(
    entry instanceof URL ? fileURLToPath(entry) : entry,
    {
      GATEHOUSE_API_KEYS: JSON.stringify([keyEntry]),
      GATEHOUSE_RATE_LIMIT_CAPACITY: '100000',
      GATEHOUSE_RATE_LIMIT_REFILL_PER_SECOND: '10000',
      ...options.env,
    },
    options.timeoutMs ?? 60_000,
  );
  let proxy: BearerProxy;
  try {
    proxy = await startBearerProxy(server.url, key);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: proxy.url,
    server,
    async close() {
      await proxy.close();
      await server.stop();
    },
  };
}
