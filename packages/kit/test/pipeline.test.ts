import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../example/notes-server.ts';
import { createKitServer } from '../src/server.ts';
import { connectInMemory, type InMemoryConnection } from '../src/testing/index.ts';
import { ALICE, approvalIdOf, BOB, errorCodeOf, notesFixture, textOf } from './fixtures.ts';

// Every step of the pipeline, driven by the official SDK client in memory. Each test would fail if its step
// were removed from the pipeline.

const open: Pick<InMemoryConnection, 'close'>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function connect(
  fx: ReturnType<typeof notesFixture>,
  identity = ALICE,
  clientCapabilities?: Record<string, unknown>,
) {
  const connection = await connectInMemory(fx.definition, {
    ...fx.options,
    identity,
    ...(clientCapabilities ? { clientCapabilities } : {}),
  });
  open.push(connection);
  return connection.client;
}

describe('identity', () => {
  it('records the caller and the client that connected in the audit record', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect(fx.audit.records).toHaveLength(1);
    expect(fx.audit.records[0]).toMatchObject({
      actor: 'alice',
      via: 'stdio',
      client: 'gatehouse-test/1.0.0',
      server: 'notes',
    });
  });
});

describe('authorize', () => {
  it('lists only the tools the caller may use', async () => {
    const fx = notesFixture();
    const names = (await (await connect(fx, BOB)).listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(['get_note', 'list_notes']);
  });

  it('refuses a tool the caller lacks the scope for, names the scope, and audits the denial', async () => {
    const fx = notesFixture();
    const client = await connect(fx, BOB);
    const result = await client.callTool({ name: 'add_note', arguments: { title: 't', body: 'b' } });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(textOf(result)).toMatch(/notes:write|add_note/);
    expect(fx.notebook.list()).toHaveLength(3);
    expect(fx.audit.records.at(-1)).toMatchObject({
      name: 'add_note',
      decision: 'denied',
      outcome: 'not_run',
      code: 'forbidden',
    });
  });

  it('refuses a target outside the allowlist and names it', async () => {
    const fx = notesFixture();
    const client = await connect(fx, BOB);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n3' } });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(textOf(result)).toContain('note:n3');
    expect(textOf(result)).not.toContain('missing index');
    expect(fx.audit.records.at(-1)).toMatchObject({ target: 'note:n3', decision: 'denied' });
  });
});

describe('validate', () => {
  it('names the field and the rule, and never runs the handler', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 42 } });
    expect(errorCodeOf(result)).toBe('invalid_input');
    expect(textOf(result)).toMatch(/id: .*string/i);
    expect(fx.audit.records.at(-1)).toMatchObject({ code: 'invalid_input', outcome: 'not_run' });
  });

  it('refuses arguments the schema does not declare', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1', sql: 'drop table' } });
    expect(errorCodeOf(result)).toBe('invalid_input');
    expect(textOf(result)).toContain('sql');
  });
});

describe('rate limit', () => {
  it('refuses calls over the bucket with a retry-after, per actor and tool', async () => {
    const fx = notesFixture(undefined, { rateLimit: { default: { capacity: 2, refillPerSecond: 0.01 } } });
    const client = await connect(fx);
    for (let i = 0; i < 2; i++) {
      expect((await client.callTool({ name: 'get_note', arguments: { id: 'n1' } })).isError).toBeFalsy();
    }
    const limited = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect(errorCodeOf(limited)).toBe('rate_limited');
    expect(textOf(limited)).toMatch(/Retry after \d+/);
    // Another tool has its own bucket.
    expect((await client.callTool({ name: 'list_notes', arguments: {} })).isError).toBeFalsy();
    expect(fx.audit.records.filter((r) => r.code === 'rate_limited')).toHaveLength(1);
  });

  it('limits resource reads by the same rules, a per-name rule included', async () => {
    const fx = notesFixture(undefined, {
      rateLimit: {
        default: { capacity: 50, refillPerSecond: 1 },
        tools: { note: { capacity: 1, refillPerSecond: 0.01 } },
      },
    });
    const client = await connect(fx, BOB);
    await client.readResource({ uri: 'notes://n1' });
    await expect(client.readResource({ uri: 'notes://n1' })).rejects.toThrow(
      /Rate limit for note reached \(1 calls/,
    );
    expect(fx.audit.records.map((r) => [r.kind, r.code ?? 'ok'])).toEqual([
      ['resource', 'ok'],
      ['resource', 'rate_limited'],
    ]);
  });
});

describe('approve', () => {
  it('asks through elicitation when the client can, and runs only on a yes', async () => {
    const fx = notesFixture();
    const client = await connect(fx, ALICE, { elicitation: { form: {} } });
    const asked: string[] = [];
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(String(request.params.message));
      return { action: 'accept', content: { approve: true } };
    });
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'Deploy', body: 'today' } });
    expect(result.isError).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('add_note');
    expect(asked[0]).toContain('Deploy');
    expect(fx.notebook.list().map((n) => n.title)).toContain('Deploy');
    const record = fx.audit.records.at(-1);
    expect(record).toMatchObject({ name: 'add_note', decision: 'approved', outcome: 'ok' });
    expect(record?.approvalId).toMatch(/^apr_/);
  });

  it('does nothing when the person declines, and audits the rejection', async () => {
    const fx = notesFixture();
    const client = await connect(fx, ALICE, { elicitation: { form: {} } });
    client.setRequestHandler('elicitation/create', async () => ({ action: 'decline' }));
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'No', body: 'thanks' } });
    expect(errorCodeOf(result)).toBe('approval_rejected');
    expect(fx.notebook.list()).toHaveLength(3);
    expect(fx.audit.records.at(-1)).toMatchObject({
      decision: 'rejected',
      outcome: 'not_run',
      approver: 'alice',
      approvalChannel: 'elicitation',
    });
  });

  it('returns an out-of-band approval request when the client cannot ask, honours a grant once', async () => {
    const fx = notesFixture();
    const { client, kit } = await connectInMemory(fx.definition, { ...fx.options, identity: ALICE });
    open.push({ close: () => client.close() });
    const args = { name: 'add_note', arguments: { title: 'Out of band', body: 'x' } };
    const first = await client.callTool(args);
    expect(errorCodeOf(first)).toBe('approval_required');
    const approvalId = approvalIdOf(first);
    expect(fx.notebook.list()).toHaveLength(3);

    // Retrying before anyone grants it does not run, and does not pile up new requests.
    const again = await client.callTool(args);
    expect(errorCodeOf(again)).toBe('approval_required');
    expect(await kit.gate.approvals.list({ status: 'pending' })).toHaveLength(1);

    await kit.gate.approvals.grant(approvalId, { by: 'carol', via: 'cli' });
    const approved = await client.callTool(args);
    expect(approved.isError).toBeFalsy();
    expect(fx.notebook.list()).toHaveLength(4);

    // Single use: the same call needs a new approval.
    const replay = await client.callTool(args);
    expect(errorCodeOf(replay)).toBe('approval_required');
    expect(fx.notebook.list()).toHaveLength(4);
    // The approved call stored its intent before it ran, then its outcome.
    expect(fx.audit.records.map((r) => (r.phase === 'intent' ? 'intent' : r.decision))).toEqual([
      'approval_required',
      'approval_required',
      'intent',
      'approved',
      'approval_required',
    ]);
  });

  it('refuses an approval id used for different input', async () => {
    const fx = notesFixture();
    const { client, kit } = await connectInMemory(fx.definition, { ...fx.options, identity: ALICE });
    open.push({ close: () => client.close() });
    const first = await client.callTool({ name: 'add_note', arguments: { title: 'A', body: 'a' } });
    const approvalId = approvalIdOf(first);
    await kit.gate.approvals.grant(approvalId, { by: 'carol', via: 'cli' });
    const swapped = await client.callTool({
      name: 'add_note',
      arguments: { title: 'B (not what was approved)', body: 'b' },
      _meta: { 'dev.gatehouse/approval': approvalId },
    });
    expect(errorCodeOf(swapped)).toBe('approval_invalid');
    expect(fx.notebook.list()).toHaveLength(3);
  });

  it('skips approval where the policy says a role needs none', async () => {
    const fx = notesFixture();
    const client = await connect(fx, { ...ALICE, roles: ['trusted'] });
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'Trusted', body: 'x' } });
    expect(result.isError).toBeFalsy();
    expect(fx.audit.records.at(-1)).toMatchObject({ decision: 'allowed', outcome: 'ok' });
  });
});

describe('execute', () => {
  it('ends a call at its deadline and audits a timeout', async () => {
    const fx = notesFixture(undefined, { defaultTimeoutMs: 50 });
    let aborted = false;
    const slow = {
      ...fx.definition,
      tools: fx.definition.tools.map((t) =>
        t.name === 'list_notes'
          ? {
              ...t,
              handler: (_input: unknown, ctx: { signal: AbortSignal }) =>
                new Promise<never>((_resolve, reject) => {
                  ctx.signal.addEventListener('abort', () => {
                    aborted = true;
                    reject(new Error('aborted'));
                  });
                }),
            }
          : t,
      ),
    };
    const connection = await connectInMemory(slow as typeof fx.definition, {
      ...fx.options,
      identity: ALICE,
    });
    open.push(connection);
    const result = await connection.client.callTool({ name: 'list_notes', arguments: {} });
    expect(errorCodeOf(result)).toBe('timeout');
    expect(aborted).toBe(true);
    expect(fx.audit.records.at(-1)).toMatchObject({ outcome: 'timeout' });
  });

  it('passes a handler ToolError through with its code', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n99' } });
    expect(errorCodeOf(result)).toBe('not_found');
    expect(textOf(result)).toContain('No note with id n99');
    expect(fx.audit.records.at(-1)).toMatchObject({
      decision: 'allowed',
      outcome: 'error',
      code: 'not_found',
    });
  });

  it('hides unexpected failures behind a reference, without leaking the message', async () => {
    const fx = notesFixture();
    const broken = {
      ...fx.definition,
      tools: fx.definition.tools.map((t) =>
        t.name === 'list_notes'
          ? {
              ...t,
              handler: async () =>
                Promise.reject(new Error('connect ECONNREFUSED postgres://admin:s3cret@db')),
            }
          : t,
      ),
    };
    const connection = await connectInMemory(broken as typeof fx.definition, {
      ...fx.options,
      identity: ALICE,
    });
    open.push(connection);
    const result = await connection.client.callTool({ name: 'list_notes', arguments: {} });
    expect(errorCodeOf(result)).toBe('internal_error');
    expect(textOf(result)).toMatch(/reference [0-9a-f-]{36}/);
    expect(textOf(result)).not.toContain('s3cret');
    expect(fx.audit.records.at(-1)).toMatchObject({ outcome: 'error', code: 'internal_error' });
  });
});

describe('shape', () => {
  const secretNote: Note = {
    id: 'n1',
    title: 'Keys',
    body: 'token ghp_0123456789abcdefghijABCDEFGHIJ012345 mail alice@example.com \u202Eevil\u202C',
    author: 'alice',
  };

  it('redacts secrets and personal data in both renderings and counts them in the audit', async () => {
    const fx = notesFixture([secretNote]);
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    const body = (result.structuredContent as { body: string }).body;
    expect(body).toContain('[REDACTED:github_token]');
    expect(body).toContain('[REDACTED:email]');
    expect(body).not.toContain('ghp_0123');
    expect(textOf(result)).not.toContain('ghp_0123');
    expect(fx.audit.records.at(-1)?.redactions).toMatchObject({ github_token: 1, email: 1 });
  });

  it('finds a secret that zero-width characters were hiding in third-party text', async () => {
    const hidden: Note = { ...secretNote, body: 'key ghp_0123456789abcdefghij\u200BABCDEFGHIJ012345 end' };
    const fx = notesFixture([hidden]);
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect((result.structuredContent as { body: string }).body).toBe('key [REDACTED:github_token] end');
  });

  it('strips bidi controls from third-party text and fences it as untrusted', async () => {
    const fx = notesFixture([secretNote]);
    const client = await connect(fx);
    const result = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect((result.structuredContent as { body: string }).body).not.toMatch(/[\u202A-\u202E]/);
    expect(textOf(result)).toMatch(
      /<untrusted-data[^>]*>[\s\S]*\[REDACTED:github_token\][\s\S]*<\/untrusted-data>/,
    );
    expect(result._meta?.['dev.gatehouse/untrusted']).toEqual(['title', 'body']);
  });

  it('cuts a list to the output budget, says so, and pages on with a signed cursor', async () => {
    const many: Note[] = Array.from({ length: 60 }, (_, i) => ({
      id: `n${i + 1}`,
      title: `Note ${i + 1} ${'x'.repeat(60)}`,
      body: '',
      author: 'alice',
    }));
    const fx = notesFixture(many, { outputBudgetBytes: 2048 });
    const client = await connect(fx);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await client.callTool({ name: 'list_notes', arguments: cursor ? { cursor } : {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      const data = result.structuredContent as { notes: { id: string }[]; nextCursor?: string };
      seen.push(...data.notes.map((n) => n.id));
      if (data.nextCursor) expect(textOf(result)).toContain('cursor=');
      cursor = data.nextCursor;
      if (!cursor) break;
      expect(JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(2048);
    }
    expect(seen).toEqual(many.map((n) => n.id));
  });

  it('refuses a forged cursor and a cursor issued to someone else', async () => {
    const many: Note[] = Array.from({ length: 30 }, (_, i) => ({
      id: `n${i + 1}`,
      title: `Note ${i + 1}`,
      body: '',
      author: 'alice',
    }));
    const fx = notesFixture(many);
    const kit = createKitServer(fx.definition, fx.options);
    const alice = await connectInMemory(fx.definition, { ...fx.options, identity: ALICE, kit });
    const bob = await connectInMemory(fx.definition, {
      ...fx.options,
      identity: { ...BOB, roles: ['editor'] },
      kit,
    });
    open.push(alice, bob);
    const first = await alice.client.callTool({ name: 'list_notes', arguments: {} });
    const cursor = (first.structuredContent as { nextCursor: string }).nextCursor;
    expect(cursor).toBeTruthy();
    const next = await alice.client.callTool({ name: 'list_notes', arguments: { cursor } });
    expect(next.isError).toBeFalsy();
    const [body, mac] = cursor.split('.');
    const payload = JSON.parse(Buffer.from(body as string, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...payload, o: 0 })).toString('base64url');
    const forged = await alice.client.callTool({
      name: 'list_notes',
      arguments: { cursor: `${forgedBody}.${mac}` },
    });
    expect(errorCodeOf(forged)).toBe('invalid_cursor');
    const stolen = await bob.client.callTool({ name: 'list_notes', arguments: { cursor } });
    expect(errorCodeOf(stolen)).toBe('invalid_cursor');
    const otherQuery = await alice.client.callTool({
      name: 'list_notes',
      arguments: { cursor, author: 'bob' },
    });
    expect(errorCodeOf(otherQuery)).toBe('invalid_cursor');
  });
});

describe('audit', () => {
  it('writes one record per call with the fields a reviewer needs, and never the raw input', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    const record = fx.audit.records[0];
    expect(record).toMatchObject({
      kind: 'tool',
      name: 'get_note',
      version: '1.0.1',
      access: 'read',
      target: 'note:n2',
      decision: 'allowed',
      outcome: 'ok',
    });
    expect(record?.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);
    expect(record?.outputBytes).toBeGreaterThan(0);
    expect(JSON.stringify(record)).not.toContain('"n2"}');
  });

  it('refuses writes when the audit sink is down (fail closed), and says why', async () => {
    const fx = notesFixture();
    const client = await connect(fx, { ...ALICE, roles: ['trusted'] });
    fx.audit.failWith(new Error('disk full'));
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'Unaudited', body: 'x' } });
    expect(errorCodeOf(result)).toBe('audit_unavailable');
    expect(fx.notebook.list()).toHaveLength(3);
  });
});

describe('resources and prompts', () => {
  it('reads a resource through the pipeline: authorized, redacted, fenced, audited', async () => {
    const fx = notesFixture();
    const client = await connect(fx, BOB);
    const read = await client.readResource({ uri: 'notes://n2' });
    expect((read.contents[0] as { text: string }).text).toContain('Release checklist');
    expect((read.contents[0] as { text: string }).text).toContain('<untrusted-data');
    await expect(client.readResource({ uri: 'notes://n3' })).rejects.toThrow(/note:n3/);
    expect(fx.audit.records.map((r) => [r.kind, r.decision])).toEqual([
      ['resource', 'allowed'],
      ['resource', 'denied'],
    ]);
    const listed = await client.listResources();
    expect(listed.resources.map((r) => r.uri).sort()).toEqual(['notes://n1', 'notes://n2']);
  });

  it('renders a prompt with validated arguments', async () => {
    const fx = notesFixture();
    const client = await connect(fx);
    const prompt = await client.getPrompt({ name: 'summarize_notes', arguments: { author: 'alice' } });
    expect(JSON.stringify(prompt.messages)).toContain('Incident 42');
    await expect(client.getPrompt({ name: 'summarize_notes', arguments: {} })).rejects.toThrow(/author/);
  });
});
