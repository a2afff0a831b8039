import { InMemoryTransport, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import { defineServer, defineTool } from '../contracts/define.ts';
import { parsePolicy } from '../policy/policy.ts';
import { createKitServer } from '../server.ts';
import { connectInMemory } from '../testing/harness.ts';
import { withFastLane } from './fast-lane.ts';

const POLICY = parsePolicy(
  'roles:\n  r:\n    scopes: [t:read, t:write]\n    tools: ["*"]\n    targets: ["t:*"]\n',
  'p',
);
const IDENTITY = { actor: 'ada', roles: ['r'], scopes: [], via: 'stdio' as const };

/** A read tool that waits for its signal (or answers at once), and a write tool. */
function fixture() {
  const started: string[] = [];
  const aborted: string[] = [];
  const definition = defineServer({
    name: 'lane',
    version: '0.0.0',
    tools: [
      defineTool({
        name: 'wait',
        title: 'Wait',
        description: 'Waits until cancelled, or answers at once.',
        version: '1.0.0',
        access: 'read',
        scopes: ['t:read'],
        target: () => 't:x',
        input: z.object({ hold: z.boolean() }),
        output: z.object({ ok: z.boolean() }),
        async handler({ hold }, ctx) {
          started.push(String(hold));
          if (!hold) return { ok: true };
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
          aborted.push('wait');
          return { ok: false };
        },
      }),
      defineTool({
        name: 'change',
        title: 'Change',
        description: 'A write.',
        version: '1.0.0',
        access: 'write',
        scopes: ['t:write'],
        target: () => 't:x',
        input: z.object({}),
        output: z.object({ ok: z.boolean() }),
        async handler() {
          return { ok: true };
        },
      }),
    ],
  });
  const audit = createMemoryAuditSink();
  const kit = createKitServer(definition, { policy: POLICY, audit, logger: pino({ level: 'silent' }) });
  return { definition, kit, audit, started, aborted };
}

/** The lane over one end of an in-memory pair; what it hands the SDK is recorded instead of served. */
async function openLane() {
  const fx = fixture();
  const [clientEnd, serverEnd] = InMemoryTransport.createLinkedPair();
  const lane = withFastLane(serverEnd, fx.kit.gate, IDENTITY);
  const toSdk: JSONRPCMessage[] = [];
  const answers: JSONRPCMessage[] = [];
  lane.onmessage = (message) => toSdk.push(message);
  clientEnd.onmessage = (message) => answers.push(message);
  await lane.start();
  await clientEnd.start();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  /** The initialize exchange, with the SDK's answer played by the test. */
  const initialize = async (protocolVersion: string) => {
    await clientEnd.send({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'probe', version: '9' } },
    });
    await lane.send({ jsonrpc: '2.0', id: 0, result: { protocolVersion } as never });
  };
  /** What the client got besides the initialize answer the test played. */
  const answered = () => answers.filter((m) => (m as { id?: unknown }).id !== 0);
  const call = (id: number, name: string, args: Record<string, unknown>) =>
    clientEnd.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
  return { ...fx, clientEnd, lane, toSdk, answers, answered, settle, initialize, call };
}

describe('withFastLane', () => {
  it('answers a read tool itself once a 2025-era session is open, through the pipeline (audited)', async () => {
    const t = await openLane();
    await t.initialize('2025-06-18');
    await t.call(1, 'wait', { hold: false });
    await t.settle();
    expect(t.toSdk.map((m) => (m as { method?: string }).method)).toEqual(['initialize']);
    const answer = t.answers.find((m) => (m as { id?: number }).id === 1) as {
      result?: { structuredContent?: unknown };
    };
    expect(answer?.result?.structuredContent).toEqual({ ok: true });
    const record = t.audit.records.find((r) => r.name === 'wait');
    expect(record).toMatchObject({ decision: 'allowed', outcome: 'ok', actor: 'ada' });
    // The client named in initialize is the caller's client, as on the SDK-served path.
    expect(record?.client).toBe('probe/9');
  });

  it('hands the SDK everything before initialize, writes, odd shapes and unknown cancellations', async () => {
    const t = await openLane();
    await t.call(1, 'wait', { hold: false }); // before the session is open
    await t.initialize('2025-11-25');
    await t.call(2, 'change', {}); // a write may need an approval asked through elicitation
    await t.clientEnd.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: [1] } as never);
    await t.clientEnd.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 77 } });
    await t.clientEnd.send({ jsonrpc: '2.0', id: 4, method: 'tools/call' });
    await t.settle();
    expect(t.toSdk.map((m) => (m as { id?: number }).id ?? (m as { method: string }).method)).toEqual([
      1,
      0,
      2,
      3,
      'notifications/cancelled',
      4,
    ]);
    expect(t.answered()).toEqual([]);
  });

  it('never takes a 2026-era session, nor a request carrying the 2026 envelope', async () => {
    const t = await openLane();
    await t.initialize('2026-07-28');
    await t.call(1, 'wait', { hold: false });
    await t.settle();
    expect(t.toSdk.map((m) => (m as { id?: number }).id)).toEqual([0, 1]);

    const u = await openLane();
    await u.initialize('2025-06-18');
    await u.clientEnd.send({
      jsonrpc: '2.0',
      id: 5,
      method: 'ping',
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
    });
    await u.settle();
    expect(u.toSdk.map((m) => (m as { id?: number }).id)).toEqual([0, 5]);
  });

  it('aborts a cancelled request and sends no answer for it', async () => {
    const t = await openLane();
    await t.initialize('2025-06-18');
    await t.call(7, 'wait', { hold: true });
    await t.settle();
    expect(t.started).toEqual(['true']);
    await t.clientEnd.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } });
    await t.settle();
    expect(t.aborted).toEqual(['wait']);
    expect(t.answered()).toEqual([]);
    expect(t.toSdk.map((m) => (m as { method?: string }).method)).toEqual(['initialize']);
    expect(t.audit.records.find((r) => r.name === 'wait')?.outcome).not.toBe('ok');
  });

  it('aborts what is in flight when the wire closes', async () => {
    const t = await openLane();
    await t.initialize('2025-06-18');
    await t.call(8, 'wait', { hold: true });
    await t.settle();
    await t.clientEnd.close();
    await t.settle();
    expect(t.aborted).toEqual(['wait']);
  });

  it('serves the official SDK client: results, a cancelled call, and writes through the SDK path', async () => {
    const fx = fixture();
    const connection = await connectInMemory(fx.definition, {
      kit: fx.kit,
      policy: POLICY,
      identity: IDENTITY,
    });
    try {
      const result = await connection.client.callTool({ name: 'wait', arguments: { hold: false } });
      expect(result.structuredContent).toEqual({ ok: true });
      const controller = new AbortController();
      const pending = connection.client.callTool(
        { name: 'wait', arguments: { hold: true } },
        { signal: controller.signal },
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort('enough');
      await expect(pending).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fx.aborted).toEqual(['wait']);
      // A write goes the SDK's way and is held for a person's approval, as before.
      const write = await connection.client.callTool({ name: 'change', arguments: {} });
      expect(JSON.stringify(write)).toMatch(/approval/i);
    } finally {
      await connection.close();
    }
  });
});
