// The internal-api server on GitHub's published description (@octokit/openapi) with 20 allowlisted operations,
// side by side with @ivotoby/openapi-mcp-server given the same 20 (its `--tools explicit`), both over stdio with
// the official SDK client, in one run: time to ready (spawn to an answered tools/list), RSS, tools/list tokens
// per operation (gpt-tokenizer o200k_base), and invalid tools (the SDK client's own verdict on tools/list). Then
// every operation of the description for both, and the call overhead of a tool over calling the demo API directly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoService } from '@gatehouse/internal-api/demo/service';
import { demoServiceSettings } from '@gatehouse/internal-api/demo/settings';
import { GITHUB_TWENTY } from '@gatehouse/internal-api/test/github-allowlist';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { z } from 'zod';
import { isMain } from '../is-main.ts';

const AIMS = { readyMs: 1000, rssMb: 150, tokensPerOperation: 150, invalid: 0 };
const require = createRequire(import.meta.url);
const SPEC = createRequire(new URL('../../apps/internal-api/package.json', import.meta.url)).resolve(
  '@octokit/openapi/generated/api.github.com.json',
);
const ENTRY = fileURLToPath(new URL('../../apps/internal-api/src/main.ts', import.meta.url));
const PEER = require.resolve('@ivotoby/openapi-mcp-server/bin/mcp-server.js');
const NOWHERE = 'http://127.0.0.1:9';
// Two caches shape a start. Node's compile cache (every server's main.ts turns it on): the first start in an empty
// one strips the types of every .ts file it loads, later ones read the result. The description cache
// (GATEHOUSE_INTERNAL_API_CACHE_DIR): the first start reads GitHub's whole 13 MB document, later ones the part the
// allowlist uses. Cold is both empty (the first start after an install or a change); "container" is the compile
// cache warm and the description cache empty (a container's first start: the image ships a warmed compile cache, the
// document comes with the deployment); warm is both. The peer (JavaScript) gets the same compile cache.
const RUN = mkdtempSync(join(tmpdir(), 'bench-internal-api-'));
const CACHE = join(RUN, 'compile');
let descriptions = 0;
/** An empty description cache of its own. */
const freshDescriptionCache = () => join(RUN, `description-${descriptions++}`);
const DESCRIPTION_CACHE = freshDescriptionCache();

interface Started {
  client: Client;
  pid: number;
  readyMs: number;
  /** CPU the server process used up to ready (user + system), from /proc: less noisy than wall time under load. */
  cpuMs: number;
  tools: unknown[];
  invalid: number;
}

const RawList = z.looseObject({
  tools: z.array(z.looseObject({ name: z.string() })),
  nextCursor: z.string().optional(),
});

/** Every tool as sent (paged), and how many of them the SDK client's own tools/list validation rejects. */
async function listRaw(client: Client): Promise<{ tools: unknown[]; invalid: number }> {
  const tools: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, RawList);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  try {
    let next: string | undefined;
    do {
      const page = await client.listTools(next ? { cursor: next } : {});
      next = page.nextCursor;
    } while (next);
    return { tools, invalid: 0 };
  } catch (error) {
    // The client refuses the whole list; its issues name each tool it rejects by index.
    const indices = new Set([...String(error).matchAll(/"tools",\s*(\d+)/g)].map((m) => m[1]));
    return { tools, invalid: Math.max(indices.size, 1) };
  }
}

async function start(args: string[], env: Record<string, string>): Promise<Started> {
  const began = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: { ...process.env, NODE_COMPILE_CACHE: CACHE, ...env } as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-internal-api', version: '1.0.0' });
  await client.connect(transport);
  const { tools, invalid } = await listRaw(client);
  const readyMs = performance.now() - began;
  const pid = transport.pid ?? 0;
  return { client, pid, readyMs, cpuMs: cpuMsOf(pid), tools, invalid };
}

function cpuMsOf(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks (100 a second on Linux), after the command.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const ours = (services: unknown[], extra: Record<string, string> = {}) =>
  start([ENTRY], {
    GATEHOUSE_INTERNAL_API_CACHE_DIR: DESCRIPTION_CACHE,
    GATEHOUSE_TRANSPORT: 'stdio',
    GATEHOUSE_STDIO_ROLES: 'reader,writer',
    GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000',
    GATEHOUSE_INTERNAL_API_SERVICES: JSON.stringify(services),
    ...extra,
  });

const peer = (tools: string[]) =>
  start(
    [
      PEER,
      '--api-base-url',
      NOWHERE,
      '--openapi-spec',
      SPEC,
      ...(tools.length > 0 ? ['--tools', 'explicit', ...tools.flatMap((t) => ['--tool', t])] : []),
    ],
    {},
  );

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const fixed = (n: number, digits = 0) => n.toFixed(digits);

function report(label: string, s: Started, operations: number) {
  const tokens = countTokens(JSON.stringify({ tools: s.tools }));
  // Said once per session, not per tool (the inputs many tools share are described there): shown, not hidden.
  const instructions = countTokens(s.client.getInstructions() ?? '');
  const rss = rssMb(s.pid);
  console.log(
    `${label.padEnd(38)} ready ${fixed(s.readyMs).padStart(5)} ms  CPU ${String(s.cpuMs).padStart(5)} ms  RSS ${fixed(rss).padStart(4)} MB  tools ${String(s.tools.length).padStart(4)}  tokens ${String(tokens).padStart(7)} (${fixed(tokens / Math.max(operations, 1)).padStart(4)}/op)  instructions ${String(instructions).padStart(4)}  invalid ${s.invalid}`,
  );
  return { tokens, rss, perOperation: tokens / Math.max(operations, 1) };
}

async function callOverhead(rounds: number) {
  const demo = await startDemoService();
  try {
    const url = `${demo.baseUrl}/customers/1`;
    const direct = async () => {
      const response = await fetch(url, { headers: { 'x-api-key': demo.apiKey } });
      await response.json();
    };
    const s = await ours([demoServiceSettings(demo.baseUrl)], {
      GATEHOUSE_INTERNAL_API_DEMO_KEY: demo.apiKey,
    });
    try {
      const viaTool = () => s.client.callTool({ name: 'get_customer', arguments: { customerId: 1 } });
      for (let i = 0; i < 20; i++) {
        await direct();
        await viaTool();
      }
      const time = async (fn: () => Promise<unknown>) => {
        const t = performance.now();
        for (let i = 0; i < rounds; i++) await fn();
        return (performance.now() - t) / rounds;
      };
      const directMs = await time(direct);
      const toolMs = await time(viaTool);
      console.log(
        `call get_customer (${rounds} each): direct HTTP ${fixed(directMs, 2)} ms, through the server ${fixed(toolMs, 2)} ms: overhead ${fixed(toolMs - directMs, 2)} ms a call (${fixed(toolMs / directMs, 1)}x)`,
      );
    } finally {
      await s.client.close();
    }
  } finally {
    await demo.close();
  }
}

export async function main(): Promise<void> {
  console.log(
    'internal-api: GitHub description, 20 allowlisted operations (and all of them), stdio, SDK client',
  );
  const twenty = { name: 'github', spec: SPEC, baseUrl: NOWHERE, ...GITHUB_TWENTY };
  const cold = await ours([twenty]);
  const coldReport = report('gatehouse internal-api (20), cold', cold, 20);
  await cold.client.close();
  const container = await ours([twenty], { GATEHOUSE_INTERNAL_API_CACHE_DIR: freshDescriptionCache() });
  const containerReport = report('gatehouse internal-api (20), container', container, 20);
  await container.client.close();
  // Baseline: the same server on the demo's small document; the difference is what GitHub's description costs.
  const base = await ours([demoServiceSettings(`${NOWHERE}/v1`)], {
    GATEHOUSE_INTERNAL_API_DEMO_KEY: 'unused',
  });
  const baseline = report('baseline: internal-api on the demo', base, base.tools.length);
  await base.client.close();
  const a = await ours([twenty]);
  const mine = report('gatehouse internal-api (20)', a, 20);
  await a.client.close();
  await (await peer(GITHUB_TWENTY.allow.map((id) => id.replace(/\//g, '-')))).client.close(); // its cache warm too
  const b = await peer(GITHUB_TWENTY.allow.map((id) => id.replace(/\//g, '-')));
  const theirs = report('@ivotoby/openapi-mcp-server (20)', b, 20);
  await b.client.close();
  console.log(
    `GitHub's description over the baseline: ready +${fixed(a.readyMs - base.readyMs)} ms, RSS +${fixed(mine.rss - baseline.rss)} MB`,
  );
  console.log(
    `ratios (ours / peer): ready ${fixed(a.readyMs / b.readyMs, 2)}, RSS ${fixed(mine.rss / theirs.rss, 2)}, tokens ${fixed(mine.tokens / theirs.tokens, 2)}`,
  );
  const also = (label: string, value: number, aim: number, unit: string) =>
    `${label}: ${fixed(value)} ${unit}, ${met(value <= aim)}`;
  console.log(
    `aim ready <= ${AIMS.readyMs} ms: ${met(a.readyMs <= AIMS.readyMs)} (${also('container', container.readyMs, AIMS.readyMs, 'ms')}; ${also('cold', cold.readyMs, AIMS.readyMs, 'ms')})`,
  );
  console.log(
    `aim RSS <= ${AIMS.rssMb} MB: ${met(mine.rss <= AIMS.rssMb)} (${also('container', containerReport.rss, AIMS.rssMb, 'MB')}; ${also('cold', coldReport.rss, AIMS.rssMb, 'MB')})`,
  );
  console.log(
    `CPU to ready: cold ${cold.cpuMs} ms, container ${container.cpuMs} ms, warm ${a.cpuMs} ms, peer ${b.cpuMs} ms (ratio warm / peer ${fixed(a.cpuMs / Math.max(b.cpuMs, 1), 2)})`,
  );
  console.log(
    `aim tools/list <= ${AIMS.tokensPerOperation} tokens per operation: ${met(mine.perOperation <= AIMS.tokensPerOperation)}`,
  );
  console.log(`aim invalid tools = 0: ${met(a.invalid === AIMS.invalid)} (peer: ${b.invalid})`);

  const all = await ours([{ name: 'github', spec: SPEC, baseUrl: NOWHERE, allow: ['* /**'] }]);
  report('gatehouse internal-api (all)', all, 1223);
  await all.client.close();
  const peerAll = await peer([]);
  report('@ivotoby/openapi-mcp-server (all)', peerAll, 1223);
  await peerAll.client.close();
  console.log(
    `aim invalid tools = 0 with every operation: ${met(all.invalid === 0)} (peer: ${peerAll.invalid})`,
  );
  await callOverhead(200);
  rmSync(RUN, { recursive: true, force: true });
}

if (isMain(import.meta.url)) await main();
