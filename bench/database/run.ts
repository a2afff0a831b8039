// The `query` tool's cost on the demo database, in one run: the same SQL through plain `pg` (the floor), through
// the server's own checks in process, through the same checks on a bare SDK McpServer over stdio (no kit), through
// Gatehouse's database server over stdio, and through @modelcontextprotocol/server-postgres over stdio (the
// reference server). The paths are called in turn, one call each per round, so a busy machine weighs on them
// alike. Prints latency, throughput, where Gatehouse's time goes, the size of the answers in tokens, and whether
// each aim is met.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startDemo } from '@gatehouse/database/demo';
import { Connections, demoDatabaseConfig, runForCaller } from '@gatehouse/database/in-process';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { encode } from 'gpt-tokenizer';
import pg from 'pg';
import { isMain } from '../is-main.ts';

const ROUNDS = Number(process.env.BENCH_DB_CALLS ?? 400);
const WARMUP = 50;
/** Aims of issue 14. */
const AIM_CALLS_RATIO = 1.0;
const AIM_POINT_OVERHEAD_MS = 0.5;
const AIM_TOKEN_RATIO = 1.0;

const QUERIES: Record<string, string> = {
  'point lookup': 'SELECT id, name, country, plan FROM customers WHERE id = 42',
  aggregate: 'SELECT country, count(*) AS customers FROM customers GROUP BY country ORDER BY 2 DESC',
  'join, 50 rows':
    'SELECT o.id, o.status, o.total_cents, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.placed_at DESC LIMIT 50',
  '200 wide rows': 'SELECT * FROM customers ORDER BY id LIMIT 200',
};

const DATABASES = [
  {
    name: 'demo',
    allowSchemas: ['public', 'billing'],
    masks: ['*.email', '*.phone', 'customers.national_id'],
  },
];

interface Stats {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function stats(times: readonly number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length) };
}

interface Server {
  readonly client: Client;
  /** CPU time (user + system, all threads) the server process has used so far, in ms. */
  readonly cpuMs: () => number;
}

/** CPU time of a process from /proc (in clock ticks of 10 ms): steadier than wall time on a busy machine. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function stdioServer(command: string, args: string[], env: Record<string, string>): Promise<Server> {
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...process.env, ...env } as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error(`${args[0]} did not start`);
  return { client, cpuMs: () => processCpuMs(pid) };
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

interface Answer {
  readonly text: string;
  /** What the model may be given: the text and the structured content together. */
  readonly tokens: number;
  /** The text alone: what a client that does not read structuredContent gives the model. */
  readonly textTokens: number;
  readonly rows: number;
}

function answerOf(result: unknown): Answer {
  const r = result as { content?: { text?: string }[]; structuredContent?: unknown; isError?: boolean };
  const text = (r.content ?? []).map((part) => part.text ?? '').join('\n');
  if (r.isError) throw new Error(`tool error: ${text}`);
  const structured = r.structuredContent === undefined ? '' : JSON.stringify(r.structuredContent);
  const rows = Array.isArray((r.structuredContent as { rows?: unknown[] } | undefined)?.rows)
    ? ((r.structuredContent as { rows: unknown[] }).rows.length ?? 0)
    : (JSON.parse(text) as unknown[]).length;
  const textTokens = encode(text).length;
  return { text, tokens: textTokens + (structured ? encode(structured).length : 0), textTokens, rows };
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

export async function main(): Promise<void> {
  const demo = await startDemo();
  const pool = new pg.Pool({ connectionString: demo.readerUrl, max: 1 });
  // The cluster stops at the end while connections may still be open: that is not a failure of the bench.
  pool.on('error', () => {});
  const configs = DATABASES.map((d) => ({ ...demoDatabaseConfig(demo.readerUrl), ...d }));
  const inProcess = new Connections(configs);
  const db = inProcess.get('demo');
  const gatehouse = await stdioServer(
    process.execPath,
    [fileURLToPath(new URL('../../apps/database/src/main.ts', import.meta.url))],
    {
      GATEHOUSE_TRANSPORT: 'stdio',
      // The bench measures the query path, not the limiter: a bucket it cannot empty.
      GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000',
      GATEHOUSE_DATABASE_DATABASES: JSON.stringify(DATABASES.map((d) => ({ ...d, url: demo.readerUrl }))),
    },
  );
  const bare = await stdioServer(
    process.execPath,
    [fileURLToPath(new URL('./bare-server.ts', import.meta.url)), JSON.stringify(configs)],
    {},
  );
  const peerEntry = createRequire(import.meta.url).resolve(
    '@modelcontextprotocol/server-postgres/dist/index.js',
  );
  const peer = await stdioServer(process.execPath, [peerEntry, demo.readerUrl], {});
  const aims: string[] = [];
  try {
    console.log(
      `database query: ${ROUNDS} rounds per query after ${WARMUP} warm-up rounds, each round one call of every path in turn; demo database, read-only role`,
    );
    console.log(
      'query          | pg direct p50/p99 | gatehouse p50/p99 (calls/s) | server-postgres p50/p99 (calls/s) | gatehouse ÷ peer calls/s | overhead vs pg p50 | tokens gatehouse / peer, text + structured (rows; text alone; structured alone)',
    );
    const split: string[] = [];
    const cpuLines: string[] = [];
    for (const [label, sql] of Object.entries(QUERIES)) {
      const paths = {
        direct: async () => {
          await pool.query(sql);
        },
        inProcess: async () => {
          await runForCaller(db, sql, { offset: 0, limits: { ...db.limits, maxRows: 100 } }, () => {});
        },
        bare: async () => {
          await bare.client.callTool({ name: 'query', arguments: { database: 'demo', sql } });
        },
        ours: async () => {
          await gatehouse.client.callTool({ name: 'query', arguments: { database: 'demo', sql } });
        },
        theirs: async () => {
          await peer.client.callTool({ name: 'query', arguments: { sql } });
        },
      };
      type Path = keyof typeof paths;
      const times: Record<Path, number[]> = { direct: [], inProcess: [], bare: [], ours: [], theirs: [] };
      // CPU of this (the client's) process while each path runs: for the stdio paths, the SDK client's share.
      const clientCpu: Record<Path, number> = { direct: 0, inProcess: 0, bare: 0, ours: 0, theirs: 0 };
      // CPU of each server process over the timed rounds: it does nothing but answer its own calls.
      const servers = { bare, ours: gatehouse, theirs: peer };
      const serverCpu = { bare: 0, ours: 0, theirs: 0 };
      for (let round = 0; round < WARMUP + ROUNDS; round++) {
        if (round === WARMUP)
          for (const [name, server] of Object.entries(servers))
            serverCpu[name as keyof typeof servers] = -server.cpuMs();
        for (const [name, run] of Object.entries(paths) as [Path, () => Promise<void>][]) {
          const cpu = cpuNow();
          const started = performance.now();
          await run();
          if (round >= WARMUP) {
            times[name].push(performance.now() - started);
            clientCpu[name] += cpuNow() - cpu;
          }
        }
      }
      for (const [name, server] of Object.entries(servers))
        serverCpu[name as keyof typeof servers] += server.cpuMs();
      const ours = answerOf(
        await gatehouse.client.callTool({ name: 'query', arguments: { database: 'demo', sql } }),
      );
      const theirs = answerOf(await peer.client.callTool({ name: 'query', arguments: { sql } }));
      const [direct, inProc, sdk, us, them] = [
        times.direct,
        times.inProcess,
        times.bare,
        times.ours,
        times.theirs,
      ].map(stats) as [Stats, Stats, Stats, Stats, Stats];
      const callsRatio = them.mean / us.mean;
      const tokenRatio = ours.tokens / theirs.tokens;
      const ms = (s: Stats) => `${s.p50.toFixed(2)}/${s.p99.toFixed(2)} ms`;
      console.log(
        [
          label.padEnd(14),
          ms(direct).padEnd(17),
          `${ms(us)} (${(1000 / us.mean).toFixed(0)})`.padEnd(27),
          `${ms(them)} (${(1000 / them.mean).toFixed(0)})`.padEnd(33),
          `${callsRatio.toFixed(2)}×`.padEnd(24),
          `${(us.p50 - direct.p50).toFixed(2)} ms`.padEnd(18),
          `${ours.tokens} / ${theirs.tokens} = ${tokenRatio.toFixed(2)}× (${ours.rows} / ${theirs.rows} rows; text alone ${ours.textTokens} / ${theirs.textTokens}; structured alone ${ours.tokens - ours.textTokens})`,
        ].join(' | '),
      );
      split.push(
        `${label.padEnd(14)} | database ${direct.p50.toFixed(2)} ms | the server's checks and its one round trip +${(inProc.p50 - direct.p50).toFixed(2)} ms | SDK McpServer and stdio +${(sdk.p50 - inProc.p50).toFixed(2)} ms | kit pipeline +${(us.p50 - sdk.p50).toFixed(2)} ms | total ${us.p50.toFixed(2)} ms (p50) | bare SDK server ${(them.mean / sdk.mean).toFixed(2)}× server-postgres calls/s`,
      );
      const perCall = (total: number) => `${((1000 * total) / ROUNDS).toFixed(0)} µs`;
      const ourCpu = serverCpu.ours + clientCpu.ours;
      const theirCpu = serverCpu.theirs + clientCpu.theirs;
      cpuLines.push(
        `${label.padEnd(14)} | pg direct (client) ${perCall(clientCpu.direct)} | in process ${perCall(clientCpu.inProcess)} | bare SDK server ${perCall(serverCpu.bare)} | gatehouse server ${perCall(serverCpu.ours)} + client ${perCall(clientCpu.ours)} | server-postgres ${perCall(serverCpu.theirs)} + client ${perCall(clientCpu.theirs)} | gatehouse ÷ peer CPU ${(ourCpu / theirCpu).toFixed(2)}× (server alone ${(serverCpu.ours / serverCpu.theirs).toFixed(2)}×)`,
      );
      aims.push(
        `${label}: calls/s ${callsRatio.toFixed(2)}× server-postgres (aim ≥ ${AIM_CALLS_RATIO.toFixed(1)}×): ${verdict(callsRatio >= AIM_CALLS_RATIO)}`,
        `${label}: tokens ${tokenRatio.toFixed(2)}× server-postgres, text + structured (aim ≤ ${AIM_TOKEN_RATIO.toFixed(1)}×): ${verdict(tokenRatio <= AIM_TOKEN_RATIO)}`,
      );
      if (label === 'point lookup') {
        const overhead = us.p50 - direct.p50;
        aims.push(
          `${label}: p50 overhead over direct pg ${overhead.toFixed(2)} ms (aim ≤ ${AIM_POINT_OVERHEAD_MS} ms): ${verdict(overhead <= AIM_POINT_OVERHEAD_MS)}`,
        );
      }
    }
    console.log(
      '\nwhere gatehouse’s time goes (p50 of each path, measured in the same rounds; the bare SDK server runs the same checks on an SDK McpServer over stdio, without the kit):',
    );
    for (const line of split) console.log(line);
    console.log(
      '\nCPU per call (user + system; the server processes from /proc, the client from process.cpuUsage; PostgreSQL backends not counted), steadier than wall time on a busy machine:',
    );
    for (const line of cpuLines) console.log(line);
    console.log(
      '\nrows: Gatehouse answers a page of at most 100 rows with a cursor for the rest; server-postgres answers every row',
    );
    console.log('\naims:');
    for (const line of aims) console.log(`  ${line}`);
  } finally {
    await gatehouse.client.close();
    await bare.client.close();
    await peer.client.close();
    await inProcess.close();
    await pool.end();
    await demo.stop();
  }
}

if (isMain(import.meta.url)) await main();
