import type { RunningPostgres } from '@gatehouse/embedded-pg';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecordHash } from '../../audit/chain.ts';
import { sampleAuditRecord } from '../../testing/audit-record.ts';
import { queryAuditRecords } from './audit-query.ts';
import { createPostgresAuditSink } from './audit-sink.ts';
import { migratePostgres } from './migrations.ts';
import { createTestDatabase, startEmbeddedPostgres } from './test-database.ts';

let cluster: RunningPostgres;
let pool: pg.Pool;

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();
// Written out of time order on purpose: the query orders by time, then id.
const records = [
  sampleAuditRecord({
    time: at(5),
    actor: 'alice',
    server: 'notes',
    name: 'add_note',
    access: 'write',
    decision: 'approved',
    approvalId: 'apr_w',
    approver: 'carol',
    approvalChannel: 'cli',
  }),
  sampleAuditRecord({ time: at(1), actor: 'alice', server: 'notes', name: 'list_notes' }),
  sampleAuditRecord({
    time: at(2),
    actor: 'bob',
    server: 'database',
    name: 'run_query',
    decision: 'denied',
    outcome: 'not_run',
    code: 'forbidden',
    target: 'db:demo/billing.invoices',
    // Text PostgreSQL's array literals would quote (comma, quote, brace, backslash) must come back unchanged.
    targets: ['db:demo', 'db:demo/public."odd, {name}\\"', 'db:demo/billing.invoices'],
  }),
  sampleAuditRecord({
    time: at(3),
    actor: 'bob',
    server: 'notes',
    name: 'list_notes',
    approvalId: 'apr_x',
    redactions: { email: 2 },
  }),
  sampleAuditRecord({
    time: at(3),
    actor: 'carol',
    server: 'notes',
    name: 'get_note',
    decision: 'approval_required',
    client: undefined,
  }),
];

beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
  const db = await createTestDatabase(cluster, 'audit_query');
  pool = db.pool();
  await migratePostgres(pool);
  const sink = createPostgresAuditSink(pool);
  for (const record of records) await sink.write(record);
  await sink.close();
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

// The sink chains what it stores (audit-chain.ts): these fields come back beside what was written.
const chained = (seq: number) => ({
  stream: expect.stringMatching(/^notes\//),
  seq,
  prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
  hash: expect.stringMatching(/^[0-9a-f]{64}$/),
});

const actors = (rows: { actor: string; time: string }[]) =>
  rows.map((r) => `${r.actor}@${r.time.slice(14, 16)}`);

describe('queryAuditRecords', () => {
  it('returns every record as written, with its id, ordered by time then id', async () => {
    const rows = await queryAuditRecords(pool, {});
    expect(actors(rows)).toEqual(['alice@01', 'bob@02', 'bob@03', 'carol@03', 'alice@05']);
    const { id, ...withoutId } = rows[2]!;
    expect(id).toMatch(/^\d+$/);
    expect(withoutId).toEqual({ ...records[3], ...chained(4) });
    const { client: _omitted, ...carol } = records[4]!;
    expect(rows[3]).toEqual({ ...carol, ...chained(5), id: rows[3]!.id });
    // Who approved a call and through which channel come back as written.
    expect(rows[4]).toEqual({ ...records[0], ...chained(1), id: rows[4]!.id });
  });

  it('reads back every record exactly as it was hashed (the chain survives the round trip)', async () => {
    const rows = await queryAuditRecords(pool, {});
    expect(rows).toHaveLength(records.length);
    for (const { id: _id, ...record } of rows) expect(auditRecordHash(record)).toBe(record.hash);
  });

  it('returns the targets a call checked as written, and none for a record without them', async () => {
    const [denied] = await queryAuditRecords(pool, { actor: 'bob', decision: 'denied' });
    expect(denied).toEqual({ ...records[2], ...chained(3), id: denied?.id });
    expect(denied?.targets).toEqual([
      'db:demo',
      'db:demo/public."odd, {name}\\"',
      'db:demo/billing.invoices',
    ]);
    const [plain] = await queryAuditRecords(pool, { actor: 'alice', tool: 'list_notes' });
    expect(plain).not.toHaveProperty('targets');
  });

  it('filters by actor, server, tool, decision and time window', async () => {
    expect(actors(await queryAuditRecords(pool, { actor: 'bob' }))).toEqual(['bob@02', 'bob@03']);
    expect(actors(await queryAuditRecords(pool, { server: 'database' }))).toEqual(['bob@02']);
    expect(actors(await queryAuditRecords(pool, { tool: 'list_notes' }))).toEqual(['alice@01', 'bob@03']);
    expect(actors(await queryAuditRecords(pool, { decision: 'denied' }))).toEqual(['bob@02']);
    expect(actors(await queryAuditRecords(pool, { since: new Date(at(2)), until: new Date(at(5)) }))).toEqual(
      ['bob@02', 'bob@03', 'carol@03'],
    );
    expect(
      actors(await queryAuditRecords(pool, { actor: 'alice', tool: 'add_note', decision: 'approved' })),
    ).toEqual(['alice@05']);
    expect(await queryAuditRecords(pool, { actor: 'nobody' })).toEqual([]);
  });

  it('pages with limit and afterId, even through records with the same time', async () => {
    const pages: string[][] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await queryAuditRecords(pool, { limit: 2, ...(afterId ? { afterId } : {}) });
      if (page.length === 0) break;
      pages.push(actors(page));
      afterId = page.at(-1)?.id;
    }
    expect(pages).toEqual([['alice@01', 'bob@02'], ['bob@03', 'carol@03'], ['alice@05']]);
  });

  it('filters by outcome, target, approval, call and id', async () => {
    expect(actors(await queryAuditRecords(pool, { outcome: 'not_run' }))).toEqual(['bob@02']);
    expect(actors(await queryAuditRecords(pool, { target: 'db:demo/billing.invoices' }))).toEqual(['bob@02']);
    expect(actors(await queryAuditRecords(pool, { approvalId: 'apr_x' }))).toEqual(['bob@03']);
    expect(await queryAuditRecords(pool, { callId: 'no-such-call' })).toEqual([]);
    const [third] = (await queryAuditRecords(pool, {})).slice(2);
    expect(await queryAuditRecords(pool, { id: third?.id as string })).toEqual([third]);
  });

  it('pages newest first, afterId continuing towards older records', async () => {
    const pages: string[][] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await queryAuditRecords(pool, {
        limit: 2,
        newestFirst: true,
        ...(afterId ? { afterId } : {}),
      });
      if (page.length === 0) break;
      pages.push(actors(page));
      afterId = page.at(-1)?.id;
    }
    expect(pages).toEqual([['alice@05', 'carol@03'], ['bob@03', 'bob@02'], ['alice@01']]);
  });

  it('rejects a limit or afterId that cannot work, naming it', async () => {
    await expect(queryAuditRecords(pool, { limit: 0 })).rejects.toThrow(/limit must be a whole number/);
    await expect(queryAuditRecords(pool, { limit: 10_001 })).rejects.toThrow(/limit/);
    await expect(queryAuditRecords(pool, { afterId: '1; DROP' })).rejects.toThrow(/afterId/);
    await expect(queryAuditRecords(pool, { id: 'x' })).rejects.toThrow(/^id must be/);
  });
});
