import { freeLoopbackPort } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryApprovalStore } from '../src/approvals/store.ts';
import { createPostgresAuditSink, type PostgresAuditSink } from '../src/stores/postgres/index.ts';
import { sampleAuditRecord } from '../src/testing/audit-record.ts';
import { connectInMemory } from '../src/testing/index.ts';
import { ALICE, errorCodeOf, notesFixture } from './fixtures.ts';

// The pipeline with an audit store that is down but buffers (PostgreSQL at a port where nothing listens):
// writes never run, reads follow `auditUnavailableReads`, and every call is still recorded (buffered).
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function downAuditStore(): Promise<PostgresAuditSink> {
  const pool = new pg.Pool({ connectionString: `postgres://x:y@127.0.0.1:${await freeLoopbackPort()}/x` });
  pool.on('error', () => {});
  const sink = createPostgresAuditSink(pool, { logger: pino({ level: 'silent' }), retryIntervalMs: 60_000 });
  await sink.write(sampleAuditRecord());
  await sink.flush().catch(() => {});
  expect(sink.healthy()).toBe(false);
  cleanup.push(async () => {
    await sink.close();
    await pool.end();
  });
  return sink;
}

async function connect(reads: 'allow' | 'refuse' | undefined) {
  const audit = await downAuditStore();
  const approvals = createMemoryApprovalStore();
  const fx = notesFixture(undefined, {
    audit,
    approvals,
    ...(reads === undefined ? {} : { auditUnavailableReads: reads }),
  });
  const connection = await connectInMemory(fx.definition, { ...fx.options, identity: ALICE });
  cleanup.push(() => connection.close());
  return { client: connection.client, fx, audit, approvals };
}

describe('while the audit store is down', () => {
  it('refuses writes before asking for approval, and allows reads by default', async () => {
    const { client, fx, audit, approvals } = await connect(undefined);
    const before = audit.stats().buffered;
    const write = await client.callTool({ name: 'add_note', arguments: { title: 't', body: 'b' } });
    expect(errorCodeOf(write)).toBe('audit_unavailable');
    expect(await approvals.list()).toEqual([]); // no one was asked to approve a call that cannot be recorded
    expect(fx.notebook.list()).toHaveLength(3);
    const read = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect(read.isError).toBeFalsy();
    const resource = await client.readResource({ uri: 'notes://n2' });
    expect(resource.contents).toHaveLength(1);
    // All three calls are on the record, waiting for the database.
    expect(audit.stats().buffered - before).toBe(3);
  });

  it('refuses tool reads, resource reads and prompts too when set to refuse', async () => {
    const { client, audit } = await connect('refuse');
    const before = audit.stats().buffered;
    const read = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect(errorCodeOf(read)).toBe('audit_unavailable');
    expect(JSON.stringify(read.content)).toContain('refuses reads until it is back');
    await expect(client.readResource({ uri: 'notes://n2' })).rejects.toThrow(/audit log is unavailable/);
    await expect(
      client.getPrompt({ name: 'summarize_notes', arguments: { author: 'alice' } }),
    ).rejects.toThrow(/audit log is unavailable/);
    expect(audit.stats().buffered - before).toBe(3);
  });
});
