import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKitServer } from '../src/server.ts';
import { testApiKey } from '../src/testing/index.ts';
import { createApiKeyAuthenticator } from '../src/transport/api-keys.ts';
import { type RunningHttpServer, serveHttp } from '../src/transport/http.ts';
import { jsonRpcEnvelope, noteToolArguments } from './fixtures/jsonrpc-arbitraries.ts';
import {
  errorBodyOf,
  expectJsonRpcAnswer,
  openSocket,
  readUntilClosed,
  sendRaw,
} from './fixtures/raw-http.ts';
import { notesFixture } from './fixtures.ts';

// Hostile input against the real HTTP endpoint (the example notes server on loopback, API-key auth, memory audit
// sink). After every case the server must still answer /healthz, every answer must be JSON-RPC (an HTTP refusal
// carries a JSON-RPC error body), and every refusal must leave an audit record.

const MAX_BODY = 256 * 1024;
const REQUEST_TIMEOUT_MS = 1_000;
const alice = testApiKey('alice', ['editor']);
const bob = testApiKey('bob', ['reader']);
// The rate limit is not under test here: a fuzzer would otherwise mostly exercise `rate_limited`.
const fx = notesFixture(undefined, { rateLimit: { default: { capacity: 1e9, refillPerSecond: 1e9 } } });
let http: RunningHttpServer;
/** The same kit behind a second listener with a short request timeout, for the slow-client cases only. */
let impatient: RunningHttpServer;

beforeAll(async () => {
  const kit = createKitServer(fx.definition, fx.options);
  const authenticate = createApiKeyAuthenticator([alice.entry, bob.entry]);
  const options = {
    host: '127.0.0.1',
    port: 0,
    authenticate: (req: IncomingMessage) => authenticate(req.headers.authorization),
    maxBodyBytes: MAX_BODY,
  };
  http = await serveHttp(kit, options);
  impatient = await serveHttp(kit, { ...options, requestTimeoutMs: REQUEST_TIMEOUT_MS });
});
afterAll(async () => {
  await Promise.all([http.close(), impatient.close()]);
});

/** A request to the fuzzed server as `alice` unless told otherwise. */
function send(
  body: string | Buffer | readonly Buffer[],
  headers: Record<string, string> = {},
  options: { method?: string; path?: string; key?: string; port?: number } = {},
) {
  const { key = alice.key, port = http.port, ...rest } = options;
  return sendRaw({ port, body, headers: { authorization: `Bearer ${key}`, ...headers }, ...rest });
}

async function expectHealthy(): Promise<void> {
  const res = await send('', {}, { method: 'GET', path: '/healthz' });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
}

/** Sends, checks the answer's shape, returns the audit records the request added. */
async function exchange(
  body: string | Buffer | readonly Buffer[],
  headers: Record<string, string> = {},
  options: { key?: string } = {},
) {
  const before = fx.audit.records.length;
  const res = await send(body, headers, options);
  const parsed = expectJsonRpcAnswer(res);
  return { res, parsed, records: fx.audit.records.slice(before) };
}

const toolCall = (name: string, args: unknown, id: number | string = 1) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

const nested = (depth: number, open: string, close: string, inner = '0') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

describe('malformed bodies and wrong media types', () => {
  it('answers text that is not JSON with a parse error, audited', async () => {
    const notJson = fc
      .oneof(
        // ('binary' would cover more code points but takes seconds to build its table.)
        fc.string({ unit: 'binary-ascii', maxLength: 200 }),
        fc.string({ unit: 'grapheme-composite', maxLength: 100 }),
        fc.json({ maxDepth: 3 }).map((j) => j.slice(0, Math.max(0, j.length - 1))),
        fc.json({ maxDepth: 3 }).map((j) => `${j}}`),
      )
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      });
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        const { res, parsed, records } = await exchange(text);
        expect(res.status).toBe(400);
        expect((parsed as { error: { code: number } }).error.code).toBe(-32700);
        expect(records.map((r) => r.code)).toEqual(['parse_error']);
        await expectHealthy();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses anything but application/json with 415, audited', async () => {
    const contentType = fc
      .oneof(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonp',
          'application/json-patch+json',
          'text/json',
        ),
        fc.stringMatching(/^[a-z]{1,12}\/[a-z0-9.+-]{1,20}$/),
      )
      .filter((t) => !/^application\/json\s*(;|$)/i.test(t));
    await fc.assert(
      fc.asyncProperty(contentType, async (type) => {
        const { res, records } = await exchange(toolCall('list_notes', {}), { 'content-type': type });
        expect(res.status).toBe(415);
        expect(records.map((r) => r.code)).toEqual(['unsupported_media_type']);
        await expectHealthy();
      }),
      { numRuns: 40 },
    );
    const { res } = await exchange(toolCall('list_notes', {}), { 'content-type': '' });
    expect(res.status).toBe(415);
  });

  it('reads invalid UTF-8 as replacement characters: a clean error or result, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async (bytes) => {
        const bad = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(bytes)]);
        const inString = Buffer.concat([
          Buffer.from(
            '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_note","arguments":{"id":"',
          ),
          bad,
          Buffer.from('"}}}'),
        ]);
        const { res, parsed, records } = await exchange(inString);
        expect([200, 400]).toContain(res.status);
        if (res.status === 200) {
          // A string with U+FFFD in it: the tool refuses it by its schema, and audits the call.
          expect((parsed as { result: { isError: boolean } }).result.isError).toBe(true);
          expect(records.map((r) => r.code)).toEqual(['invalid_input']);
        } else expect(records.map((r) => r.code)).toEqual(['parse_error']);
        const { res: raw } = await exchange(Buffer.concat([bad, Buffer.from('{}')]));
        expect(raw.status).toBe(400);
        await expectHealthy();
      }),
      { numRuns: 40 },
    );
  });
});

describe('oversize and deeply nested bodies', () => {
  it('refuses bodies over the limit with 413, declared or chunked, audited', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_BODY + 1, max: 4 * MAX_BODY }),
        fc.boolean(),
        async (size, chunked) => {
          const text = toolCall('add_note', { title: 't', body: 'x'.repeat(size) });
          const body = chunked
            ? Array.from({ length: Math.ceil(text.length / 8192) }, (_, i) =>
                Buffer.from(text.slice(i * 8192, (i + 1) * 8192)),
              )
            : text;
          const { res, records } = await exchange(body);
          expect(res.status).toBe(413);
          expect(records.map((r) => r.code)).toEqual(['payload_too_large']);
          await expectHealthy();
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses 100 000 levels of nesting on both protocol paths without blowing the stack', async () => {
    const deepArray = nested(100_000, '[', ']');
    const deepObject = nested(20_000, '{"a":', '}');
    const modernMeta =
      '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}';
    for (const [body, headers] of [
      [deepArray, {}],
      [deepObject, {}],
      [
        `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_notes","arguments":{"author":${deepArray}}}}`,
        {},
      ],
      [`{"jsonrpc":"2.0","id":${deepObject},"method":"ping"}`, {}],
      [
        `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_notes","arguments":{"author":${deepArray}},${modernMeta}}}`,
        { 'mcp-protocol-version': '2026-07-28' },
      ],
    ] as const) {
      const { res, parsed, records } = await exchange(body, headers);
      expect(res.status).toBe(400);
      expect((parsed as { error: { data: { code: string } } }).error.data.code).toBe('too_deeply_nested');
      expect(records.map((r) => r.code)).toEqual(['too_deeply_nested']);
      await expectHealthy();
    }
    // Nesting a tool could legitimately use still gets through to the tool's own validation.
    const { parsed } = await exchange(toolCall('list_notes', { author: JSON.parse(nested(40, '[', ']')) }));
    expect(
      (parsed as { result: { _meta: Record<string, { code: string }> } }).result._meta['dev.gatehouse/error']
        ?.code,
    ).toBe('invalid_input');
  });
});

describe('random JSON-RPC traffic', () => {
  it('answers any envelope, single or batched, on either protocol header, with JSON-RPC', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonRpcEnvelope,
          fc.array(jsonRpcEnvelope, { minLength: 1, maxLength: 5 }),
          fc.jsonValue({ maxDepth: 3 }),
        ),
        fc.constantFrom(undefined, '2025-11-25', '2025-06-18', '2026-07-28', 'garbage'),
        fc.constantFrom(alice.key, bob.key),
        async (message, protocolVersion, key) => {
          const headers: Record<string, string> = protocolVersion
            ? { 'mcp-protocol-version': protocolVersion }
            : {};
          const { res, parsed, records } = await exchange(JSON.stringify(message), headers, { key });
          // Every error in the answer (an HTTP refusal, or one per refused message of a batch) has its record.
          const errors = [parsed ?? []]
            .flat()
            .filter((m) => (m as object | null) && 'error' in (m as object));
          expect(records.length, `${res.status} ${res.body}`).toBeGreaterThanOrEqual(errors.length);
          await expectHealthy();
        },
      ),
      // An empty batch once slipped through unaudited: keep it as a fixed example.
      { numRuns: 100, examples: [[[], undefined, alice.key]] },
    );
  });

  it('audits a refusal once, whether the SDK or the pipeline refuses it, on either wire', async () => {
    const headers = { 'mcp-protocol-version': '2026-07-28' };
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'fuzz', version: '1.0.0' },
    };
    const unknownTool = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'nope', _meta: meta },
    };
    const inPipeline = await exchange(JSON.stringify(unknownTool), {
      ...headers,
      'mcp-method': 'tools/call',
      'mcp-name': 'nope',
    });
    expect(inPipeline.res.status).toBe(200);
    expect(inPipeline.records.map((r) => r.code)).toEqual(['unknown_tool']);
    const noEnvelope = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    const atProtocol = await exchange(JSON.stringify(noEnvelope), { ...headers, 'mcp-method': 'tools/list' });
    expect(atProtocol.res.status).toBe(400);
    expect(atProtocol.records.map((r) => r.code)).toEqual(['protocol_error']);
    const setLevel = {
      jsonrpc: '2.0',
      id: 3,
      method: 'logging/setLevel',
      params: { level: 'info', _meta: meta },
    };
    const unknownModern = await exchange(JSON.stringify(setLevel), {
      ...headers,
      'mcp-method': 'logging/setLevel',
    });
    expect(unknownModern.res.status).toBe(404);
    expect(unknownModern.records.map((r) => r.code)).toEqual(['protocol_error']);
    const unknownLegacy = await exchange(JSON.stringify({ ...setLevel, params: { level: 'info' } }));
    expect((unknownLegacy.parsed as { error: { code: number } }).error.code).toBe(-32601);
    expect(unknownLegacy.records.map((r) => r.code)).toEqual(['method_not_found']);
  });

  it('calls the example tools with random arguments: a result or a coded tool error, one audit record each', async () => {
    const CODES = ['invalid_input', 'not_found', 'approval_required', 'forbidden', 'invalid_cursor'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('list_notes', 'get_note', 'add_note', 'delete_note'),
        noteToolArguments,
        fc.constantFrom(alice.key, bob.key),
        async (tool, input, key) => {
          const notesBefore = fx.notebook.list().length;
          const { res, parsed, records } = await exchange(toolCall(tool, input), {}, { key });
          expect(res.status).toBe(200);
          const result = (
            parsed as { result: { isError?: boolean; _meta?: Record<string, { code: string }> } }
          ).result;
          if (result.isError) expect(CODES).toContain(result._meta?.['dev.gatehouse/error']?.code);
          expect(records).toHaveLength(1);
          expect(records[0]).toMatchObject({ kind: 'tool', name: tool });
          // Writes need approval: nothing random gets through to the notebook.
          expect(fx.notebook.list()).toHaveLength(notesBefore);
          await expectHealthy();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('hostile connections', () => {
  it('answers oversize headers with 431 and a JSON-RPC error, audited', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 17 * 1024, max: 64 * 1024 }), fc.boolean(), async (size, many) => {
        const before = fx.audit.records.length;
        const headers: Record<string, string> = many
          ? Object.fromEntries(
              Array.from({ length: Math.ceil(size / 100) }, (_, i) => [`x-h${i}`, 'v'.repeat(90)]),
            )
          : { 'x-huge': 'a'.repeat(size) };
        const res = await send(toolCall('list_notes', {}), headers);
        expect(res.status).toBe(431);
        expect(JSON.parse(res.body).error.data.code).toBe('headers_too_large');
        expect(fx.audit.records.slice(before).map((r) => r.code)).toEqual(['headers_too_large']);
        await expectHealthy();
      }),
      { numRuns: 8 },
    );
  });

  it('answers garbage that is not HTTP with 400 and a JSON-RPC error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const socket = await openSocket(http.port);
        const closed = readUntilClosed(socket);
        socket.end(
          Buffer.concat([
            Buffer.from('BREW /mcp HTCPCP/1.0\r\n'),
            Buffer.from(bytes),
            Buffer.from('\r\n\r\n'),
          ]),
        );
        const text = await closed;
        expect(text).toMatch(/^HTTP\/1\.1 400 /);
        expect(errorBodyOf(text).error.data?.code).toBe('bad_http_request');
        await expectHealthy();
      }),
      { numRuns: 20 },
    );
  });

  it('times out a client that trickles its body and stalls, and keeps serving others meanwhile', async () => {
    const before = fx.audit.records.length;
    const slow = await openSocket(impatient.port);
    const closed = readUntilClosed(slow);
    const started = Date.now();
    const body = toolCall('list_notes', {});
    slow.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${impatient.port}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${alice.key}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    // A byte every 100 ms for a while, then nothing: the whole request never arrives.
    for (let i = 0; i < 5; i++) {
      slow.write(body[i] as string);
      await new Promise((r) => setTimeout(r, 100));
    }
    const others = await Promise.all(
      Array.from({ length: 20 }, () => send(toolCall('list_notes', {}), {}, { port: impatient.port })),
    );
    expect(others.map((r) => r.status)).toEqual(Array(20).fill(200));
    const text = await closed;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 5_000);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(errorBodyOf(text).error.data?.code).toBe('request_timeout');
    expect(
      fx.audit.records
        .slice(before)
        .filter((r) => r.kind === 'request')
        .map((r) => r.code),
    ).toEqual(['request_timeout']);
    await expectHealthy();
  });

  it('times out a client that never finishes its headers (slowloris)', async () => {
    const slow = await openSocket(impatient.port);
    const closed = readUntilClosed(slow);
    slow.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${impatient.port}\r\n`);
    const timer = setInterval(() => slow.writable && slow.write('X-Slow: 1\r\n'), 200);
    try {
      const text = await closed;
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(timer);
    }
    await expectHealthy();
  });

  it('serves hundreds of concurrent requests while idle sockets sit open', async () => {
    const idle = await Promise.all(Array.from({ length: 100 }, () => openSocket(http.port)));
    const before = fx.audit.records.length;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? send(toolCall('get_note', { id: 'n2' }, i))
          : i % 3 === 1
            ? send('{"jsonrpc":', {})
            : send(toolCall('list_notes', {}, i), {}, { key: 'wrong-key' }),
      ),
    );
    for (const [i, res] of answers.entries()) {
      expectJsonRpcAnswer(res);
      expect(res.status).toBe(i % 3 === 0 ? 200 : i % 3 === 1 ? 400 : 401);
    }
    expect(fx.audit.records.length - before).toBe(300);
    await expectHealthy();
    for (const socket of idle) socket.destroy();
  });
});
