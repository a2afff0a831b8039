import { describe, expect, it } from 'vitest';
import { sampleAuditRecord } from '../testing/audit-record.ts';
import {
  AuditChain,
  auditRecordHash,
  canonicalAuditJson,
  canonicalJson,
  GENESIS_HASH,
  isChained,
  newStreamId,
  ownChain,
} from './chain.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out absent fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":"x","z":1}]},"b":1}',
    );
  });
});

describe('auditRecordHash', () => {
  it('does not depend on the order fields were set in', () => {
    const a = sampleAuditRecord({ redactions: { email: 1, github_token: 2 } });
    const b = Object.fromEntries(Object.entries(a).reverse()) as unknown as typeof a;
    (b as { redactions: unknown }).redactions = { github_token: 2, email: 1 };
    expect(auditRecordHash(b)).toBe(auditRecordHash(a));
    expect(canonicalAuditJson(b)).toBe(canonicalAuditJson(a));
  });

  it('covers fields it does not know (added to a log line by hand, or by a later build)', () => {
    const record = sampleAuditRecord();
    const extended = { ...record, note: { b: 1, a: 2 } } as typeof record;
    expect(auditRecordHash(extended)).not.toBe(auditRecordHash(record));
    expect(canonicalAuditJson(extended).endsWith(',["note",{"a":2,"b":1}]]')).toBe(true);
  });

  it('leaves `hash` out and treats an absent field as absent, whatever order', () => {
    const record = sampleAuditRecord();
    expect(auditRecordHash({ ...record, hash: 'x' })).toBe(auditRecordHash(record));
    expect(auditRecordHash({ ...record, code: undefined })).toBe(auditRecordHash(record));
  });

  it('never changes for a record already written (old chains must keep verifying)', () => {
    // A failure here means the serialization changed: existing chains would all read as edited. Undo it.
    const record = new AuditChain('notes/host/1/0123456789abcdef').link({
      time: '2030-01-01T00:00:00.000Z',
      actor: 'alice',
      via: 'api-key',
      client: 'test-client/1.0.0',
      server: 'notes',
      kind: 'tool',
      name: 'add_note',
      version: '1.0.0',
      access: 'write',
      target: 'notebook:demo',
      targets: ['notebook:demo', 'note:n1'],
      decision: 'approved',
      outcome: 'ok',
      durationMs: 1.25,
      inputDigest: 'sha256:abc',
      redactions: { email: 2, aws_key: 1 },
      outputBytes: 120,
      approvalId: 'apr_1',
      approver: 'carol',
      approvalChannel: 'cli',
      callId: '00000000-0000-4000-8000-000000000000',
    });
    // Also what sha256 of the documented serialization gives outside Node (Python's json.dumps, compact).
    expect(record.hash).toBe('312d7550fa73ddc20666e1ede062440aa21a97c2ea5c5b98608da2bfaafb0b9f');
  });
});

describe('AuditChain', () => {
  it('links records 1, 2, 3 each to the previous hash, each hash over everything but itself', () => {
    const chain = new AuditChain('notes/host/1/abc');
    const first = chain.link(sampleAuditRecord({ actor: 'a' }));
    const second = chain.link(sampleAuditRecord({ actor: 'b' }));
    expect(first).toMatchObject({ stream: 'notes/host/1/abc', seq: 1, prevHash: GENESIS_HASH, actor: 'a' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, actor: 'b' });
    expect(auditRecordHash(first)).toBe(first.hash);
    expect(auditRecordHash(second)).toBe(second.hash);
    expect(chain.head()).toEqual({ stream: 'notes/host/1/abc', seq: 2, hash: second.hash });
  });

  it('changes the hash when any field changes', () => {
    const record = new AuditChain('s').link(sampleAuditRecord());
    for (const edit of [{ actor: 'bob' }, { outputBytes: 121 }, { redactions: { email: 1 } }, { seq: 2 }]) {
      expect(auditRecordHash({ ...record, ...edit })).not.toBe(record.hash);
    }
  });

  it('makes a record safe before hashing it (what is stored is what was hashed)', () => {
    const record = new AuditChain('s').link(sampleAuditRecord({ client: 'bad\ud800/1' }));
    expect(record.client).toBe('bad\ufffd/1');
    expect(auditRecordHash(record)).toBe(record.hash);
  });

  it('relinks a record that carried a chain already: a chain is only ever this one', () => {
    const a = new AuditChain('a').link(sampleAuditRecord());
    const b = new AuditChain('b').link(a);
    expect(b).toMatchObject({ stream: 'b', seq: 1, prevHash: GENESIS_HASH });
  });
});

describe('ownChain', () => {
  it('passes chained records through and chains the rest in one stream of its own', () => {
    const link = ownChain();
    const chained = new AuditChain('given').link(sampleAuditRecord());
    expect(link(chained)).toBe(chained);
    const first = link(sampleAuditRecord());
    const second = link(sampleAuditRecord());
    expect(isChained(first)).toBe(true);
    expect(first.stream).toMatch(/^notes\//);
    expect([first.seq, second.seq, second.stream]).toEqual([1, 2, first.stream]);
  });

  it('gives each process-level chain a stream id of its own', () => {
    expect(newStreamId('notes')).not.toBe(newStreamId('notes'));
    expect(newStreamId('notes')).toMatch(new RegExp(`^notes/.+/${process.pid}/[0-9a-f]{16}$`));
  });
});
