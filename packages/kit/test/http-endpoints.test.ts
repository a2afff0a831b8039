import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKitServer } from '../src/server.ts';
import { runToExit, startServerProcess, testApiKey } from '../src/testing/index.ts';
import { createApiKeyAuthenticator, hashApiKey } from '../src/transport/api-keys.ts';
import { type HttpTransportOptions, type RunningHttpServer, serveHttp } from '../src/transport/http.ts';
import { sendRaw } from './fixtures/raw-http.ts';
import { notesFixture } from './fixtures.ts';

// The HTTP transport's own endpoints and limits (issue 10, section 6), over real HTTP on loopback: raw requests
// for what a client library never sends, the official SDK client where a client is involved, and the example
// server as a real process for start-up.

const alice = testApiKey('alice', ['editor']);
/** A key that authenticates but has no roles: it may do nothing, yet it must not be able to hurt the server. */
const nobody = testApiKey('nobody', []);
const trusted = testApiKey('trusty', ['trusted']);
const METRICS_KEY = 'scrape-me-0123456789abcdef';
// The rate limit is not under test: thousands of calls would otherwise be answered `rate_limited`.
const fx = notesFixture(undefined, { rateLimit: { default: { capacity: 1e9, refillPerSecond: 1e9 } } });
const kit = createKitServer(fx.definition, fx.options);
const authenticate = createApiKeyAuthenticator([alice.entry, nobody.entry, trusted.entry]);
const listeners: RunningHttpServer[] = [];

/** Another listener on the same kit, with transport options of its own. */
async function listen(options: Partial<HttpTransportOptions> = {}, server = kit): Promise<RunningHttpServer> {
  const running = await serveHttp(server, {
    host: '127.0.0.1',
    port: 0,
    authenticate: (req: IncomingMessage) => authenticate(req.headers.authorization),
    ...options,
  });
  listeners.push(running);
  return running;
}

let http: RunningHttpServer;
beforeAll(async () => {
  http = await listen();
});
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
});

function send(
  body: string,
  headers: Record<string, string> = {},
  options: { method?: string; path?: string; key?: string; port?: number } = {},
) {
  const { key = alice.key, port = http.port, ...rest } = options;
  return sendRaw({ port, body, headers: { authorization: `Bearer ${key}`, ...headers }, ...rest });
}

const message = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});

async function sdkClient(port: number, key: string): Promise<Client> {
  const client = new Client({ name: 'endpoints-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

describe('metrics cannot be grown by callers, and no route can throw out of the listener', () => {
  it('thousands of unknown tool names from a key with no roles leave /metrics small; the server keeps serving', async () => {
    const names = 3_000;
    for (let start = 0; start < names; start += 100) {
      const batch = Array.from({ length: 100 }, (_, i) =>
        message(start + i, 'tools/call', { name: `ghost_${start + i}_${'x'.repeat(400)}`, arguments: {} }),
      );
      const res = await send(JSON.stringify(batch), {}, { key: nobody.key });
      expect(res.status).toBe(200);
    }
    const metrics = await send('', {}, { method: 'GET', path: '/metrics' });
    expect(metrics.status).toBe(200);
    expect(metrics.body).not.toContain('ghost_');
    expect(metrics.body).toMatch(/gatehouse_denials_total\{server="notes",kind="tool",name="unknown"\} 3000/);
    // A handful of series (the declared names and `unknown`), not thousands: kilobytes, not megabytes.
    expect(metrics.body.length).toBeLessThan(32 * 1024);

    const client = await sdkClient(http.port, alice.key);
    try {
      const result = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
      expect((result.structuredContent as { title: string }).title).toBe('Release checklist');
    } finally {
      await client.close();
    }
  });

  it('a route that throws answers 500 with a JSON-RPC error, is logged and audited, and the server keeps serving', async () => {
    const lines: string[] = [];
    const audit = notesFixture().audit;
    const broken = createKitServer(fx.definition, {
      ...fx.options,
      audit: Object.assign(audit, {
        metrics(): string {
          throw new RangeError('Invalid string length');
        },
      }),
      logger: pino({ level: 'error' }, { write: (line: string) => lines.push(line) }),
    });
    const server = await listen({}, broken);
    const res = await send('', {}, { method: 'GET', path: '/metrics', port: server.port });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32603, message: 'Internal error.', data: { code: 'internal_error' } },
    });
    expect(lines.join('')).toContain('"msg":"HTTP request failed"');
    expect(lines.join('')).toContain('RangeError: Invalid string length');
    expect(audit.records.at(-1)).toMatchObject({
      kind: 'request',
      name: '/metrics',
      code: 'internal_error',
      outcome: 'error',
    });
    const health = await send('', {}, { method: 'GET', path: '/healthz', port: server.port });
    expect(health.status).toBe(200);
  });
});

describe('JSON-RPC batches are bounded', () => {
  it('refuses a batch of 20,000 tools/list (985 KiB) before running any of it, with a small answer', async () => {
    const batch = Array.from({ length: 20_000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/list' }));
    const body = JSON.stringify(batch);
    expect(body.length).toBeGreaterThan(900 * 1024);
    const before = fx.audit.records.length;
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(res.body.length).toBeLessThan(1024);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: -32600,
      message: expect.stringContaining('at most 100'),
      data: { code: 'batch_too_large' },
    });
    expect(fx.audit.records.slice(before).map((r) => r.code)).toEqual(['batch_too_large']);
  });

  it('refuses batches under protocol revisions that have none (2025-06-18 and later)', async () => {
    const batch = JSON.stringify([message(1, 'ping'), message(2, 'tools/list')]);
    for (const revision of ['2025-06-18', '2025-11-25']) {
      const res = await send(batch, { 'mcp-protocol-version': revision });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({
        message: expect.stringContaining(`${revision} has no JSON-RPC batches`),
        data: { code: 'batch_not_supported' },
      });
    }
    // 2025-03-26 has batches (and a request without the header is taken as 2025-03-26).
    const allowed = await send(batch, { 'mcp-protocol-version': '2025-03-26' });
    expect(JSON.parse(allowed.body)).toHaveLength(2);
  });

  it('stops running a batch once its answer reaches the limit, and says so for each message not run', async () => {
    const capped = await listen({ maxBatchAnswerBytes: 64 });
    const notes = fx.notebook.list().length;
    const batch = [
      message(1, 'tools/list'),
      message(2, 'tools/call', { name: 'add_note', arguments: { title: 'in a batch', body: 'b' } }),
      message(3, 'ping'),
    ];
    const before = fx.audit.records.length;
    const res = await send(JSON.stringify(batch), {}, { key: trusted.key, port: capped.port });
    expect(res.status).toBe(200);
    const [list, call, ping] = JSON.parse(res.body);
    expect(list).toMatchObject({ id: 1, result: { tools: [expect.objectContaining({ name: 'add_note' })] } });
    for (const [answer, id] of [
      [call, 2],
      [ping, 3],
    ] as const) {
      expect(answer).toMatchObject({
        id,
        error: { message: expect.stringContaining('Not run'), data: { code: 'batch_answer_too_large' } },
      });
    }
    expect(fx.notebook.list()).toHaveLength(notes);
    // The list that ran has its own record; each message not run has one saying why.
    expect(fx.audit.records.slice(before).map((r) => r.code ?? `${r.kind} ${r.decision}`)).toEqual([
      'list allowed',
      'batch_answer_too_large',
      'batch_answer_too_large',
    ]);
  });
});

describe('Host and Origin checks by parsed address, on every endpoint', () => {
  it('refuses an Origin that only starts like a loopback address', async () => {
    const call = JSON.stringify(message(1, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } }));
    for (const origin of [
      'http://127.evil.example',
      'http://127.0.0.1.evil.example:3100',
      'http://localhost.evil.example',
    ]) {
      const before = fx.audit.records.length;
      const res = await send(call, { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body).error.data.code).toBe('forbidden');
      expect(fx.audit.records.slice(before)).toEqual([
        expect.objectContaining({ kind: 'request', code: 'forbidden' }),
      ]);
    }
    expect((await send(call, { origin: 'http://127.0.0.1:6274' })).status).toBe(200);
  });

  it('puts /metrics, /healthz and /readyz under the same Host and Origin check', async () => {
    for (const path of ['/metrics', '/healthz', '/readyz']) {
      for (const headers of [
        { host: 'evil.example' } as Record<string, string>,
        { host: '127.evil.example:3100' },
        { origin: 'http://127.evil.example' },
      ]) {
        const before = fx.audit.records.length;
        const res = await send('', headers, { method: 'GET', path });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(JSON.parse(res.body).error.data.code).toBe('forbidden');
        expect(fx.audit.records.slice(before)).toEqual([
          expect.objectContaining({ kind: 'request', name: path, code: 'forbidden' }),
        ]);
      }
      expect((await send('', { host: `localhost:${http.port}` }, { method: 'GET', path })).status).toBe(200);
    }
  });
});

describe('/metrics behind a key', () => {
  it('answers only Authorization: Bearer <key>, whether the key is configured plain or as its hash', async () => {
    for (const configured of [METRICS_KEY, hashApiKey(METRICS_KEY)]) {
      const server = await listen({ metricsKey: configured });
      const get = (authorization?: string) =>
        sendRaw({
          port: server.port,
          method: 'GET',
          path: '/metrics',
          body: '',
          headers: authorization ? { authorization } : {},
        });
      for (const authorization of [
        undefined,
        'Bearer wrong-key-0123456789',
        `Basic ${METRICS_KEY}`,
        alice.key,
      ]) {
        const before = fx.audit.records.length;
        const res = await get(authorization);
        expect(res.status, String(authorization)).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="gatehouse-metrics"');
        expect(JSON.parse(res.body).error.message).toContain('GATEHOUSE_METRICS_KEY');
        expect(fx.audit.records.slice(before)).toEqual([
          expect.objectContaining({ kind: 'request', name: '/metrics', code: 'unauthenticated' }),
        ]);
      }
      const ok = await get(`Bearer ${METRICS_KEY}`);
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('# TYPE gatehouse_calls_total counter');
    }
  });
});

describe("the SDK client's GET probe on the stateless endpoint", () => {
  it('is answered 405 and audited as an answered probe, not as a denied request', async () => {
    const before = fx.audit.records.length;
    const client = await sdkClient(http.port, alice.key);
    try {
      await client.listTools();
      await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    } finally {
      await client.close();
    }
    const records = fx.audit.records.slice(before);
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: 'request',
        name: '/mcp',
        code: 'sse_not_offered',
        decision: 'allowed',
      }),
    );
    expect(records.filter((r) => r.decision === 'denied')).toEqual([]);
  });
});

describe('start-up on a port already in use', () => {
  const main = fileURLToPath(new URL('../example/main.ts', import.meta.url));

  it('stops with exit code 78 and a message naming GATEHOUSE_PORT and the port, not a stack trace', async () => {
    const first = await startServerProcess(main, { GATEHOUSE_METRICS_KEY: METRICS_KEY });
    try {
      const port = new URL(first.url).port;
      const second = await runToExit(main, { GATEHOUSE_TRANSPORT: 'http', GATEHOUSE_PORT: port });
      expect(second.code).toBe(78);
      expect(second.stderr).toContain(`GATEHOUSE_PORT: port ${port} on 127.0.0.1 is already in use`);
      expect(second.stderr).not.toMatch(/\n\s+at /);
      // The first server is unharmed, and its /metrics follows GATEHOUSE_METRICS_KEY.
      const origin = new URL(first.url).origin;
      expect((await fetch(`${origin}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${origin}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_KEY}` },
      });
      expect(scraped.status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('refuses a metrics key too short to be one, naming the setting without showing the value', async () => {
    const run = await runToExit(main, { GATEHOUSE_TRANSPORT: 'http', GATEHOUSE_METRICS_KEY: 'hunter2' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/GATEHOUSE_METRICS_KEY: .*at least 16 characters/);
    expect(run.stderr).not.toContain('hunter2');
  });
});
