import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ago, auditRecord, startTestDatabase, storeAudit, type TestDatabase } from '../test/support.ts';
import { LATE_ARRIVAL_MS, newestAuditRecords, startAuditFollower } from './audit-reader.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

// The audit log is append-only (a trigger refuses DELETE), so each test tells its records apart by actor.
let actor = '';
let counter = 0;
beforeEach(() => {
  actor = `reader-${++counter}`;
});

describe('newestAuditRecords', () => {
  it('returns the newest records oldest first, from the most recent window', async () => {
    const now = Date.now();
    await storeAudit(
      db.pool,
      [50, 40, 30, 20, 10].map((m, i) =>
        auditRecord({ actor, time: ago(m * MINUTE, now), name: `tool_${i}` }),
      ),
    );
    const newest = await newestAuditRecords(db.pool, { actor }, 3, now);
    expect(newest.map((r) => r.name)).toEqual(['tool_2', 'tool_3', 'tool_4']);
  });

  it('widens the window until it holds enough, reaching records months old', async () => {
    const now = Date.now();
    await storeAudit(db.pool, [
      auditRecord({ actor, time: ago(200 * DAY, now), name: 'ancient' }),
      auditRecord({ actor, time: ago(30 * DAY, now), name: 'old' }),
      auditRecord({ actor, time: ago(2 * MINUTE, now), name: 'recent' }),
    ]);
    expect((await newestAuditRecords(db.pool, { actor }, 2, now)).map((r) => r.name)).toEqual([
      'old',
      'recent',
    ]);
    expect((await newestAuditRecords(db.pool, { actor }, 10, now)).map((r) => r.name)).toEqual([
      'ancient',
      'old',
      'recent',
    ]);
  });

  it('keeps to the filters and the given time range', async () => {
    const now = Date.now();
    await storeAudit(db.pool, [
      auditRecord({ actor, time: ago(3 * DAY, now), name: 'a', decision: 'denied', outcome: 'not_run' }),
      auditRecord({ actor, time: ago(2 * DAY, now), name: 'b' }),
      auditRecord({ actor, time: ago(1 * DAY, now), name: 'c', decision: 'denied', outcome: 'not_run' }),
      auditRecord({ actor, time: ago(1 * MINUTE, now), name: 'd' }),
    ]);
    const denied = await newestAuditRecords(db.pool, { actor, decision: 'denied' }, 5, now);
    expect(denied.map((r) => r.name)).toEqual(['a', 'c']);
    const before = await newestAuditRecords(
      db.pool,
      { actor, until: new Date(now - 12 * 3_600_000) },
      2,
      now,
    );
    expect(before.map((r) => r.name)).toEqual(['b', 'c']);
    const since = await newestAuditRecords(db.pool, { actor, since: new Date(now - 2.5 * DAY) }, 10, now);
    expect(since.map((r) => r.name)).toEqual(['b', 'c', 'd']);
  });
});

describe('startAuditFollower', () => {
  it('reports each new record once, never the ones already in the store at start', async () => {
    const now = Date.now();
    await storeAudit(db.pool, [
      auditRecord({ actor, time: ago(30_000, now), name: 'before-1' }),
      auditRecord({ actor, time: ago(20_000, now), name: 'before-2' }),
    ]);
    const follower = await startAuditFollower(db.pool, { actor }, now);
    expect(await follower.poll()).toEqual([]);
    await storeAudit(db.pool, [
      auditRecord({ actor, time: new Date(now + 1000).toISOString(), name: 'new-1' }),
    ]);
    expect((await follower.poll()).map((r) => r.name)).toEqual(['new-1']);
    expect(await follower.poll()).toEqual([]);
  });

  it('still reports a record stored late, after newer ones were reported', async () => {
    const now = Date.now();
    const follower = await startAuditFollower(db.pool, { actor }, now);
    await storeAudit(db.pool, [
      auditRecord({ actor, time: new Date(now + 5000).toISOString(), name: 'newer' }),
    ]);
    expect((await follower.poll()).map((r) => r.name)).toEqual(['newer']);
    // Batched by another replica: its time is before the record already shown.
    const late = new Date(now + 5000 - LATE_ARRIVAL_MS / 2).toISOString();
    await storeAudit(db.pool, [auditRecord({ actor, time: late, name: 'late' })]);
    expect((await follower.poll()).map((r) => r.name)).toEqual(['late']);
    expect(await follower.poll()).toEqual([]);
  });

  it('follows only records matching the filters', async () => {
    const now = Date.now();
    const follower = await startAuditFollower(db.pool, { actor, tool: 'add_note' }, now);
    await storeAudit(db.pool, [
      auditRecord({ actor, time: new Date(now + 1000).toISOString(), name: 'list_notes' }),
      auditRecord({ actor, time: new Date(now + 2000).toISOString(), name: 'add_note', access: 'write' }),
    ]);
    expect((await follower.poll()).map((r) => r.name)).toEqual(['add_note']);
  });
});
