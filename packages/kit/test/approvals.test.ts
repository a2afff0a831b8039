import { randomBytes } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryApprovalStore } from '../src/approvals/store.ts';
import type { Policy } from '../src/policy/policy.ts';
import type { KitServerOptions } from '../src/server.ts';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { approvalIdOf, errorCodeOf, notesFixture, POLICY, textOf } from './fixtures.ts';

// Approvals a person controls, over real HTTP with the official SDK client speaking 2026-07-28 (input-required
// round trips): who may answer (out_of_band vs in_band), that a denial reaches the caller, and what the
// approver is shown.

const alice = testApiKey('alice', ['editor']); // editor: approvals in_band (test/fixtures.ts)
const walt = testApiKey('walt', ['writer']); // writer: no approvals setting, so out_of_band

const writer = { scopes: ['notes:read', 'notes:write'], tools: ['*'], targets: ['notebook:*', 'note:*'] };
const policy: Policy = { ...POLICY, roles: { ...POLICY.roles, writer } };

const open: HttpHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function serve(overrides: Partial<KitServerOptions> = {}) {
  const fx = notesFixture(undefined, { policy, ...overrides });
  const harness = await startHttp(fx.definition, { ...fx.options, apiKeys: [alice.entry, walt.entry] });
  open.push(harness);
  return { fx, harness };
}

/** A 2026-07-28 client whose host says yes to every question it is asked, counting them. */
async function autoAccepting(harness: HttpHarness, key: string) {
  const client = await harness.connect(key, { era: 'modern', capabilities: { elicitation: { form: {} } } });
  const asked: string[] = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.push(String(request.params.message));
    return { action: 'accept', content: { approve: true } };
  });
  return { client, asked };
}

describe('out_of_band approvals: the calling client cannot approve its own call', () => {
  it('never asks the client about a destructive call, even when its role allows in_band', async () => {
    const { fx, harness } = await serve();
    const { client, asked } = await autoAccepting(harness, alice.key);
    const result = await client.callTool({ name: 'delete_note', arguments: { id: 'n1' } });
    expect(errorCodeOf(result)).toBe('approval_required');
    expect(textOf(result)).toContain('approved out of band: the calling client cannot answer it');
    expect(asked).toEqual([]);
    expect(fx.notebook.get('n1')).toBeDefined();

    // A person grants it through the CLI; the same call then runs once, and the audit names who and how.
    await harness.kit.gate.approvals.grant(approvalIdOf(result), { by: 'carol', via: 'cli' });
    const done = await client.callTool({ name: 'delete_note', arguments: { id: 'n1' } });
    expect(done.isError).toBeFalsy();
    expect(fx.notebook.get('n1')).toBeUndefined();
    expect(fx.audit.records.at(-1)).toMatchObject({
      name: 'delete_note',
      decision: 'approved',
      outcome: 'ok',
      approvalId: approvalIdOf(result),
      approver: 'carol',
      approvalChannel: 'cli',
    });
  });

  it('never asks the client about a write when the role does not say in_band (the default)', async () => {
    const { fx, harness } = await serve();
    const { client, asked } = await autoAccepting(harness, walt.key);
    const result = await client.callTool({
      name: 'add_note',
      arguments: { title: 'Self-approved?', body: 'x' },
    });
    expect(errorCodeOf(result)).toBe('approval_required');
    expect(asked).toEqual([]);
    expect(fx.notebook.list()).toHaveLength(3);
  });

  it('asks in band where role and tool allow it, and records the answer as the elicitation channel', async () => {
    const { fx, harness } = await serve();
    const { client, asked } = await autoAccepting(harness, alice.key);
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'Asked', body: 'x' } });
    expect(result.isError).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(fx.audit.records.at(-1)).toMatchObject({
      decision: 'approved',
      approver: 'alice',
      approvalChannel: 'elicitation',
    });
  });

  it('refuses an answer from the client once the call is out of band, even with state this server signed', async () => {
    // Two replicas sharing the signing key and the approval store, as in production. The first still allows
    // in-band approval and asks; the operator has since made the role out_of_band, and the answer reaches the
    // second replica.
    const shared = { signingKey: randomBytes(32), approvals: createMemoryApprovalStore() };
    const asking = await serve(shared);
    const strict = await serve({
      ...shared,
      policy: {
        ...policy,
        roles: { ...policy.roles, editor: { ...policy.roles.editor!, approvals: 'out_of_band' } },
      },
    });
    const urls: string[] = [];
    const client = new Client(
      { name: 'self-approver', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    client.setRequestHandler('elicitation/create', async () => ({
      action: 'accept',
      content: { approve: true },
    }));
    await client.connect(
      new StreamableHTTPClientTransport(new URL(asking.harness.url), {
        requestInit: { headers: { authorization: `Bearer ${alice.key}` } },
        fetch: (url, init) => {
          // The retry carrying the answer (requestState) goes to the replica whose policy is out_of_band.
          const answer = typeof init?.body === 'string' && init.body.includes('requestState');
          const target = answer ? strict.harness.url : String(url);
          urls.push(target);
          return fetch(target, init);
        },
      }),
    );
    try {
      const result = await client.callTool({ name: 'add_note', arguments: { title: 'Sneaky', body: 'x' } });
      expect(urls).toContain(strict.harness.url); // the answer did reach the strict replica
      expect(errorCodeOf(result)).toBe('approval_invalid');
      expect(textOf(result)).toContain('an answer from the calling client is not accepted');
      expect(asking.fx.notebook.list()).toHaveLength(3);
      expect(strict.fx.notebook.list()).toHaveLength(3);
      const [request] = await shared.approvals.list();
      expect(request?.status).toBe('pending'); // still waiting for a person
    } finally {
      await client.close();
    }
  });
});

describe('a denial reaches the caller', () => {
  it('answers a repeated denied call with approval_rejected and the reason, until the request expires', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const approvals = createMemoryApprovalStore({ now: () => now });
    const { fx, harness } = await serve({ approvals, approvalTtlSeconds: 600 });
    const client = await harness.connect(walt.key, { era: 'modern' });
    const args = { name: 'add_note', arguments: { title: 'Friday deploy', body: 'ship it' } };
    const first = await client.callTool(args);
    expect(errorCodeOf(first)).toBe('approval_required');
    const id = approvalIdOf(first);
    await approvals.deny(id, { by: 'carol', via: 'cli' }, 'not on a Friday');

    for (const meta of [{}, { _meta: { 'dev.gatehouse/approval': id } }]) {
      const again = await client.callTool({ ...args, ...meta });
      expect(errorCodeOf(again)).toBe('approval_rejected');
      expect(textOf(again)).toContain(`carol denied approval ${id}: not on a Friday`);
      expect(fx.audit.records.at(-1)).toMatchObject({
        decision: 'rejected',
        outcome: 'not_run',
        approvalId: id,
        approver: 'carol',
        approvalChannel: 'cli',
      });
    }
    expect(await approvals.list()).toHaveLength(1); // no fresh request was made
    expect(fx.notebook.list()).toHaveLength(3);

    // Other input is another call: it gets its own request.
    const other = await client.callTool({
      name: 'add_note',
      arguments: { title: 'Monday deploy', body: 'x' },
    });
    expect(errorCodeOf(other)).toBe('approval_required');

    now += 600_000; // the denied request has expired: asking again is a new request
    const later = await client.callTool(args);
    expect(errorCodeOf(later)).toBe('approval_required');
    expect(approvalIdOf(later)).not.toBe(id);
  });
});

describe('what the approver is shown', () => {
  it('shows invisible and bidi characters as visible escapes, in the stored summary and the answer', async () => {
    const { harness } = await serve();
    const client = await harness.connect(walt.key, { era: 'modern' });
    const title = 'Quarterly \u202Efdp.exe\u200B report';
    const result = await client.callTool({ name: 'add_note', arguments: { title, body: 'x\u2066y' } });
    const id = approvalIdOf(result);
    const stored = await harness.kit.gate.approvals.get(id);
    expect(stored?.summary).toContain('title: Quarterly \\u202Efdp.exe\\u200B report');
    expect(stored?.summary).toContain('body: x\\u2066y');
    expect(stored?.summary).not.toMatch(/[\u202E\u200B\u2066]/);
    const meta = result._meta?.['dev.gatehouse/error'] as { details?: { summary?: string } } | undefined;
    expect(meta?.details?.summary).toBe(stored?.summary);
  });
});
