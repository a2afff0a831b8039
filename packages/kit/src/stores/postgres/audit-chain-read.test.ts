// Tamper evidence in PostgreSQL: records stored by the real sink, then attacked as a database superuser would
// (append-only triggers off, the unique index dropped), then verified from the table.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { auditRecordHash } from '../../audit/chain.ts';
import { type Anchors, AuditVerifier, addAnchors } from '../../audit/verify.ts';
import { sampleAuditRecord } from '../../testing/audit-record.ts';
import { auditRecordsToVerify } from './audit-chain-read.ts';
import { queryAuditRecords } from './audit-query.ts';
import { createPostgresAuditSink } from './audit-sink.ts';
import { MIGRATIONS, migratePostgres } from './migrations.ts';
import { useFreshDatabases } from './test-database.ts';

const freshDatabase = useFreshDatabases('chain');

async function freshStore(migrations = MIGRATIONS): Promise<pg.Pool> {
  const pool = (await freshDatabase()).open();
  await migratePostgres(pool, migrations);
  return pool;
}

/** Six records stored by the sink (one stream), and their ids by seq. */
async function storeSix(pool: pg.Pool): Promise<{ stream: string; ids: string[] }> {
  const sink = createPostgresAuditSink(pool);
  for (let i = 1; i <= 6; i++) await sink.write(sampleAuditRecord({ actor: `user-${i}`, durationMs: i }));
  await sink.close();
  const { rows } = await pool.query<{ id: string; stream: string }>(
    'SELECT id::text, stream FROM gatehouse.audit_log WHERE stream IS NOT NULL ORDER BY seq',
  );
  return { stream: rows[0]?.stream as string, ids: rows.map((r) => r.id) };
}

/** Every column but the id. */
const COLUMNS = `time, actor, via, client, server, kind, name, version, access, target, targets, decision, outcome,
  code, duration_ms, input_digest, redactions, output_bytes, approval_id, phase, call_id, stream, seq, prev_hash, hash,
  stored_at`;

/** What a superuser can do: switch the append-only triggers off, run the statements, switch them on again. */
async function tamper(pool: pg.Pool, ...statements: string[]): Promise<void> {
  await pool.query('ALTER TABLE gatehouse.audit_log DISABLE TRIGGER USER');
  for (const sql of statements) await pool.query(sql);
  await pool.query('ALTER TABLE gatehouse.audit_log ENABLE TRIGGER USER');
}

async function verify(pool: pg.Pool, anchors?: Anchors) {
  const verifier = new AuditVerifier(anchors);
  for await (const input of auditRecordsToVerify(pool)) verifier.add(input);
  return verifier.finish();
}

const failures = (report: Awaited<ReturnType<typeof verify>>) =>
  report.findings
    .filter((f) => f.severity === 'failure')
    .map((f) => ({ kind: f.kind, seq: f.seq, at: f.at }));

describe('audit chains in PostgreSQL', () => {
  it('verify passes an untouched table and reports each stream with its head', async () => {
    const pool = await freshStore();
    const { stream } = await storeSix(pool);
    const report = await verify(pool);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.streams).toEqual([
      { stream, records: 6, firstSeq: 1, lastSeq: 6, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('finds a deleted record', async () => {
    const pool = await freshStore();
    const { ids } = await storeSix(pool);
    await tamper(pool, `DELETE FROM gatehouse.audit_log WHERE id = ${ids[2]}`);
    const report = await verify(pool);
    expect(failures(report)).toEqual([{ kind: 'missing', seq: 3, at: `seq 4 (id ${ids[3]})` }]);
    expect(report.findings[0]?.message).toContain(`between seq 2 (id ${ids[1]}) and seq 4 (id ${ids[3]})`);
  });

  it('finds an inserted record, even one with a correct hash that names the right predecessor', async () => {
    const pool = await freshStore();
    await storeSix(pool);
    const [first] = await queryAuditRecords(pool, { limit: 1 });
    const { id: _id, hash: _hash, ...content } = first!;
    const forged = { ...content, actor: 'mallory', seq: 2, prevHash: first!.hash as string };
    // A copy of seq 1 posing as seq 2, with the hash it should have: the unique index goes first.
    await tamper(
      pool,
      'DROP INDEX gatehouse.audit_log_stream_seq',
      `INSERT INTO gatehouse.audit_log (time, actor, via, client, server, kind, name, version, access, target,
         targets, decision, outcome, code, duration_ms, input_digest, redactions, output_bytes, approval_id, phase,
         call_id, stream, seq, prev_hash, hash)
       SELECT time, 'mallory', via, client, server, kind, name, version, access, target, targets, decision, outcome,
         code, duration_ms, input_digest, redactions, output_bytes, approval_id, phase, call_id, stream, 2, hash,
         '${auditRecordHash(forged)}'
       FROM gatehouse.audit_log WHERE id = ${first!.id}`,
    );
    const { rows } = await pool.query<{ id: string }>(
      "SELECT id::text FROM gatehouse.audit_log WHERE actor = 'mallory'",
    );
    const report = await verify(pool);
    expect(failures(report)).toEqual([{ kind: 'duplicate', seq: 2, at: `id ${rows[0]?.id}` }]);
  });

  it('finds one edited field, at the edited record', async () => {
    const pool = await freshStore();
    const { ids } = await storeSix(pool);
    await tamper(pool, `UPDATE gatehouse.audit_log SET outcome = 'error' WHERE id = ${ids[4]}`);
    expect(failures(await verify(pool))).toEqual([{ kind: 'edited', seq: 5, at: `id ${ids[4]}` }]);
  });

  it('finds an edit whose hash was recomputed: the next record names the old hash', async () => {
    const pool = await freshStore();
    const { ids } = await storeSix(pool);
    const [record] = await queryAuditRecords(pool, { actor: 'user-2' });
    const { id: _id, hash: _hash, ...content } = record!;
    const rewritten = auditRecordHash({ ...content, decision: 'denied' });
    await tamper(
      pool,
      `UPDATE gatehouse.audit_log SET decision = 'denied', hash = '${rewritten}' WHERE id = ${ids[1]}`,
    );
    expect(failures(await verify(pool))).toEqual([{ kind: 'broken_link', seq: 3, at: `id ${ids[2]}` }]);
  });

  it('finds reordered records: seq values swapped, or a record moved to the end of the table', async () => {
    const swapped = await freshStore();
    const a = await storeSix(swapped);
    await tamper(
      swapped,
      `UPDATE gatehouse.audit_log SET seq = -seq WHERE id IN (${a.ids[1]}, ${a.ids[2]})`,
      `UPDATE gatehouse.audit_log SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE id IN (${a.ids[1]}, ${a.ids[2]})`,
    );
    // Both moved records fail their own hash; the record after them no longer follows.
    expect(failures(await verify(swapped))).toEqual([
      { kind: 'edited', seq: 2, at: `id ${a.ids[2]}` },
      { kind: 'edited', seq: 3, at: `id ${a.ids[1]}` },
      { kind: 'broken_link', seq: 4, at: `id ${a.ids[3]}` },
    ]);

    const moved = await freshStore();
    const b = await storeSix(moved);
    // Deleted and stored again, unchanged: it now comes after every other row.
    await tamper(
      moved,
      `CREATE TEMP TABLE moved AS SELECT ${COLUMNS} FROM gatehouse.audit_log WHERE id = ${b.ids[2]}`,
      `DELETE FROM gatehouse.audit_log WHERE id = ${b.ids[2]}`,
      `INSERT INTO gatehouse.audit_log (${COLUMNS}) SELECT ${COLUMNS} FROM moved`,
    );
    const report = await verify(moved);
    expect(failures(report)).toEqual([{ kind: 'out_of_order', seq: 4, at: `id ${b.ids[3]}` }]);
    expect(report.findings[0]?.message).toMatch(/stored before seq 3 \(id \d+\)/);
  });

  it('finds a cut tail only against an anchor kept elsewhere', async () => {
    const pool = await freshStore();
    const { stream, ids } = await storeSix(pool);
    const [head] = await queryAuditRecords(pool, { actor: 'user-6' });
    const anchors: Anchors = new Map();
    addAnchors(
      anchors,
      JSON.stringify({ msg: 'audit chain head', stream, seq: 6, hash: head?.hash }),
      'server.log:1',
    );
    await tamper(pool, `DELETE FROM gatehouse.audit_log WHERE id IN (${ids[4]}, ${ids[5]})`);
    // Without the anchor the shorter stream is consistent: that is the limit of a chain on its own.
    expect((await verify(pool)).ok).toBe(true);
    expect(failures(await verify(pool, anchors))).toEqual([
      { kind: 'truncated', seq: 6, at: 'server.log:1' },
    ]);
  });

  it('reports rows from before chaining as a legacy segment, and an unchained row stored later as a failure', async () => {
    const pool = await freshStore(MIGRATIONS.slice(0, 2));
    const old = `INSERT INTO gatehouse.audit_log (time, actor, via, server, kind, name, version, decision, outcome,
      duration_ms, output_bytes) VALUES (now(), 'old', 'stdio', 's', 'tool', 't', '1.0.0', 'allowed', 'ok', 1, 0)`;
    await pool.query(old);
    await pool.query(old);
    await migratePostgres(pool);
    await storeSix(pool);
    const report = await verify(pool);
    expect(report).toMatchObject({ ok: true, legacy: 2, records: 8 });
    // Someone stores an unchained row after the fact (dropping the check that refuses it).
    await tamper(pool, 'ALTER TABLE gatehouse.audit_log DROP CONSTRAINT audit_log_chained', old);
    const { rows } = await pool.query<{ id: string }>('SELECT max(id)::text AS id FROM gatehouse.audit_log');
    expect(failures(await verify(pool))).toEqual([
      { kind: 'unchained', seq: undefined, at: `id ${rows[0]?.id}` },
    ]);
  });
});
