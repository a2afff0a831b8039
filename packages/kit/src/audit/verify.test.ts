import { describe, expect, it } from 'vitest';
import { sampleAuditRecord } from '../testing/audit-record.ts';
import { AuditChain, auditRecordHash } from './chain.ts';
import type { AuditRecord, ChainedAuditRecord } from './record.ts';
import { type Anchors, AuditVerifier, addAnchors, parseAuditLine, type VerifyInput } from './verify.ts';

/** A stream of n records, stored at positions 1..n (like ids), located "id <position>". */
function stream(name: string, n: number, start = 0): VerifyInput[] {
  const chain = new AuditChain(name);
  return Array.from({ length: n }, (_, i) => {
    const record = chain.link(sampleAuditRecord({ actor: `a${i + 1}`, durationMs: i }));
    return { record, at: `id ${start + i + 1}`, position: start + i + 1 };
  });
}

function verify(inputs: readonly VerifyInput[], anchors?: Anchors) {
  const verifier = new AuditVerifier(anchors);
  for (const input of inputs) verifier.add(input);
  return verifier.finish();
}

const failures = (report: ReturnType<typeof verify>) =>
  report.findings.filter((f) => f.severity === 'failure').map((f) => [f.kind, f.seq, f.at]);

const rehashed = (record: AuditRecord): ChainedAuditRecord => {
  const { hash: _h, ...rest } = record;
  return { ...(rest as ChainedAuditRecord), hash: auditRecordHash(rest) };
};

describe('AuditVerifier', () => {
  it('passes an intact stream and reports its head', () => {
    const records = stream('s', 5);
    const report = verify(records);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.streams).toEqual([
      { stream: 's', records: 5, firstSeq: 1, lastSeq: 5, headHash: records[4]?.record.hash },
    ]);
  });

  it('passes streams that interleave (replicas appending to one file)', () => {
    const a = stream('a', 4);
    const b = stream('b', 4, 10);
    const mixed = [a[0], b[0], b[1], a[1], a[2], b[2], b[3], a[3]] as VerifyInput[];
    expect(verify(mixed).ok).toBe(true);
  });

  it('finds an edited field, at the edited record', () => {
    const records = stream('s', 5);
    const r = records[2] as VerifyInput;
    records[2] = { ...r, record: { ...r.record, actor: 'someone-else' } };
    expect(failures(verify(records))).toEqual([['edited', 3, 'id 3']]);
  });

  it('finds an edit whose hash was recomputed: the next record no longer follows it', () => {
    const records = stream('s', 5);
    const r = records[2] as VerifyInput;
    records[2] = { ...r, record: rehashed({ ...r.record, outcome: 'error' }) };
    const report = verify(records);
    expect(failures(report)).toEqual([['broken_link', 4, 'id 4']]);
    expect(report.findings[0]?.message).toContain('does not follow seq 3 (id 3)');
  });

  it('finds a deleted record, naming the missing seq and its neighbours', () => {
    const records = stream('s', 5);
    records.splice(1, 1);
    const report = verify(records);
    expect(failures(report)).toEqual([['missing', 2, 'seq 3 (id 3)']]);
    expect(report.findings[0]?.message).toMatch(
      /seq 2 is missing, between seq 1 \(id 1\) and seq 3 \(id 3\)/,
    );
  });

  it('finds the deleted start of a stream', () => {
    const records = stream('s', 5).slice(2);
    expect(failures(verify(records))).toEqual([['missing', 1, 'seq 3 (id 3)']]);
  });

  it('finds an inserted record that copies a seq, whether stored after or before the genuine one', () => {
    for (const position of [2.5, 1.5]) {
      const records = stream('s', 4);
      const prev = records[0]?.record as ChainedAuditRecord;
      // A forgery that knows the algorithm: correct hash, and it names seq 1's hash as its predecessor.
      const forged = rehashed({ ...prev, actor: 'forged', seq: 2, prevHash: prev.hash });
      const input = { record: forged, at: `id ${position}`, position };
      // In seq order (as PostgreSQL is read): the two seq-2 records side by side, in position order.
      records.splice(position < 2 ? 1 : 2, 0, input);
      expect(failures(verify(records)), `stored at ${position}`).toEqual([
        ['duplicate', 2, `id ${position}`],
      ]);
    }
  });

  it('finds records moved in a file (seq goes back) and in a table (ids out of seq order)', () => {
    const file = stream('s', 5);
    [file[1], file[2]] = [file[2] as VerifyInput, file[1] as VerifyInput];
    expect(failures(verify(file))).toEqual([['out_of_order', 2, 'id 2']]);

    // Table: read in seq order; seq 3 was deleted and stored again (new id), so it now sits after seq 5.
    const table = stream('s', 5);
    table[2] = { ...(table[2] as VerifyInput), at: 'id 9', position: 9 };
    expect(failures(verify(table))).toEqual([['out_of_order', 4, 'id 4']]);
  });

  it('counts legacy records, and fails an unchained one that is not legacy', () => {
    const legacy = { record: sampleAuditRecord(), at: 'id 1', position: 1, legacy: true };
    const late = { record: sampleAuditRecord(), at: 'id 9', position: 9 };
    const report = verify([legacy, ...stream('s', 2, 1), late]);
    expect(report.legacy).toBe(1);
    expect(failures(report)).toEqual([['unchained', undefined, 'id 9']]);
  });

  it('pairs intents with outcomes: an open intent is a notice, an outcome without one a failure', () => {
    const chain = new AuditChain('s');
    const base = { access: 'write' as const, name: 'add_note' };
    const inputs = [
      sampleAuditRecord({ ...base, phase: 'intent', callId: 'c1', outcome: 'not_run' }),
      sampleAuditRecord({ ...base, callId: 'c1' }),
      sampleAuditRecord({ ...base, phase: 'intent', callId: 'c2', outcome: 'not_run' }),
      sampleAuditRecord({ ...base, callId: 'c3' }),
    ].map((r, i) => ({ record: chain.link(r), at: `id ${i + 1}`, position: i + 1 }));
    const report = verify(inputs);
    expect(failures(report)).toEqual([['outcome_without_intent', 4, 'id 4']]);
    expect(report.findings.filter((f) => f.severity === 'notice')).toEqual([
      expect.objectContaining({ kind: 'intent_without_outcome', seq: 3, at: 'id 3' }),
    ]);
    expect(verify(inputs.slice(0, 3)).ok).toBe(true);
  });

  it('checks anchors: a differing record, a cut tail, a stream that is gone', () => {
    const records = stream('s', 5);
    const anchors: Anchors = new Map();
    const log = [
      ...records.map((r) => JSON.stringify({ stream: 's', seq: r.record.seq, hash: r.record.hash })),
      JSON.stringify({ stream: 'gone', seq: 7, hash: 'f'.repeat(64), msg: 'audit chain head' }),
    ];
    for (const [i, line] of log.entries()) addAnchors(anchors, line, `server.log:${i + 1}`);
    expect(failures(verify(records.slice(0, 3), anchors))).toEqual([
      ['truncated', 5, 'server.log:5'],
      ['stream_missing', 7, 'server.log:6'],
    ]);
    // A stream of the same name rebuilt from scratch (a consistent chain, other contents): anchored records differ.
    const rebuilt = new AuditChain('s');
    const forged = Array.from({ length: 5 }, (_, i) => ({
      record: rebuilt.link(sampleAuditRecord({ actor: 'rewritten', durationMs: i })),
      at: `id ${i + 1}`,
      position: i + 1,
    }));
    const kinds = failures(verify([...forged, ...stream('gone', 7, 100)], anchors)).map(
      ([kind, seq]) => `${kind}@${seq}`,
    );
    expect(kinds).toContain('anchor_mismatch@1');
    expect(kinds).toContain('anchor_mismatch@5');
    expect(kinds).toContain('anchor_mismatch@7');
  });
});

describe('parseAuditLine', () => {
  it('reads the record of an audit line and skips other lines', () => {
    const record = new AuditChain('s').link(sampleAuditRecord());
    const line = `{"level":30,${JSON.stringify(record).slice(1, -1)},"msg":"audit"}`;
    expect(parseAuditLine(line)).toEqual(record);
    expect(parseAuditLine('{"level":30,"msg":"started"}')).toBeUndefined();
    expect(parseAuditLine('')).toBeUndefined();
    expect(() => parseAuditLine('{not json')).toThrow();
  });
});
