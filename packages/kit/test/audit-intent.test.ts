// A write runs only after a durable record of its intent is stored, and a write that ran is never answered as
// refused: through the official SDK client and the whole pipeline, with sinks that fail at chosen moments.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord, AuditSink } from '../src/audit/record.ts';
import { createMemoryAuditSink } from '../src/audit/sinks.ts';
import { ToolError } from '../src/errors.ts';
import type { Identity } from '../src/identity.ts';
import { connectInMemory, type InMemoryConnection } from '../src/testing/index.ts';
import { ALICE, errorCodeOf, notesFixture } from './fixtures.ts';

// May add notes with no approval step, so the only thing between the call and the handler is the audit.
const TRUSTED: Identity = { actor: 'tess', roles: ['trusted'], scopes: [], via: 'stdio' };
const ADD = { name: 'add_note', arguments: { title: 'intent', body: 'b' } };

const open: InMemoryConnection[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

/** A memory sink that notes how many notes existed at each write, and can refuse the records a test picks. */
function watchingSink(notes: () => number, refuse: (record: AuditRecord) => boolean) {
  const inner = createMemoryAuditSink();
  const notesAtWrite: number[] = [];
  const sink: AuditSink = {
    async write(record) {
      notesAtWrite.push(notes());
      if (refuse(record)) throw new ToolError('audit_unavailable', 'the test sink refuses this record');
      await inner.write(record);
    },
    healthy: () => true,
    close: () => inner.close(),
  };
  return { sink, records: inner.records, notesAtWrite };
}

async function setUp(refuse: (record: AuditRecord) => boolean, identity: Identity = TRUSTED) {
  let count = () => 0;
  const watch = watchingSink(() => count(), refuse);
  const logged: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const fx = notesFixture(undefined, { audit: watch.sink, logger });
  count = () => fx.notebook.list().length;
  const connection = await connectInMemory(fx.definition, { ...fx.options, identity });
  open.push(connection);
  return { client: connection.client, fx, watch, logged };
}

describe('a write and its audit', () => {
  it('stores the intent before the handler runs, then the outcome that references it', async () => {
    const { client, fx, watch } = await setUp(() => false);
    const result = await client.callTool(ADD);
    expect(result.isError).toBeFalsy();
    expect(fx.notebook.list()).toHaveLength(4);
    const [intent, outcome] = watch.records;
    expect(intent).toMatchObject({
      phase: 'intent',
      name: 'add_note',
      decision: 'allowed',
      outcome: 'not_run',
    });
    expect(outcome).toMatchObject({ name: 'add_note', outcome: 'ok', callId: intent?.callId });
    expect(outcome).not.toHaveProperty('phase');
    expect(intent?.callId).toMatch(/^[0-9a-f-]{36}$/);
    // The intent was written while the notebook still had its 3 notes; the outcome after the 4th was added.
    expect(watch.notesAtWrite).toEqual([3, 4]);
    // One chain: the outcome follows the intent.
    expect(outcome).toMatchObject({ seq: (intent?.seq ?? 0) + 1, prevHash: intent?.hash });
  });

  it('does not run a write whose intent cannot be stored, and says so', async () => {
    const { client, fx, watch } = await setUp((r) => r.phase === 'intent');
    const result = await client.callTool(ADD);
    expect(errorCodeOf(result)).toBe('audit_unavailable');
    expect(JSON.stringify(result.content)).toContain('so it did not run');
    expect(fx.notebook.list()).toHaveLength(3);
    expect(watch.records).toEqual([
      expect.objectContaining({ name: 'add_note', outcome: 'not_run', code: 'audit_unavailable' }),
    ]);
    expect(watch.records[0]).not.toHaveProperty('callId');
  });

  it('answers with the real result when the outcome cannot be stored after the write ran', async () => {
    const { client, fx, watch, logged } = await setUp((r) => r.phase !== 'intent' && r.name === 'add_note');
    const result = await client.callTool(ADD);
    expect(result.isError).toBeFalsy();
    expect(errorCodeOf(result)).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ id: expect.stringMatching(/^n\d+$/) });
    expect(fx.notebook.list()).toHaveLength(4);
    expect(watch.records).toEqual([expect.objectContaining({ phase: 'intent' })]);
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'the outcome of a write that ran could not be recorded; its intent is on record',
        callId: watch.records[0]?.callId,
        outcome: 'ok',
      }),
    );
  });

  it('stores no intent for a read', async () => {
    const { client, watch } = await setUp(() => false, ALICE);
    const read = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect(read.isError).toBeFalsy();
    expect(watch.records).toEqual([expect.objectContaining({ name: 'get_note', outcome: 'ok' })]);
    expect(watch.records[0]).not.toHaveProperty('phase');
  });
});
