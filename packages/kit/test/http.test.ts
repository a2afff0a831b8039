import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { sendRaw } from './fixtures/raw-http.ts';
import { approvalIdOf, errorCodeOf, notesFixture, textOf } from './fixtures.ts';

// Real HTTP on loopback between the official SDK client and the kit's transport, and raw requests for the
// hostile cases a client library would never send.

const alice = testApiKey('alice', ['editor']);
const bob = testApiKey('bob', ['reader']);
const fx = notesFixture();
let harness: HttpHarness;

beforeAll(async () => {
  harness = await startHttp(fx.definition, {
    ...fx.options,
    apiKeys: [alice.entry, bob.entry],
    maxBodyBytes: 4096,
  });
});
afterAll(async () => {
  await harness.close();
});

function raw(body: string, headers: Record<string, string> = {}, method = 'POST', path = '/mcp') {
  const port = Number(new URL(harness.url).port);
  return sendRaw({ port, body, method, path, headers: { authorization: `Bearer ${alice.key}`, ...headers } });
}

const call = (name: string, args: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

describe('HTTP with a 2025-era client (the fast path)', () => {
  it('lists and calls tools for an authenticated caller', async () => {
    const client = await harness.connect(bob.key);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_note', 'list_notes']);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect((result.structuredContent as { title: string }).title).toBe('Release checklist');
  });

  it('asks for out-of-band approval on writes, then runs the granted call once', async () => {
    const client = await harness.connect(alice.key);
    const args = { name: 'add_note', arguments: { title: 'via http', body: 'b' } };
    const first = await client.callTool(args);
    expect(errorCodeOf(first)).toBe('approval_required');
    const id = approvalIdOf(first);
    await harness.kit.gate.approvals.grant(id, { by: 'carol', via: 'cli' });
    const done = await client.callTool({ ...args, _meta: { 'dev.gatehouse/approval': id } });
    expect(done.isError).toBeFalsy();
    expect(fx.notebook.list().some((n) => n.title === 'via http')).toBe(true);
  });
});

describe('HTTP with a 2026-07-28 client (served by the SDK over the same pipeline)', () => {
  it('negotiates the modern era and calls tools through the pipeline', async () => {
    const client = await harness.connect(bob.key, { era: 'modern' });
    expect(client.getProtocolEra()).toBe('modern');
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect(result.isError).toBeFalsy();
    const denied = await client.callTool({ name: 'get_note', arguments: { id: 'n3' } });
    expect(errorCodeOf(denied)).toBe('forbidden');
  });

  it('asks for approval with an input-required round trip', async () => {
    const client = await harness.connect(alice.key, {
      era: 'modern',
      capabilities: { elicitation: { form: {} } },
    });
    let asked = 0;
    client.setRequestHandler('elicitation/create', async () => {
      asked++;
      return { action: 'accept', content: { approve: true } };
    });
    const result = await client.callTool({
      name: 'add_note',
      arguments: { title: 'modern write', body: 'b' },
    });
    expect(textOf(result)).not.toContain('Error');
    expect(asked).toBe(1);
    expect(fx.notebook.list().some((n) => n.title === 'modern write')).toBe(true);
  });
});

describe('bad input over HTTP gets a clear error, an audit record, and the server keeps serving', () => {
  it('missing or wrong API key: 401 with a challenge', async () => {
    const before = fx.audit.records.length;
    const none = await raw(call('get_note', { id: 'n1' }), { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    const wrong = await raw(call('get_note', { id: 'n1' }), {
      authorization: 'Bearer not-a-real-key-at-all',
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.data.code).toBe('unauthenticated');
    expect(fx.audit.records.slice(before).map((r) => r.code)).toEqual(['unauthenticated', 'unauthenticated']);
  });

  it('malformed JSON: parse error', async () => {
    const res = await raw('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe(-32700);
    expect(fx.audit.records.at(-1)).toMatchObject({ kind: 'request', code: 'parse_error' });
  });

  it('not JSON-RPC: invalid request', async () => {
    const res = await raw(JSON.stringify({ hello: 'world' }));
    expect(JSON.parse(res.body).error.code).toBe(-32600);
    expect(fx.audit.records.at(-1)).toMatchObject({ kind: 'request', code: 'invalid_request' });
  });

  it('unknown tool: a JSON-RPC error naming it, audited', async () => {
    const res = await raw(call('drop_everything', {}));
    expect(JSON.parse(res.body).error).toMatchObject({
      code: -32602,
      message: expect.stringContaining('drop_everything'),
    });
    expect(fx.audit.records.at(-1)).toMatchObject({ name: 'drop_everything', code: 'unknown_tool' });
  });

  it('wrong argument types: a tool error naming the field', async () => {
    const res = await raw(call('get_note', { id: ['n1'] }));
    const result = JSON.parse(res.body).result;
    expect(result.isError).toBe(true);
    expect(result._meta['dev.gatehouse/error'].code).toBe('invalid_input');
  });

  it('oversize body: 413', async () => {
    const res = await raw(call('add_note', { title: 't', body: 'x'.repeat(10_000) }));
    expect(res.status).toBe(413);
    expect(fx.audit.records.at(-1)).toMatchObject({ code: 'payload_too_large' });
  });

  it('wrong content type: 415', async () => {
    const res = await raw('id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('a foreign Host or Origin (DNS rebinding): 403', async () => {
    expect((await raw(call('get_note', { id: 'n1' }), { host: 'evil.example.com' })).status).toBe(403);
    expect((await raw(call('get_note', { id: 'n1' }), { origin: 'https://evil.example.com' })).status).toBe(
      403,
    );
    expect((await raw(call('get_note', { id: 'n1' }), { origin: 'http://localhost:6274' })).status).toBe(200);
  });

  it('GET on the stateless endpoint: 405, recorded as an answered probe; other methods: 405, denied', async () => {
    const res = await raw('', {}, 'GET');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(JSON.parse(res.body).error.data.code).toBe('method_not_allowed');
    expect(fx.audit.records.at(-1)).toMatchObject({
      kind: 'request',
      code: 'sse_not_offered',
      decision: 'allowed',
      outcome: 'ok',
    });
    const put = await raw('{}', {}, 'PUT');
    expect(put.status).toBe(405);
    expect(fx.audit.records.at(-1)).toMatchObject({ code: 'method_not_allowed', decision: 'denied' });
  });

  it('still serves normally after all of the above', async () => {
    const res = await raw(call('get_note', { id: 'n2' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.structuredContent.title).toBe('Release checklist');
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await raw('', {}, 'GET', '/healthz')).status).toBe(200);
    expect((await raw('', {}, 'GET', '/readyz')).status).toBe(200);
    const metrics = await raw('', {}, 'GET', '/metrics');
    expect(metrics.body).toMatch(/gatehouse_calls_total\{server="notes",kind="tool",name="get_note"\} \d+/);
    expect(metrics.body).toContain('gatehouse_call_duration_ms_bucket');
    expect(metrics.body).toMatch(/gatehouse_denials_total\{[^}]*name="get_note"\} [1-9]/);
  });
});
