import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ALICE, notesGate } from '../../test/fixtures.ts';
import type { AuditSink } from '../audit/record.ts';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import { AuditDraft, auditRefusal } from './audit-record.ts';

const EVIL = { actor: 'mal\u0007lory', roles: [], scopes: [], via: 'api-key' as const };

describe('AuditDraft', () => {
  it('writes one record with the caller, the name and the redacted target', async () => {
    const { gate, audit } = notesGate();
    const draft = new AuditDraft(gate, ALICE, 'tool', 'get_note');
    draft.target = 'note:ghp_0123456789abcdefghijABCDEFGHIJ012345';
    await draft.write();
    await draft.write();
    expect(audit.records).toHaveLength(2);
    expect(audit.records[0]).toMatchObject({
      actor: 'alice',
      kind: 'tool',
      name: 'get_note',
      decision: 'denied',
    });
    expect(audit.records[1]?.target).toBe('note:[REDACTED:github_token]');
  });

  it('stores an intent before a write runs, and none for a read', async () => {
    const { gate, audit } = notesGate();
    const read = new AuditDraft(gate, ALICE, 'tool', 'get_note');
    read.access = 'read';
    await read.writeIntent();
    expect(audit.records).toHaveLength(0);
    const write = new AuditDraft(gate, ALICE, 'tool', 'add_note');
    write.access = 'write';
    await write.writeIntent();
    await write.write();
    expect(audit.records.map((r) => r.phase ?? 'outcome')).toEqual(['intent', 'outcome']);
    expect(audit.records[1]?.callId).toBe(audit.records[0]?.callId);
  });

  it('records a refusal before any tool, with a name the caller chose made safe', async () => {
    const { gate, audit } = notesGate();
    await auditRefusal(gate, ALICE, 'x\u202Ey\ud800', 'method_not_found');
    expect(audit.records[0]).toMatchObject({ kind: 'request', decision: 'denied', code: 'method_not_found' });
    expect(audit.records[0]?.name.isWellFormed()).toBe(true);
    expect(audit.records[0]?.name).not.toContain('\u202E');
  });
});

describe('AuditDraft: caller strings and a failing sink', () => {
  it('keeps the name made safe, whoever sets it, for the record, the metrics and log lines alike', async () => {
    const { gate, audit } = notesGate();
    const observed: string[] = [];
    const metrics = { ...gate.metrics, observe: (_k: string, name: string) => void observed.push(name) };
    const draft = new AuditDraft({ ...gate, metrics }, EVIL, 'tool', `x\ud800${'y'.repeat(5000)}`);
    expect(draft.name.isWellFormed()).toBe(true);
    expect(draft.name.length).toBeLessThanOrEqual(256);
    draft.name = 'evil\u202e\u0000name';
    expect(draft.name).toBe('evil\\u202e\\u0000name');
    await draft.write();
    expect(audit.records.at(-1)).toMatchObject({ name: 'evil\\u202e\\u0000name', actor: 'mal\\u0007lory' });
    expect(observed).toEqual(['evil\\u202e\\u0000name']);
  });

  it('bounds and cleans the client name and version a caller sent', async () => {
    const { gate, audit } = notesGate();
    const identity = { ...EVIL, client: { name: `c\udc00${'n'.repeat(500)}`, version: '1\n2' } };
    await new AuditDraft(gate, identity, 'tool', 'list_notes').write();
    const client = audit.records.at(-1)?.client ?? '';
    expect(client.isWellFormed()).toBe(true);
    expect(client.length).toBeLessThanOrEqual(256);
    expect(client.startsWith('c\ufffd')).toBe(true);
    expect(client.endsWith('/1\\u000a2')).toBe(true);
  });

  it('refuses to go on when the intent cannot be stored, and never fails a write’s outcome afterwards', async () => {
    const inner = createMemoryAuditSink();
    let refuse = true;
    const sink: AuditSink = {
      write: async (record) => (refuse ? Promise.reject(new Error('disk full')) : inner.write(record)),
      healthy: () => true,
      close: async () => {},
    };
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const { gate } = notesGate({ audit: sink, logger });
    const first = new AuditDraft(gate, EVIL, 'tool', 'add_note');
    first.access = 'write';
    await expect(first.writeIntent()).rejects.toMatchObject({ code: 'audit_unavailable' });

    refuse = false;
    const second = new AuditDraft(gate, EVIL, 'tool', 'add_note');
    second.access = 'write';
    await second.writeIntent();
    refuse = true;
    await expect(second.write()).resolves.toBeUndefined();
    expect(lines.map((l) => l.msg)).toContain(
      'the outcome of a write that ran could not be recorded; its intent is on record',
    );
    // Without an intent (a read), a record that cannot be stored is the caller's to handle.
    await expect(new AuditDraft(gate, EVIL, 'tool', 'get_note').write()).rejects.toThrow('disk full');
  });
});

describe('auditRefusal', () => {
  it('records a refusal before any tool as denied, or as the answer it was', async () => {
    const { gate, audit } = notesGate();
    await auditRefusal(gate, EVIL, '/mcp', 'forbidden');
    await auditRefusal(gate, EVIL, '/mcp', 'method_not_allowed', { decision: 'allowed', outcome: 'not_run' });
    expect(audit.records.map((r) => [r.kind, r.decision, r.code])).toEqual([
      ['request', 'denied', 'forbidden'],
      ['request', 'allowed', 'method_not_allowed'],
    ]);
  });
});
