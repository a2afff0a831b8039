// The audit in PostgreSQL through a real transport: the official SDK client over loopback HTTP, a server built
// from settings as `runServer` builds it (log file + PostgreSQL), an embedded PostgreSQL behind a proxy the test
// can cut at an exact moment.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotebook, notesServer } from '../example/notes-server.ts';
import { AuditVerifier, parseAuditLine } from '../src/audit/verify.ts';
import { KitSettingsSchema } from '../src/config/settings.ts';
import { buildFromSettings } from '../src/run.ts';
import { auditRecordsToVerify } from '../src/stores/postgres/audit-chain-read.ts';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { type CuttableProxy, startCuttableProxy } from './fixtures/tcp-proxy.ts';
import { eventually } from './fixtures.ts';

const POLICY = `
roles:
  writer:
    scopes: [notes:read, notes:write]
    tools: ["*"]
    targets: ["notebook:*", "note:*"]
    approvals: not_required
`;
const writer = testApiKey('wren', ['writer']);

let folder: string;
let cluster: RunningPostgres;
let proxy: CuttableProxy;
let pool: pg.Pool;
let harness: HttpHarness;
let auditLog: string;
/** Called inside add_note's handler, after the intent is stored and before the outcome is. */
let duringWrite: () => void = () => {};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-audit-pg-'));
  cluster = await startEmbeddedPostgres();
  proxy = await startCuttableProxy(cluster.port);
  const url = new URL(cluster.url());
  url.port = String(proxy.port);
  const policy = join(folder, 'policy.yaml');
  await writeFile(policy, POLICY);
  auditLog = join(folder, 'audit.jsonl');
  const notebook = createNotebook();
  const add = notebook.add;
  notebook.add = (...args) => {
    const note = add(...args);
    duringWrite();
    return note;
  };
  const settings = KitSettingsSchema.parse({ databaseUrl: url.href, auditLog, policy });
  const kit = await buildFromSettings(notesServer(notebook), settings, { defaultPolicyFile: policy });
  harness = await startHttp(notesServer(notebook), {
    kit,
    policy: undefined as never,
    apiKeys: [writer.entry],
  });
  pool = new pg.Pool({ connectionString: cluster.url(), max: 2 });
  pool.on('error', () => {});
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await harness?.kit.close();
  await pool?.end();
  await proxy?.close();
  await cluster?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** An SDK client on the 2026-07-28 revision, which names itself on every request. */
async function client(name: string, version: string): Promise<Client> {
  const c = new Client({ name, version }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(harness.url), {
      requestInit: { headers: { authorization: `Bearer ${writer.key}` } },
    }),
  );
  return c;
}

async function rows(where: string, params: unknown[]) {
  const result = await pool.query<{ name: string; client: string; phase: string | null; outcome: string }>(
    `SELECT name, client, phase, outcome FROM gatehouse.audit_log WHERE ${where} ORDER BY id`,
    params,
  );
  return result.rows;
}

async function verifyTable() {
  const verifier = new AuditVerifier();
  for await (const input of auditRecordsToVerify(pool)) verifier.add(input);
  return verifier.finish();
}

describe('the audit in PostgreSQL, through HTTP', () => {
  it('stores the record of a client whose name holds a lone surrogate, read and write alike', async () => {
    const sdk = await client('evil\ud800client', '1.0\udfff');
    const read = await sdk.callTool({ name: 'list_notes', arguments: {} });
    expect(read.isError).toBeFalsy();
    const write = await sdk.callTool({ name: 'add_note', arguments: { title: 'surrogate', body: 'b' } });
    expect(write.isError).toBeFalsy();
    await sdk.close();
    const stored = await eventually(
      () => rows('client LIKE $1', ['evil%']),
      (r) => r.length >= 3,
    );
    const recorded = 'evil\ufffdclient/1.0\ufffd';
    expect(stored).toEqual([
      { name: 'list_notes', client: recorded, phase: null, outcome: 'ok' },
      { name: 'add_note', client: recorded, phase: 'intent', outcome: 'not_run' },
      { name: 'add_note', client: recorded, phase: null, outcome: 'ok' },
    ]);
  });

  it('answers a write that ran with its result when PostgreSQL goes away before its outcome is stored', async () => {
    const sdk = await client('outage-client', '1.0.0');
    duringWrite = () => proxy.cut();
    let result: Awaited<ReturnType<Client['callTool']>>;
    try {
      result = await sdk.callTool({ name: 'add_note', arguments: { title: 'during outage', body: 'b' } });
    } finally {
      duringWrite = () => {};
      proxy.restore();
    }
    // Not `audit_unavailable`: the write ran, and the caller is told what it did (a retry would add it twice).
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: expect.stringMatching(/^n\d+$/) });
    // The intent was committed before the handler ran; the outcome follows once the database is back.
    const stored = await eventually(
      () => rows('client = $1', ['outage-client/1.0.0']),
      (r) => r.length >= 2,
    );
    expect(stored).toEqual([
      { name: 'add_note', client: 'outage-client/1.0.0', phase: 'intent', outcome: 'not_run' },
      { name: 'add_note', client: 'outage-client/1.0.0', phase: null, outcome: 'ok' },
    ]);
    await sdk.close();
    // Nothing was stored twice or left out: the table and the log file hold the same intact chain.
    const table = await verifyTable();
    expect(table.findings.filter((f) => f.severity === 'failure')).toEqual([]);
    const file = new AuditVerifier();
    const lines = (await readFile(auditLog, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      const record = parseAuditLine(line);
      if (record) file.add({ record, at: `audit.jsonl:${i + 1}`, position: i + 1 });
    });
    const fromFile = file.finish();
    expect(fromFile.ok).toBe(true);
    expect(fromFile.streams.map((s) => [s.stream, s.lastSeq, s.headHash])).toEqual(
      table.streams.map((s) => [s.stream, s.lastSeq, s.headHash]),
    );
  }, 60_000);
});
