import {
  connectInMemory,
  createMemoryAuditSink,
  type InMemoryConnection,
  parsePolicy,
} from '@gatehouse/kit/testing';
import pg from 'pg';
import { type DatabaseConfig, demoDatabaseConfig } from '../src/config.ts';
import { Connections } from '../src/connections.ts';
import { type RunningDemo, startDemo } from '../src/demo/index.ts';
import { databaseServer } from '../src/server.ts';
import { records } from './records.ts';

export const POLICY = parsePolicy(
  `
roles:
  reader:
    scopes: [db:read]
    tools: ["*"]
    targets: ["db:**"]
  public-only:
    scopes: [db:read]
    tools: ["*"]
    targets: ["db:demo", "db:demo/public", "db:demo/public.*"]
  billing-only:
    scopes: [db:read]
    tools: ["*"]
    targets: ["db:demo", "db:demo/billing", "db:demo/billing.*"]
`,
  'database-test-policy',
);

export const READER = { actor: 'ana', roles: ['reader'], scopes: [], via: 'stdio' as const };
export const PUBLIC_ONLY = { actor: 'bo', roles: ['public-only'], scopes: [], via: 'stdio' as const };
export const BILLING_ONLY = { actor: 'cy', roles: ['billing-only'], scopes: [], via: 'stdio' as const };

/**
 * Two databases over the one demo cluster: `demo` as the embedded default configures it, and `restricted`
 * with deny lists, a tight row cap and a short statement timeout, to see refusals, truncation and timeouts.
 */
export function demoConfigs(demo: RunningDemo): DatabaseConfig[] {
  const base = demoDatabaseConfig(demo.readerUrl);
  return [
    base,
    {
      ...base,
      name: 'restricted',
      allowSchemas: ['public', 'billing'],
      denyTables: ['billing.invoices', 'public.flyway_*'],
      masks: ['*.email', 'customers.name'],
      maxRows: 7,
      statementTimeoutMs: 500,
      allowExplainAnalyze: true,
    },
  ];
}

export interface DemoHarness {
  readonly demo: RunningDemo;
  readonly connections: Connections;
  readonly audit: ReturnType<typeof createMemoryAuditSink>;
  connect(identity?: typeof READER): Promise<InMemoryConnection>;
  close(): Promise<void>;
}

/**
 * The demo cluster, the server over it, and SDK clients connected in memory through the kit's pipeline.
 * `prepare` runs as the superuser before the server starts (objects a test needs); `configs` replaces the
 * databases the server is given.
 */
export async function startDemoHarness(
  options: {
    prepare?: (superuser: pg.Client) => Promise<void>;
    configs?: (demo: RunningDemo) => DatabaseConfig[];
  } = {},
): Promise<DemoHarness> {
  const demo = await startDemo();
  if (options.prepare) {
    const superuser = new pg.Client({ connectionString: demo.superuserUrl });
    try {
      await superuser.connect();
      await options.prepare(superuser);
      await superuser.end();
    } catch (error) {
      await superuser.end().catch(() => {});
      await demo.stop();
      throw error;
    }
  }
  const connections = new Connections((options.configs ?? demoConfigs)(demo));
  const audit = createMemoryAuditSink();
  const definition = databaseServer(connections);
  const open: InMemoryConnection[] = [];
  return {
    demo,
    connections,
    audit,
    async connect(identity = READER) {
      const connection = await connectInMemory(definition, {
        policy: POLICY,
        // The databases' allow/deny lists, as the server hands them to the kit.
        boundaries: connections.boundaries(),
        audit,
        identity,
        // The tests are about the database server, not the limiter: a bucket they cannot empty.
        rateLimit: { default: { capacity: 100_000, refillPerSecond: 100_000 } },
      });
      open.push(connection);
      return connection;
    },
    async close() {
      await Promise.all(open.map((c) => c.close()));
      await connections.close();
      await demo.stop();
    },
  };
}

/** A query or sample_rows answer, with its rows also as records keyed by column name. */
export function table(result: { structuredContent?: unknown }) {
  const answer = result.structuredContent as {
    columns: string[];
    rows: unknown[][];
    masked?: string[];
    truncated?: { reason: string; limit: number };
    nextCursor?: string;
  };
  return { ...answer, masked: answer.masked ?? [], records: records(answer) };
}

/** The structured result of a tool call. */
export const data = <T>(result: { structuredContent?: unknown }) => result.structuredContent as T;

/** The error code and text of a refused call. */
export function refusal(result: { isError?: unknown; content?: unknown; _meta?: unknown }) {
  const text =
    (result.content as { type: string; text: string }[] | undefined)?.map((c) => c.text).join('\n') ?? '';
  return { isError: result.isError === true, text, meta: JSON.stringify(result._meta ?? {}) };
}
