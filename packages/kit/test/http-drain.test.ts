import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDefinition } from '../src/contracts/define.ts';
import { acceptsConnections, type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { notesFixture } from './fixtures.ts';

// Closing the HTTP transport (SIGTERM, a rolling update) stops new connections at once but lets the calls already
// running finish and be audited; only a call still running at the drain limit is cut.

const bob = testApiKey('bob', ['reader']);

/** The notes server whose get_note waits, once entered, until the test lets it go. */
function slowNotes() {
  const fx = notesFixture();
  let entered!: () => void;
  let release!: () => void;
  const started = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tools = fx.definition.tools.map((tool) => {
    if (tool.name !== 'get_note') return tool;
    const handler = tool.handler;
    return {
      ...tool,
      handler: async (...args: Parameters<typeof handler>) => {
        entered();
        await gate;
        return handler(...args);
      },
    };
  });
  return { ...fx, definition: { ...fx.definition, tools } as ServerDefinition, started, release };
}

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('closing the HTTP transport', () => {
  it('refuses new connections but finishes and audits the call under way', async () => {
    const fx = slowNotes();
    harness = await startHttp(fx.definition, { ...fx.options, apiKeys: [bob.entry] });
    const port = Number(new URL(harness.url).port);
    const client = await harness.connect(bob.key);
    const call = client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    await fx.started;

    let closed = false;
    const closing = harness.http.close().then(() => {
      closed = true;
    });
    expect(await acceptsConnections(port)).toBe(false);
    expect(closed).toBe(false);

    fx.release();
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { title: string }).title).toBe('On-call handover');
    await closing;
    expect(closed).toBe(true);
    const record = fx.audit.records.find((r) => r.name === 'get_note');
    expect(record).toMatchObject({ actor: 'bob', outcome: 'ok' });
  });

  it('cuts a call still running at the drain limit, and closes', async () => {
    const fx = slowNotes();
    harness = await startHttp(fx.definition, { ...fx.options, apiKeys: [bob.entry], drainTimeoutMs: 200 });
    const client = await harness.connect(bob.key);
    const call = client.callTool({ name: 'get_note', arguments: { id: 'n1' } }).then(
      () => 'answered',
      () => 'cut',
    );
    await fx.started;
    await harness.http.close();
    expect(await call).toBe('cut');
    fx.release();
  });
});
