import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createNotebook, notesServer } from '../example/notes-server.ts';
import { createMemoryAuditSink } from '../src/audit/sinks.ts';
import { createBearerAuthenticator } from '../src/auth/bearer.ts';
import { createJwtVerifier } from '../src/auth/jwt-verifier.ts';
import { protectedResource } from '../src/auth/protected-resource.ts';
import { defineServer, defineTool, type HandlerContext } from '../src/contracts/define.ts';
import { parsePolicy } from '../src/policy/policy.ts';
import { createKitServer } from '../src/server.ts';
import { startTestIssuer, type TestIssuer, testApiKey } from '../src/testing/index.ts';
import { type RunningHttpServer, serveHttp } from '../src/transport/http.ts';
import { type Answer, sendRaw } from './fixtures/raw-http.ts';

// The kit as an OAuth 2.1 resource server, end to end: a real issuer on loopback (JWKS over HTTP, tokens signed
// by jose), the kit's HTTP server, and the official SDK client or raw HTTP for what a client library never sends.

const RESOURCE = 'https://notes.example.com/mcp';
const METADATA_URL = 'https://notes.example.com/.well-known/oauth-protected-resource/mcp';
const POLICY = parsePolicy(
  `
roles:
  notes-reader:
    scopes: [notes:read]
    tools: [list_notes, get_note, probe_context]
    targets: ["notebook:*", "note:*", "probe:*"]
  notes-lister:
    tools: [list_notes]
    targets: ["notebook:*"]
  notes-writer:
    scopes: [notes:write]
    tools: [add_note]
    targets: ["notebook:*"]
    approvals: not_required
`,
  'oauth-test-policy.yaml',
);

/** What the last tool handler was handed: the only window a tool has on the request. */
let seenContext: HandlerContext | undefined;
const lastContext = (): HandlerContext | undefined => seenContext;
const probe = defineTool({
  name: 'probe_context',
  title: 'Probe context',
  description: 'Test tool: records its handler context.',
  version: '1.0.0',
  access: 'read',
  scopes: ['notes:read'],
  target: () => 'probe:context',
  input: z.object({}),
  output: z.object({ actor: z.string() }),
  async handler(_input, ctx) {
    seenContext = ctx;
    return { actor: ctx.identity.actor };
  },
});

const notes = notesServer(createNotebook());
const definition = defineServer({ ...notes, tools: [...notes.tools, probe] });
const audit = createMemoryAuditSink();
const apiKey = testApiKey('ci-bot', ['notes-reader'], ['notes:read']);
/** An API key for the same actor name a token carries, whose scopes come from its role alone. */
const aliceKey = testApiKey('alice', ['notes-reader']);
let issuer: TestIssuer;
let http: RunningHttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const kit = createKitServer(definition, { policy: POLICY, audit, logger: pino({ level: 'silent' }) });
  const verifier = createJwtVerifier({
    issuer: issuer.issuer,
    audience: RESOURCE,
    jwksUrl: issuer.jwksUrl,
    // No cooldown, so the rotation test need not wait 30 s; the cooldown itself is tested in jwt-verifier.test.ts.
    jwksCooldownMs: 0,
  });
  http = await serveHttp(kit, {
    host: '127.0.0.1',
    port: 0,
    authenticate: createBearerAuthenticator({ apiKeys: [apiKey.entry, aliceKey.entry], jwt: verifier }),
    protectedResource: protectedResource({
      resource: RESOURCE,
      authorizationServers: [issuer.issuer],
      scopesSupported: ['notes:read', 'notes:write'],
      resourceName: 'Notes',
    }),
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await http.close();
  await issuer.close();
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown> = {}, options: { kid?: string; typ?: string | null } = {}) =>
  issuer.sign(
    { sub: 'alice', aud: RESOURCE, roles: ['notes-reader'], scope: 'notes:read', ...claims },
    options,
  );

async function connect(bearer: string, era: 'legacy' | 'modern' = 'legacy'): Promise<Client> {
  const client = new Client(
    { name: 'oauth-test', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.url), {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  clients.push(client);
  return client;
}

function raw(path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const port = Number(new URL(http.url).port);
  return sendRaw({ port, path, headers, body: body ?? '', method: body === undefined ? 'GET' : 'POST' });
}

const callBody = (name: string, args: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } });
const callWith = (bearer: string, name = 'get_note', args: unknown = { id: 'n1' }) =>
  raw('/mcp', { authorization: `Bearer ${bearer}` }, callBody(name, args));

describe('a valid access token', () => {
  it('calls tools over both protocol eras, audited as the token subject via oauth', async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const client = await connect(await token(), era);
      const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
      expect(result.isError).toBeFalsy();
      expect(audit.records.at(-1)).toMatchObject({
        kind: 'tool',
        name: 'get_note',
        actor: 'alice',
        via: 'oauth',
        decision: 'allowed',
        outcome: 'ok',
      });
    }
  });

  it('keeps API keys working beside OAuth', async () => {
    const res = await callWith(apiKey.key);
    expect(res.status).toBe(200);
    expect(audit.records.at(-1)).toMatchObject({ actor: 'ci-bot', via: 'api-key', outcome: 'ok' });
  });
});

describe('refused tokens: 401, a challenge that says why, an audit record', () => {
  const cases: [string, () => Promise<string>, string, RegExp][] = [
    ['wrong audience', () => token({ aud: 'https://other.example.com/mcp' }), 'token_audience', /audience/],
    ['wrong issuer', () => token({ iss: 'https://evil.example.com' }), 'token_issuer', /issued by/],
    ['expired', () => token({ exp: now() - 600 }), 'token_expired', /expired/],
    ['not yet valid', () => token({ nbf: now() + 600 }), 'token_not_yet_valid', /not valid yet/],
    [
      'issued in the future beyond the clock skew',
      () => token({ iat: now() + 600 }),
      'token_issued_in_future',
      /issued .* in the future/,
    ],
    [
      'not typed as an access token (an ID token: typ JWT)',
      () => token({}, { typ: 'JWT' }),
      'token_type',
      /typ is JWT, not at\+jwt/,
    ],
    ['no typ at all', () => token({}, { typ: null }), 'token_type', /typ is absent/],
    [
      'bad signature',
      async () => {
        const [head, , sig] = (await token()).split('.');
        const claims = {
          sub: 'mallory',
          aud: RESOURCE,
          iss: issuer.issuer,
          exp: now() + 300,
          roles: ['notes-reader'],
        };
        return `${head}.${b64(claims)}.${sig}`;
      },
      'token_signature',
      /signature/,
    ],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', aud: RESOURCE, iss: issuer.issuer, exp: now() + 300 })}.`,
      'token_algorithm',
      /none/,
    ],
    [
      'HS256 signed with the public key text',
      async () =>
        new SignJWT({
          sub: 'alice',
          aud: RESOURCE,
          iss: issuer.issuer,
          exp: now() + 300,
          roles: ['notes-reader'],
        })
          .setProtectedHeader({ alg: 'HS256', kid: issuer.currentKid })
          .sign(new TextEncoder().encode(await issuer.publicKeyPem())),
      'token_algorithm',
      /HS256/,
    ],
  ];

  for (const [what, make, code, description] of cases) {
    it(what, async () => {
      const before = audit.records.length;
      const res = await callWith(await make());
      expect(res.status).toBe(401);
      const challenge = String(res.headers['www-authenticate']);
      expect(challenge).toMatch(/^Bearer /);
      expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`);
      expect(challenge).toContain('error="invalid_token"');
      expect(/error_description="([^"]*)"/.exec(challenge)?.[1]).toMatch(description);
      expect(JSON.parse(res.body).error.data).toEqual({ code: 'unauthenticated', reason: code });
      expect(audit.records.slice(before)).toEqual([
        expect.objectContaining({ kind: 'request', code, actor: 'anonymous', decision: 'denied' }),
      ]);
    });
  }

  it('no credentials: 401 naming the metadata, no error attribute', async () => {
    const res = await raw('/mcp', {}, callBody('get_note', { id: 'n1' }));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer resource_metadata="${METADATA_URL}"`);
    expect(audit.records.at(-1)).toMatchObject({ kind: 'request', code: 'unauthenticated' });
  });

  it('the SDK client sees the refusal and its reason', async () => {
    await expect(connect(await token({ exp: now() - 600 }))).rejects.toThrow(/the token expired/);
  });
});

describe('key rotation', () => {
  it('refuses a token from a key the issuer has not published, then accepts it after the rotation', async () => {
    const next = await issuer.createKey('ES256');
    const early = await token({}, { kid: next });
    const refused = await callWith(early);
    expect(refused.status).toBe(401);
    expect(String(refused.headers['www-authenticate'])).toMatch(/error_description="no single key/);
    expect(audit.records.at(-1)).toMatchObject({ code: 'token_unknown_key' });
    issuer.publish(next);
    const accepted = await callWith(early);
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.body).result.isError).toBeFalsy();
  });
});

describe('a token without a needed scope: 403 insufficient_scope', () => {
  it('names the scope in the challenge and the body, and audits the refused tool call', async () => {
    const bearer = await token({ roles: ['notes-writer'], scope: 'notes:read' });
    const before = audit.records.length;
    const res = await callWith(bearer, 'add_note', { title: 't', body: 'b' });
    expect(res.status).toBe(403);
    const challenge = String(res.headers['www-authenticate']);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="notes:write"');
    expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`);
    expect(JSON.parse(res.body)).toMatchObject({
      id: 7,
      error: { data: { code: 'insufficient_scope', missingScopes: ['notes:write'] } },
    });
    expect(audit.records.slice(before)).toEqual([
      expect.objectContaining({
        kind: 'tool',
        name: 'add_note',
        actor: 'alice',
        via: 'oauth',
        decision: 'denied',
        code: 'insufficient_scope',
      }),
    ]);
  });

  it('applies to 2026-era requests too, and the same token with the scope succeeds', async () => {
    const lacking = await connect(await token({ roles: ['notes-writer'], scope: 'notes:read' }), 'modern');
    await expect(
      lacking.callTool({ name: 'add_note', arguments: { title: 't', body: 'b' } }),
    ).rejects.toThrow(/Insufficient scope.*notes:write/i);
    const enough = await connect(await token({ roles: ['notes-writer'], scope: 'notes:read notes:write' }));
    const done = await enough.callTool({ name: 'add_note', arguments: { title: 'by oauth', body: 'b' } });
    expect(done.isError).toBeFalsy();
  });

  it('leaves refusals that more scopes would not fix to the pipeline (a tool error, HTTP 200)', async () => {
    const res = await callWith(await token({ roles: [], scope: 'notes:read notes:write' }), 'add_note', {
      title: 't',
      body: 'b',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result._meta['dev.gatehouse/error'].code).toBe('forbidden');
  });
});

describe("a token's effective scopes: its roles' scopes intersected with the token's own", () => {
  it('a token with a role but no scope claim gets no scoped tool (the role alone once granted notes:read)', async () => {
    const client = await connect(await token({ scope: undefined }));
    expect((await client.listTools()).tools).toEqual([]);
    const before = audit.records.length;
    await expect(client.callTool({ name: 'get_note', arguments: { id: 'n1' } })).rejects.toThrow(
      /Insufficient scope.*notes:read/i,
    );
    expect(audit.records.slice(before)).toEqual([
      expect.objectContaining({ name: 'get_note', actor: 'alice', decision: 'denied', outcome: 'not_run' }),
    ]);
  });

  it('a scope the token carries but no role grants is not effective, and more token scopes would not help', async () => {
    const res = await callWith(
      await token({ roles: ['notes-lister'], scope: 'notes:read' }),
      'list_notes',
      {},
    );
    expect(res.status).toBe(200);
    const { result } = JSON.parse(res.body);
    expect(result._meta['dev.gatehouse/error'].code).toBe('forbidden');
    expect(result.content[0].text).toContain('missing scope notes:read');
  });

  it('a scope both grant is effective', async () => {
    const client = await connect(
      await token({ roles: ['notes-reader', 'notes-lister'], scope: 'notes:read' }),
    );
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      'get_note',
      'list_notes',
      'probe_context',
    ]);
  });

  it("keeps API keys' semantics (role scopes count), and a key's decision never answers a token of the same actor", async () => {
    expect(JSON.parse((await callWith(aliceKey.key)).body).result.isError).toBeFalsy();
    expect(audit.records.at(-1)).toMatchObject({ actor: 'alice', via: 'api-key', outcome: 'ok' });
    const res = await callWith(await token({ scope: undefined }));
    expect(res.status).toBe(403);
    expect(audit.records.at(-1)).toMatchObject({ actor: 'alice', via: 'oauth', decision: 'denied' });
  });
});

describe("the issuer's keys unreachable", () => {
  it('answers 503 with Retry-After (the token may be fine), audited', async () => {
    const kit = createKitServer(definition, { policy: POLICY, audit, logger: pino({ level: 'silent' }) });
    const offline = await serveHttp(kit, {
      host: '127.0.0.1',
      port: 0,
      authenticate: createBearerAuthenticator({
        jwt: createJwtVerifier({
          issuer: issuer.issuer,
          audience: RESOURCE,
          jwksUrl: 'http://127.0.0.1:1/jwks',
          jwksTimeoutMs: 500,
        }),
      }),
    });
    try {
      const res = await fetch(offline.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: callBody('get_note', { id: 'n1' }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: { data: unknown } }).error.data).toEqual({
        code: 'unauthenticated',
        reason: 'jwks_unavailable',
      });
      expect(audit.records.at(-1)).toMatchObject({ kind: 'request', code: 'jwks_unavailable' });
    } finally {
      await offline.close();
    }
  });
});

describe('protected resource metadata (RFC 9728)', () => {
  it('is served at the root and the path-suffixed well-known URL', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
    ]) {
      const res = await raw(path, {});
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({
        resource: RESOURCE,
        authorization_servers: [issuer.issuer],
        scopes_supported: ['notes:read', 'notes:write'],
        bearer_methods_supported: ['header'],
        resource_name: 'Notes',
      });
    }
  });
});

describe("the client's token never reaches a tool", () => {
  it('a tool handler sees an identity without the token, and no header anywhere in its context', async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const bearer = await token({ email: 'alice@example.com' });
      seenContext = undefined;
      const client = await connect(bearer, era);
      const result = await client.callTool({ name: 'probe_context', arguments: {} });
      expect(result.isError).toBeFalsy();
      const ctx = lastContext();
      if (!ctx) throw new Error('the probe tool did not run');
      expect(Object.keys(ctx).sort()).toEqual([
        'authorizeTarget',
        'hasMore',
        'identity',
        'mayAccess',
        'page',
        'signal',
      ]);
      // `client` is the MCP clientInfo, when the protocol era carries it.
      expect(
        Object.keys(ctx.identity)
          .filter((k) => k !== 'client')
          .sort(),
      ).toEqual(['actor', 'roles', 'scopeCeiling', 'scopes', 'via']);
      const signature = bearer.split('.')[2] as string;
      for (const text of reachableStrings(ctx)) {
        expect(text).not.toContain(signature);
        expect(text.toLowerCase()).not.toContain('bearer');
      }
      expect([...reachableKeys(ctx)].filter((k) => /authori[sz]ation|token|header/i.test(k))).toEqual([]);
    }
  });
});

/** Every string reachable from a value through own properties (enumerable or not), cycles skipped. */
function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value))
    return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) out.push(...reachableStrings(descriptor.value, seen));
  }
  return out;
}

function reachableKeys(value: unknown, seen = new Set<unknown>(), out = new Set<string>()): Set<string> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    out.add(String(key));
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) reachableKeys(descriptor.value, seen, out);
  }
  return out;
}
