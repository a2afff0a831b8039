import { describe, expect, it } from 'vitest';
import { ALICE, notesGate } from '../../test/fixtures.ts';
import { AuditDraft, auditRefusal } from './audit-record.ts';

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
