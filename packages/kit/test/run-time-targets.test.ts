import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryAuditSink } from '../src/audit/sinks.ts';
import { createBearerAuthenticator } from '../src/auth/bearer.ts';
import { createJwtVerifier } from '../src/auth/jwt-verifier.ts';
import {
  definePrompt,
  defineResource,
  defineServer,
  defineTool,
  type HandlerContext,
} from '../src/contracts/define.ts';
import type { Identity } from '../src/identity.ts';
import { parsePolicy } from '../src/policy/policy.ts';
import { createKitServer } from '../src/server.ts';
import { connectInMemory, startTestIssuer, type TestIssuer, testApiKey } from '../src/testing/index.ts';
import { type RunningHttpServer, serveHttp } from '../src/transport/http.ts';
import { errorCodeOf, textOf } from './fixtures.ts';

// ctx.authorizeTarget / ctx.mayAccess: targets known only while the handler runs, checked against the same
// policy as the declared target, for each way a caller can be identified (stdio, API key, OAuth token).

const POLICY = parsePolicy(
  `
roles:
  shelf-reader:
    scopes: [shelf:read]
    tools: [read_items, read_items_quietly, visible_items]
    resources: [shelf_page]
    prompts: [summarize_items]
    targets: ["shelf:main", "item:public.*"]
  quick-writer:
    scopes: [shelf:write]
    tools: [tag_items]
    targets: ["shelf:main"]
    approvals: not_required
  item-writer:
    scopes: [shelf:write]
    tools: [tag_items]
    targets: ["item:*"]
  careful-writer:
    scopes: [shelf:write]
    tools: [tag_items]
    targets: ["shelf:main", "item:*"]
    approvals: in_band
`,
  'run-time-targets-policy.yaml',
);

/** Items the handlers reached after their checks: proof of what ran and what did not. */
const reached: string[] = [];
const items = z.object({ items: z.array(z.string().min(1)).min(1) });

/** A read tool on `shelf:main` whose items are checked by its handler as run-time targets. */
const itemReader = (
  name: string,
  handler: (items: string[], ctx: HandlerContext) => Promise<{ read: string[] }>,
) =>
  defineTool({
    name,
    title: name,
    description: 'Test tool: checks items as run-time targets, then reads them.',
    version: '1.0.0',
    access: 'read',
    scopes: ['shelf:read'],
    target: () => 'shelf:main',
    input: items,
    output: z.object({ read: z.array(z.string()) }),
    handler: (input, ctx) => handler(input.items, ctx),
  });

const readItems = itemReader('read_items', async (list, ctx) => {
  for (const item of list) ctx.authorizeTarget(`item:${item}`);
  reached.push(...list);
  return { read: list };
});

/** A handler that swallows the refusal and answers anyway: the call must still end as forbidden. */
const readItemsQuietly = itemReader('read_items_quietly', async (list, ctx) => {
  for (const item of list) {
    try {
      ctx.authorizeTarget(`item:${item}`);
    } catch {
      // carries on regardless
    }
  }
  reached.push(...list);
  return { read: list };
});

const visibleItems = itemReader('visible_items', async (list, ctx) => ({
  read: list.filter((item) => ctx.mayAccess(`item:${item}`)),
}));

const tagItems = defineTool({
  name: 'tag_items',
  title: 'Tag items',
  description: 'Test tool: a write whose items are run-time targets.',
  version: '1.0.0',
  access: 'write',
  scopes: ['shelf:write'],
  target: () => 'shelf:main',
  input: items,
  output: z.object({ tagged: z.array(z.string()) }),
  async handler(input, ctx) {
    for (const item of input.items) ctx.authorizeTarget(`item:${item}`);
    reached.push(...input.items);
    return { tagged: input.items };
  },
});

/** A page of items (`shelf://main/a,b`): the page is the declared target, each item a run-time target. */
const shelfPage = defineResource({
  name: 'shelf_page',
  title: 'Shelf page',
  description: 'Test resource: checks its items as run-time targets, then lists them.',
  version: '1.0.0',
  scopes: ['shelf:read'],
  uri: 'shelf://main/{items}',
  target: () => 'shelf:main',
  async read({ items = '' }, ctx) {
    const list = items.split(',');
    const hidden = list.filter((item) => item.startsWith('~'));
    for (const item of list.filter((i) => !hidden.includes(i))) ctx.authorizeTarget(`item:${item}`);
    reached.push(...list);
    // `~name` items are only shown when the caller may see them: mayAccess filters without refusing.
    const shown = list.filter((item) => !hidden.includes(item) || ctx.mayAccess(`item:${item.slice(1)}`));
    return { text: shown.join('\n'), mimeType: 'text/plain' };
  },
});

const summarizeItems = definePrompt({
  name: 'summarize_items',
  title: 'Summarize items',
  description: 'Test prompt: checks its items as run-time targets, then asks for a summary.',
  version: '1.0.0',
  scopes: ['shelf:read'],
  args: z.object({ items: z.string().min(1) }),
  target: () => 'shelf:main',
  async render({ items: list }, ctx) {
    const names = list.split(',');
    for (const item of names) {
      try {
        ctx.authorizeTarget(`item:${item}`);
      } catch {
        // swallowed on purpose: the prompt must still end as forbidden
      }
    }
    reached.push(...names);
    return [{ role: 'user', text: `Summarize ${names.join(', ')}.` }];
  },
});

const definition = defineServer({
  name: 'shelf',
  version: '1.0.0',
  tools: [readItems, readItemsQuietly, visibleItems, tagItems],
  resources: [shelfPage],
  prompts: [summarizeItems],
});

const RESOURCE = 'https://shelf.example.com/mcp';
const audit = createMemoryAuditSink();
const kit = createKitServer(definition, { policy: POLICY, audit, logger: pino({ level: 'silent' }) });
const apiKey = testApiKey('ci-bot', ['shelf-reader']);
let issuer: TestIssuer;
let http: RunningHttpServer;
const clients: Client[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const jwt = createJwtVerifier({ issuer: issuer.issuer, audience: RESOURCE, jwksUrl: issuer.jwksUrl });
  http = await serveHttp(kit, {
    host: '127.0.0.1',
    port: 0,
    authenticate: createBearerAuthenticator({ apiKeys: [apiKey.entry], jwt }),
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(closers.map((close) => close()));
  await http.close();
  await issuer.close();
});

async function overHttp(bearer: string): Promise<Client> {
  const client = new Client({ name: 'run-time-targets-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.url), {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  clients.push(client);
  return client;
}

const READER: Identity = { actor: 'dana', roles: ['shelf-reader'], scopes: [], via: 'stdio' };

const callers: readonly (readonly [Identity['via'], string, () => Promise<Client>])[] = [
  [
    'stdio',
    'dana',
    async () => {
      const connection = await connectInMemory(definition, { policy: POLICY, audit, identity: READER, kit });
      closers.push(() => connection.close());
      return connection.client;
    },
  ],
  ['api-key', 'ci-bot', () => overHttp(apiKey.key)],
  [
    'oauth',
    'erin',
    async () =>
      overHttp(
        await issuer.sign({ sub: 'erin', aud: RESOURCE, roles: ['shelf-reader'], scope: 'shelf:read' }),
      ),
  ],
];

const lastRecord = (actor: string, name: string) =>
  audit.records.filter((r) => r.actor === actor && r.name === name).at(-1);

describe.each(callers)('run-time targets for a %s caller', (via, actor, connect) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect();
  });

  it('passes targets the policy allows, and lists them in the audit record', async () => {
    const result = await client.callTool({
      name: 'read_items',
      arguments: { items: [`public.${via}-a`, `public.${via}-b`] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ read: [`public.${via}-a`, `public.${via}-b`] });
    expect(reached).toContain(`public.${via}-b`);
    expect(lastRecord(actor, 'read_items')).toMatchObject({
      via,
      target: 'shelf:main',
      targets: ['shelf:main', `item:public.${via}-a`, `item:public.${via}-b`],
      decision: 'allowed',
      outcome: 'ok',
    });
  });

  it('ends the call as forbidden at a refused target: the code after it never runs, the audit names it', async () => {
    const result = await client.callTool({
      name: 'read_items',
      arguments: { items: [`public.${via}-c`, `billing.${via}`, `public.${via}-d`] },
    });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(textOf(result)).toContain(
      `target item:billing.${via} is not in any allowlist of ${actor}'s roles`,
    );
    expect(reached).not.toContain(`public.${via}-c`);
    expect(reached).not.toContain(`billing.${via}`);
    expect(lastRecord(actor, 'read_items')).toMatchObject({
      via,
      target: `item:billing.${via}`,
      targets: ['shelf:main', `item:public.${via}-c`, `item:billing.${via}`],
      decision: 'denied',
      outcome: 'error',
      code: 'forbidden',
    });
  });

  it('ends the call as forbidden even when the handler catches the refusal', async () => {
    const result = await client.callTool({
      name: 'read_items_quietly',
      arguments: { items: [`billing.quiet-${via}`] },
    });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(JSON.stringify(result)).not.toContain('"read"');
    expect(lastRecord(actor, 'read_items_quietly')).toMatchObject({
      target: `item:billing.quiet-${via}`,
      decision: 'denied',
    });
  });

  it('checks a resource read: allowed items are read and audited, a refused one ends it forbidden', async () => {
    const uri = `shelf://main/public.${via}-r1,~public.${via}-r2,~billing.${via}-r3`;
    const read = await client.readResource({ uri });
    const content = read.contents[0];
    expect(content && 'text' in content ? content.text : '').toBe(`public.${via}-r1\n~public.${via}-r2`);
    expect(lastRecord(actor, 'shelf_page')).toMatchObject({
      kind: 'resource',
      target: 'shelf:main',
      targets: ['shelf:main', `item:public.${via}-r1`],
      decision: 'allowed',
      outcome: 'ok',
    });

    const refused = await client
      .readResource({ uri: `shelf://main/public.${via}-r4,billing.${via}-r5,public.${via}-r6` })
      .then(
        () => undefined,
        (error: unknown) => error as { message: string; data?: { code?: string } },
      );
    expect(refused?.data?.code).toBe('forbidden');
    expect(refused?.message).toContain(
      `target item:billing.${via}-r5 is not in any allowlist of ${actor}'s roles`,
    );
    expect(reached).not.toContain(`public.${via}-r4`);
    expect(lastRecord(actor, 'shelf_page')).toMatchObject({
      kind: 'resource',
      target: `item:billing.${via}-r5`,
      targets: ['shelf:main', `item:public.${via}-r4`, `item:billing.${via}-r5`],
      decision: 'denied',
      outcome: 'error',
      code: 'forbidden',
    });
  });

  it('checks a prompt get: allowed items render, a refused one ends it forbidden even when caught', async () => {
    const prompt = await client.getPrompt({
      name: 'summarize_items',
      arguments: { items: `public.${via}-p1,public.${via}-p2` },
    });
    expect(prompt.messages[0]?.content).toEqual({
      type: 'text',
      text: `Summarize public.${via}-p1, public.${via}-p2.`,
    });
    expect(lastRecord(actor, 'summarize_items')).toMatchObject({
      kind: 'prompt',
      target: 'shelf:main',
      targets: ['shelf:main', `item:public.${via}-p1`, `item:public.${via}-p2`],
      decision: 'allowed',
      outcome: 'ok',
    });

    const refused = await client
      .getPrompt({ name: 'summarize_items', arguments: { items: `public.${via}-p3,billing.${via}-p4` } })
      .then(
        () => undefined,
        (error: unknown) => error as { message: string; data?: { code?: string } },
      );
    expect(refused?.data?.code).toBe('forbidden');
    expect(refused?.message).toContain(`target item:billing.${via}-p4 is not in any allowlist`);
    expect(JSON.stringify(refused)).not.toContain('Summarize');
    expect(lastRecord(actor, 'summarize_items')).toMatchObject({
      kind: 'prompt',
      target: `item:billing.${via}-p4`,
      targets: ['shelf:main', `item:public.${via}-p3`, `item:billing.${via}-p4`],
      decision: 'denied',
      outcome: 'error',
      code: 'forbidden',
    });
  });

  it('answers mayAccess without refusing the call', async () => {
    const result = await client.callTool({
      name: 'visible_items',
      arguments: { items: ['public.x', 'billing.y', 'public.z'] },
    });
    expect(result.structuredContent).toEqual({ read: ['public.x', 'public.z'] });
    const record = lastRecord(actor, 'visible_items');
    expect(record).toMatchObject({ target: 'shelf:main', decision: 'allowed', outcome: 'ok' });
    expect(record?.targets).toBeUndefined();
  });
});

describe('run-time targets of writes', () => {
  it('refuses a target only roles requiring approval allow when the call was not approved', async () => {
    const connection = await connectInMemory(definition, {
      policy: POLICY,
      audit,
      identity: { actor: 'fay', roles: ['quick-writer', 'item-writer'], scopes: [], via: 'stdio' },
      kit,
    });
    closers.push(() => connection.close());
    const result = await connection.client.callTool({
      name: 'tag_items',
      arguments: { items: ['public.unapproved'] },
    });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(textOf(result)).toContain("target item:public.unapproved needs a person's approval");
    expect(reached).not.toContain('public.unapproved');
    expect(lastRecord('fay', 'tag_items')).toMatchObject({
      target: 'item:public.unapproved',
      decision: 'denied',
    });
  });

  it('lets an approved call reach the targets its approved input leads to', async () => {
    const connection = await connectInMemory(definition, {
      policy: POLICY,
      audit,
      identity: { actor: 'gus', roles: ['careful-writer'], scopes: [], via: 'stdio' },
      kit,
      clientCapabilities: { elicitation: { form: {} } },
    });
    closers.push(() => connection.close());
    const asked: string[] = [];
    connection.client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(String(request.params.message));
      return { action: 'accept', content: { approve: true } };
    });
    const result = await connection.client.callTool({
      name: 'tag_items',
      arguments: { items: ['public.approved'] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(reached).toContain('public.approved');
    expect(lastRecord('gus', 'tag_items')).toMatchObject({
      targets: ['shelf:main', 'item:public.approved'],
      decision: 'approved',
      outcome: 'ok',
    });
  });
});
