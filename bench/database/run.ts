// The `query` tool's cost on the demo database, in one run: the same SQL through plain `pg` (the floor), through
// Gatehouse's database server over stdio, and through @modelcontextprotocol/server-postgres over stdio (the
// reference server). Prints latency, throughput, the overhead ratios and the size of what each returns.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startDemo } from '@gatehouse/database/demo';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import pg from 'pg';
import { isMain } from '../is-main.ts';

const CALLS = Number(process.env.BENCH_DB_CALLS ?? 300);
const WARMUP = 50;

const QUERIES: Record<string, string> = {
  'point lookup': 'SELECT id, name, country, plan FROM customers WHERE id = 42',
  aggregate: 'SELECT country, count(*) AS customers FROM customers GROUP BY country ORDER BY 2 DESC',
  'join, 50 rows':
    'SELECT o.id, o.status, o.total_cents, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.placed_at DESC LIMIT 50',
  '200 wide rows': 'SELECT * FROM customers ORDER BY id LIMIT 200',
};

interface Measured {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  readonly bytes: number;
}

async function measure(run: () => Promise<number>): Promise<Measured> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    bytes = await run();
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), perSecond: CALLS / (total / 1000), bytes };
}

async function stdioClient(command: string, args: string[], env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...process.env, ...env } as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

function textBytes(result: unknown): number {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  if ((result as { isError?: boolean }).isError) throw new Error(`tool error: ${content[0]?.text ?? ''}`);
  return content.reduce((n, part) => n + Buffer.byteLength(part.text ?? ''), 0);
}

export async function main(): Promise<void> {
  const demo = await startDemo();
  const pool = new pg.Pool({ connectionString: demo.readerUrl, max: 1 });
  const gatehouse = await stdioClient(
    process.execPath,
    [fileURLToPath(new URL('../../apps/database/src/main.ts', import.meta.url))],
    {
      GATEHOUSE_TRANSPORT: 'stdio',
      // The bench measures the query path, not the limiter: a bucket it cannot empty.
      GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000',
      GATEHOUSE_DATABASE_DATABASES: JSON.stringify([
        {
          name: 'demo',
          url: demo.readerUrl,
          allowSchemas: ['public', 'billing'],
          masks: ['*.email', '*.phone', 'customers.national_id'],
        },
      ]),
    },
  );
  const peerEntry = createRequire(import.meta.url).resolve(
    '@modelcontextprotocol/server-postgres/dist/index.js',
  );
  const peer = await stdioClient(process.execPath, [peerEntry, demo.readerUrl], {});
  try {
    console.log(
      `database query: ${CALLS} sequential calls per query after ${WARMUP} warm-up calls; demo database, read-only role`,
    );
    console.log(
      'query          | pg direct p50/p99 | gatehouse p50/p99 (calls/s) | server-postgres p50/p99 (calls/s) | overhead vs pg | gatehouse ÷ peer calls/s | bytes gatehouse / peer',
    );
    for (const [label, sql] of Object.entries(QUERIES)) {
      const direct = await measure(async () => {
        const result = await pool.query(sql);
        return Buffer.byteLength(JSON.stringify(result.rows));
      });
      const ours = await measure(async () =>
        textBytes(await gatehouse.callTool({ name: 'query', arguments: { database: 'demo', sql } })),
      );
      const theirs = await measure(async () =>
        textBytes(await peer.callTool({ name: 'query', arguments: { sql } })),
      );
      const ms = (m: Measured) => `${m.p50.toFixed(2)}/${m.p99.toFixed(2)} ms`;
      console.log(
        [
          label.padEnd(14),
          ms(direct).padEnd(17),
          `${ms(ours)} (${ours.perSecond.toFixed(0)})`.padEnd(27),
          `${ms(theirs)} (${theirs.perSecond.toFixed(0)})`.padEnd(33),
          `${(ours.p50 / direct.p50).toFixed(1)}× p50`.padEnd(14),
          `${(ours.perSecond / theirs.perSecond).toFixed(2)}×`.padEnd(24),
          `${ours.bytes} / ${theirs.bytes} (${(ours.bytes / theirs.bytes).toFixed(2)}×)`,
        ].join(' | '),
      );
    }
  } finally {
    await gatehouse.close();
    await peer.close();
    await pool.end();
    await demo.stop();
  }
}

if (isMain(import.meta.url)) await main();
