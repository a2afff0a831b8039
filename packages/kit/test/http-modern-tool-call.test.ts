import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/record.ts';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { sendRaw } from './fixtures/raw-http.ts';
import { notesFixture } from './fixtures.ts';

// A 2026-era read tool call is answered by the kit itself (transport/modern-tool-call.ts); every other 2026-era
// request by the SDK's handler. The same request with its Mcp-Name header in the Base64 form the SDK decodes (and
// the fast path leaves to it) goes the SDK's way: both answers and both audit records must be the same.

const bob = testApiKey('bob', ['reader']);
const fx = notesFixture();
let harness: HttpHarness;

beforeAll(async () => {
  harness = await startHttp(fx.definition, { ...fx.options, apiKeys: [bob.entry] });
});
afterAll(async () => {
  await harness.close();
});

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'modern-test', version: '2.0.0' },
};

function toolCall(name: string, args: unknown, nameHeader: string, extra: Record<string, string> = {}) {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: { name, arguments: args, _meta: ENVELOPE },
  });
  return sendRaw({
    port: Number(new URL(harness.url).port),
    body,
    headers: {
      authorization: `Bearer ${bob.key}`,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': nameHeader,
      ...extra,
    },
  });
}

const base64 = (name: string) => `=?base64?${Buffer.from(name).toString('base64')}?=`;

/** What a record says about a call, without what differs between any two calls (time, duration, chain). */
function gist(record: AuditRecord | undefined) {
  const {
    time: _t,
    durationMs: _d,
    seq: _s,
    hash: _h,
    prevHash: _p,
    stream: _st,
    ...rest
  } = record as AuditRecord & Record<string, unknown>;
  return rest;
}

describe('2026-era read tool calls over HTTP', () => {
  it('answer exactly as the SDK path does: a result, a refusal, a validation error', async () => {
    for (const [name, args] of [
      ['get_note', { id: 'n1' }],
      ['get_note', { id: 'n3' }], // bob may not read n3: a tool error result
      ['get_note', { id: 42 }], // wrong type: the pipeline's validation error
      ['list_notes', {}],
    ] as const) {
      const fast = await toolCall(name, args, name);
      const fastRecord = gist(fx.audit.records.at(-1));
      const sdk = await toolCall(name, args, base64(name));
      const sdkRecord = gist(fx.audit.records.at(-1));
      expect(fast.status, `${name} ${JSON.stringify(args)}`).toBe(sdk.status);
      expect(JSON.parse(fast.body), `${name} ${JSON.stringify(args)}`).toEqual(JSON.parse(sdk.body));
      expect(fastRecord).toEqual(sdkRecord);
      expect(fastRecord).toMatchObject({ actor: 'bob', client: 'modern-test/2.0.0' });
      // The kit answered the first with a length; the SDK streams its answer.
      expect(fast.headers['content-length']).toBeDefined();
      expect(sdk.headers['transfer-encoding']).toBe('chunked');
    }
  });

  it('leaves a request the SDK would refuse to the SDK: a Mcp-Name that does not match the body', async () => {
    const before = fx.audit.records.length;
    const res = await toolCall('get_note', { id: 'n1' }, 'list_notes');
    expect(res.status).toBe(400);
    expect(fx.audit.records.slice(before).map((r) => r.code)).toEqual(['protocol_error']);
  });

  it('still leaves an envelope it has accepted before to the SDK when the version header disagrees with it', async () => {
    expect((await toolCall('get_note', { id: 'n1' }, 'get_note')).status).toBe(200);
    const before = fx.audit.records.length;
    const res = await toolCall('get_note', { id: 'n1' }, 'get_note', {
      'mcp-protocol-version': '2025-06-18',
    });
    expect(res.status).toBe(400);
    expect(fx.audit.records.slice(before).map((r) => r.code)).toEqual(['protocol_error']);
  });

  it('serves the official SDK client in the 2026 era through the same path', async () => {
    const client = await harness.connect(bob.key, { era: 'modern' });
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect((result.structuredContent as { title: string }).title).toBe('Release checklist');
    expect(fx.audit.records.at(-1)).toMatchObject({ name: 'get_note', outcome: 'ok', actor: 'bob' });
  });
});
